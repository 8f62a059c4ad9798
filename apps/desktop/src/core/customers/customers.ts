import { uuidv7, type CounterCustomer, type ReceiptEmailArgs } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import { isoAt, type CoreContext } from '../context';
import type { CartView } from '../cart/view';
import { createCartModule } from '../cart/carts';
import { writeTx } from '../db/open';
import { carts, sales } from '../db/schema/index';
import { notFound, parseInput } from '../errors';
import { enqueue } from '../outbox/outbox';
import { requireStaff } from '../staff/auth';
import { counterServerApi, online } from '../store/server-api';
import {
  attachCustomerInput,
  customerLookupInput,
  emailReceiptInput,
  receiptAddressInput,
  saleIdInput,
  type AttachCustomerInput,
  type EmailReceiptInput,
  type ReceiptAddressInput,
} from './inputs';

const OFFLINE_LOOKUP =
  'Finding a customer needs a connection to the marketplace, and it cannot be reached right now. You can still type their email just for the receipt.';

/** Who the sale is for, as the sale screens show it. */
interface SaleCustomer {
  customerId: string | null;
  name: string | null;
  /** the address to offer for the receipt: the customer's, or one typed for this sale */
  email: string | null;
}

interface ReceiptEmailView {
  id: string;
  to: string;
  requestedAt: string;
  /** pending: waits for the next sync (or the connection); applied: the server queued the email */
  status: 'pending' | 'applied' | 'rejected';
}

interface QueuedReceiptEmail extends ReceiptEmailView {
  /** false: "Will send when back online" */
  online: boolean;
}

/**
 * Customers at the counter: find an account by exact email or phone (online only), attach it to the open sale
 * (the sale carries the customer id to the server), and email receipts through the outbox. The email address of
 * an attached customer, or one typed only for the receipt, is remembered per cart in memory: the sale screens
 * offer it; after a restart staff type it again.
 */
function createCustomerModule(ctx: CoreContext, opts: { fetch?: typeof fetch } = {}) {
  const cart = createCartModule(ctx);
  const addressByCart = new Map<string, string>();

  const openCartId = (): string | null => cart.current()?.id ?? null;

  function emailFor(cartId: string): string | null {
    return addressByCart.get(cartId) ?? null;
  }

  function receiptEmails(saleId: string): ReceiptEmailView[] {
    const rows = ctx.sqlite
      .prepare(`SELECT id, args, status FROM outbox WHERE name = 'receipt.email' AND json_extract(args, '$.orderId') = ? ORDER BY mutation_id DESC`)
      .all(saleId) as { id: string; args: string; status: ReceiptEmailView['status'] }[];
    return rows.map((r) => {
      const a = JSON.parse(r.args) as ReceiptEmailArgs;
      return { id: r.id, to: a.to, requestedAt: a.requestedAt, status: r.status };
    });
  }

  return {
    async lookup(input: { query: string }): Promise<CounterCustomer | null> {
      const p = parseInput(customerLookupInput, input);
      requireStaff(ctx);
      const api = counterServerApi(ctx.sqlite, opts.fetch);
      return online(OFFLINE_LOOKUP, () => api.counterCustomers.lookup.query(p));
    },

    /** Puts the customer on the open sale (null detaches); their email is offered for the receipt. */
    attach(input: AttachCustomerInput | { customer: null }): CartView {
      if (input.customer === null) {
        const view = cart.attachCustomer({ customerId: null });
        addressByCart.delete(view.id);
        return view;
      }
      const p = parseInput(attachCustomerInput, input);
      const view = cart.attachCustomer({ customerId: p.customer.id, name: p.customer.name });
      if (p.customer.email) addressByCart.set(view.id, p.customer.email.toLowerCase());
      else addressByCart.delete(view.id);
      return view;
    },

    /** An address only for this sale's receipt (no account needed, works offline); null forgets it. */
    setReceiptAddress(input: ReceiptAddressInput): { email: string | null } {
      const p = parseInput(receiptAddressInput, input);
      requireStaff(ctx);
      const id = openCartId();
      if (!id) throw notFound('Start the sale first: scan an item, then add the email for the receipt.');
      if (p.email) addressByCart.set(id, p.email);
      else addressByCart.delete(id);
      return { email: p.email };
    },

    /** The open sale's customer and receipt address, for the cart panel. */
    current(): SaleCustomer | null {
      const view = cart.current();
      if (!view) return null;
      return { customerId: view.customerId, name: view.customerName, email: emailFor(view.id) };
    },

    forSale(input: { saleId: string }): SaleCustomer {
      const { saleId } = parseInput(saleIdInput, input);
      const row = ctx.db
        .select({ customerId: sales.customerId, cartId: sales.cartId, name: carts.customerName })
        .from(sales)
        .leftJoin(carts, eq(carts.id, sales.cartId))
        .where(eq(sales.id, saleId))
        .get();
      if (!row) throw notFound('No sale with that id at this counter.');
      return { customerId: row.customerId, name: row.name, email: emailFor(row.cartId) ?? receiptEmails(saleId)[0]?.to ?? null };
    },

    receiptEmails: (input: { saleId: string }) => receiptEmails(parseInput(saleIdInput, input).saleId),

    /**
     * Queues "email this receipt" in the outbox (the sale goes first, so the server has it): sent by the server
     * after the next sync. A bad address is refused here and nothing is queued.
     */
    emailReceipt(input: EmailReceiptInput): QueuedReceiptEmail {
      const p = parseInput(emailReceiptInput, input);
      const me = requireStaff(ctx);
      const now = ctx.now();
      return writeTx(ctx.db, () => {
        const sale = ctx.db.select({ id: sales.id }).from(sales).where(eq(sales.id, p.saleId)).get();
        if (!sale) throw notFound('No sale with that id at this counter.');
        const args: ReceiptEmailArgs = { id: uuidv7(now), orderId: p.saleId, to: p.to, staffId: me.staffId, requestedAt: isoAt(now) };
        const queued = enqueue(ctx.db, now, 'receipt.email', args);
        return { id: queued.id, to: args.to, requestedAt: args.requestedAt, status: 'pending', online: ctx.connectivity.online };
      });
    },
  };
}

export type CustomerModule = ReturnType<typeof createCustomerModule>;

const modules = new WeakMap<CoreContext, CustomerModule>();

/** One module per counter core: it remembers receipt addresses per cart for as long as the core runs. */
export function customersOf(ctx: CoreContext, opts: { fetch?: typeof fetch } = {}): CustomerModule {
  let m = modules.get(ctx);
  if (!m) {
    m = createCustomerModule(ctx, opts);
    modules.set(ctx, m);
  }
  return m;
}
