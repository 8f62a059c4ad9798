import { AppError, uuidv7, type LineTotals, type SaleCompleteArgs } from '@makeries/shared';
import { isoAt, type CoreContext } from '../context';
import { writeTx, type CounterDb } from '../db/open';
import { vendorSettings } from '../catalog/vendor';
import { activeLines, requireOpenCart, type CartLineRow } from '../cart/store';
import { cartTotals } from '../cart/view';
import { requirePaired } from '../device/device';
import { conflict, parseInput } from '../errors';
import { saleLoyaltyOf } from '../loyalty/cart-loyalty';
import { salePromoOf } from '../promos/cart-promo';
import { enqueue } from '../outbox/outbox';
import { completeSaleInput, type CompleteSaleInput } from '../schemas/sale';
import { requireOpenShift } from '../shifts/store';
import { requireStaff } from '../staff/auth';
import { nextReceiptNumber } from './receipt-seq';
import { planTenders, type TenderPlan } from './tender';
import { saleQueries } from './queries';
import { loadSale, saleById, type SaleView } from './views';

const MAX_LINES = 500;

function lineSnapshots(lines: readonly CartLineRow[], totals: readonly LineTotals[], nowMs: number): SaleCompleteArgs['lines'] {
  return lines.map((l, i) => {
    const t = totals[i];
    if (!t || t.key !== l.id) throw new AppError('INTERNAL', 'Cart totals do not line up with the cart lines.');
    return {
      id: uuidv7(nowMs),
      lineNo: i + 1,
      productId: l.productId ?? null,
      variantId: l.variantId ?? null,
      name: l.name,
      variantName: l.variantName,
      sku: l.sku,
      quantity: l.quantity,
      soldBy: l.soldBy,
      unitPriceCents: l.unitPriceCents,
      taxRateBps: t.taxRateBps,
      discountCents: t.discountCents,
      taxCents: t.taxCents,
      totalCents: t.totalCents,
    };
  });
}

interface SaleExtras {
  registerCode: string;
  seq: number;
  cartId: string;
  outboxId: string;
  lines: readonly CartLineRow[];
}

function writeSale(db: CounterDb, args: SaleCompleteArgs, extra: SaleExtras): void {
  const q = saleQueries(db);
  const { lines, payments, ...sale } = args;
  q.insertSale.run({ ...sale, registerCode: extra.registerCode, seq: extra.seq, cartId: extra.cartId, outboxId: extra.outboxId });
  lines.forEach((l, i) => {
    const cartLine = extra.lines[i];
    const trackStock = cartLine?.trackStock ?? false;
    q.insertLine.run({ ...l, saleId: args.id, trackStock, note: cartLine?.note ?? '' });
    if (l.variantId && trackStock) {
      // the ledger records what left the shelf; a sale is never refused for stock (DESIGN §3)
      q.insertMovement.run({
        id: uuidv7(),
        variantId: l.variantId,
        kind: 'sale',
        quantity: -l.quantity,
        occurredAt: args.completedAt,
        referenceId: args.id,
        staffId: args.staffId,
        note: '',
        outboxId: extra.outboxId,
      });
    }
  });
  for (const p of payments) q.insertPayment.run({ ...p, saleId: args.id, reference: p.reference ?? null });
}

function buildArgs(base: Omit<SaleCompleteArgs, 'payments'>, plan: TenderPlan, nowMs: number): SaleCompleteArgs {
  return {
    ...base,
    payments: plan.payments.map((p) => ({
      id: uuidv7(nowMs),
      kind: p.kind,
      amountCents: p.amountCents,
      tenderedCents: p.tenderedCents,
      changeCents: p.changeCents,
      ...(p.reference ? { reference: p.reference } : {}),
    })),
  };
}

/**
 * Turns the open cart into an immutable sale: order, line snapshots, payments, ledger movements and the
 * 'sale.complete' outbox row are written in ONE transaction (with fsync), so after a crash either all of
 * it exists or none of it does and the cart is still open.
 */
export function completeSale(ctx: CoreContext, input: CompleteSaleInput): SaleView {
  const p = parseInput(completeSaleInput, input);
  const staff = requireStaff(ctx);
  const device = requirePaired(ctx.db);
  if (p.tenders.some((t) => t.kind === 'stripe_terminal') && !ctx.connectivity.online) {
    throw conflict('Card payments through Stripe need a connection. Use the card machine (external) or cash.', { offline: true });
  }
  const now = ctx.now();
  return writeTx(ctx.db, () => {
    const cart = requireOpenCart(ctx.db);
    if (p.cartId && p.cartId !== cart.id) throw conflict('The sale on screen is no longer the open one. Refresh and try again.');
    const lines = activeLines(ctx.db, cart.id);
    if (lines.length === 0) throw new AppError('BAD_INPUT', 'The cart is empty. Scan or add an item first.');
    if (lines.length > MAX_LINES) throw new AppError('BAD_INPUT', `A sale can have at most ${MAX_LINES} lines; split it.`);
    const vendor = vendorSettings(ctx.db);
    const shift = requireOpenShift(ctx.db, device.registerCode);
    const totals = cartTotals(vendor, cart, lines);
    const plan = planTenders(totals.totalCents, p.tenders, vendor.cashRoundingCents, vendor.currency);
    const receipt = nextReceiptNumber(ctx.db, device.registerCode);
    const args = buildArgs(
      {
        id: uuidv7(now),
        number: receipt.number,
        shiftId: shift.id,
        staffId: staff.staffId,
        completedAt: isoAt(now),
        currency: vendor.currency,
        taxMode: vendor.taxMode,
        subtotalCents: totals.subtotalCents,
        discountCents: totals.discountCents,
        taxCents: totals.taxCents,
        roundingCents: plan.roundingCents,
        totalCents: totals.totalCents,
        note: cart.note,
        customerId: cart.customerId ?? null,
        loyalty: saleLoyaltyOf(cart, totals),
        // the shop's code at what the totals took off; the server reconciles its limits on sync (never refused)
        promo: salePromoOf(cart, totals),
        lines: lineSnapshots(lines, totals.lines, now),
      },
      plan,
      now,
    );
    const queued = enqueue(ctx.db, now, 'sale.complete', args);
    writeSale(ctx.db, args, { registerCode: device.registerCode, seq: receipt.seq, cartId: cart.id, outboxId: queued.id, lines });
    saleQueries(ctx.db).completeCart.run({ id: cart.id, at: isoAt(now) });
    const sale = saleById(ctx.db, args.id);
    if (!sale) throw new AppError('INTERNAL', 'The sale was not stored.');
    return loadSale(ctx.db, sale);
  });
}
