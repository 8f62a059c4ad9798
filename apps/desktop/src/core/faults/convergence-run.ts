import { AppError, uuidv7 } from '@makeries/shared';
import { TRPCClientError } from '@trpc/client';
import { sell, serverClient, type ServerShop, type ShopVariant } from '../sync/test-kit';
import { replayPush, type Replica } from './convergence-kit';
import type { Op } from './convergence-ops';

/** What the property run did, for the final checks and the report. */
export interface RunState {
  readonly replicas: Replica[];
  readonly variants: ShopVariant[];
  /** sale ids made at each replica */
  readonly sales: string[][];
  readonly webOrders: { id: string; trackingToken: string }[];
  /** the price each variant was last given by the owner */
  readonly prices: Map<string, number>;
  /** per op kind: done, or refused by a business rule (e.g. an illegal transition) */
  readonly outcomes: Record<string, { done: number; refused: number }>;
  /** the distinct refusal messages per op kind (a few), so a report shows why ops were refused */
  readonly reasons: Record<string, string[]>;
}

function at<T>(list: readonly T[], i: number): T | undefined {
  return list.length === 0 ? undefined : list[i % list.length];
}

/** A refusal a user could get (AppError at the counter, an error answer from the server); anything else fails the run. */
function isRefusal(e: unknown): boolean {
  return e instanceof AppError || e instanceof TRPCClientError;
}

async function counterOp(s: RunState, op: Op, r: Replica): Promise<boolean> {
  const core = r.core;
  switch (op.kind) {
    case 'sale': {
      const v = at(s.variants, op.variant);
      if (!v) return false;
      s.sales[op.counter]?.push(sell(core, v, op.quantity).id);
      r.sync.notifyLocalWrite();
      return true;
    }
    case 'refund': {
      const saleId = at(s.sales[op.counter] ?? [], op.sale);
      if (!saleId) return false;
      await core.refunds.refund({ saleId, restock: op.restock, tender: 'cash', reason: 'Changed their mind' });
      r.sync.notifyLocalWrite();
      return true;
    }
    case 'count': {
      const v = at(s.variants, op.variant);
      if (!v) return false;
      await core.inventory.record({ kind: 'count', variantId: v.id, quantity: op.quantity, note: 'Shelf count' });
      r.sync.notifyLocalWrite();
      return true;
    }
    case 'transition': {
      const open = core.webOrders.list({ limit: 200 }).filter((o) => o.next.length > 0);
      const order = at(open, op.order);
      const to = order ? at(order.next, op.choice) : undefined;
      if (!order || !to) return false;
      const extra = to === 'accepted' ? { prepMinutes: 10 } : to === 'rejected' || to === 'cancelled' ? { reason: 'Sold out today' } : {};
      core.webOrders.transition({ orderId: order.id, to, ...extra });
      r.sync.notifyLocalWrite();
      return true;
    }
    default:
      return networkOp(op, r);
  }
}

async function networkOp(op: Op, r: Replica): Promise<boolean> {
  switch (op.kind) {
    case 'partition':
      await r.partition();
      return true;
    case 'heal':
      await r.heal();
      return true;
    case 'sync':
      if (r.partitioned) return false;
      await r.sync.syncNow();
      return true;
    case 'replay': {
      if (r.partitioned) return false;
      // duplicate: resend rows up to `back` below the newest; ahead: send rows past a hole of 1–3 unsent ones
      const from = op.ahead ? r.core.mirror.state().serverLastMutationId + 1 + (op.back % 3) : Math.max(0, r.core.outbox.stats().lastMutationId - op.back);
      await replayPush(r, from, op.count);
      return true;
    }
    default:
      return false;
  }
}

async function serverOp(s: RunState, op: Op, shop: ServerShop, url: string): Promise<boolean> {
  switch (op.kind) {
    case 'webOrder': {
      const v = at(s.variants, op.variant);
      if (!v) return false;
      const placed = await serverClient(url).orders.checkout.mutate({
        idempotencyKey: uuidv7(),
        contact: { name: 'Web Customer', email: 'web@example.com' },
        items: [{ variantId: v.id, quantity: op.quantity }],
        fulfilment: [{ vendorId: shop.vendorId, type: 'pickup' }],
        paymentMethod: 'pay_at_pickup',
      });
      for (const o of placed.orders) s.webOrders.push({ id: o.id, trackingToken: o.trackingToken });
      return true;
    }
    case 'cancelOnline': {
      const o = at(s.webOrders, op.order);
      if (!o) return false;
      await serverClient(url).orders.transition.mutate({ orderId: o.id, to: 'cancelled', trackingToken: o.trackingToken });
      return true;
    }
    case 'price': {
      const v = at(s.variants, op.variant);
      if (!v) return false;
      await shop.owner.products.upsertVariant.mutate({ id: v.id, productId: v.productId, sku: v.sku, priceCents: op.priceCents, barcode: null });
      s.prices.set(v.id, op.priceCents);
      return true;
    }
    default:
      return false;
  }
}

const SERVER_OPS = new Set<Op['kind']>(['webOrder', 'cancelOnline', 'price']);

/** Runs one operation; a business refusal is counted, any other error fails the property. */
export async function runOp(s: RunState, op: Op, shop: ServerShop, url: string): Promise<void> {
  const tally = (s.outcomes[op.kind] ??= { done: 0, refused: 0 });
  try {
    let done: boolean;
    if (SERVER_OPS.has(op.kind)) done = await serverOp(s, op, shop, url);
    else {
      const r = 'counter' in op ? s.replicas[op.counter] : undefined;
      if (!r) throw new Error(`no replica for ${JSON.stringify(op)}`);
      done = await counterOp(s, op, r);
    }
    if (done) tally.done++;
    else tally.refused++;
  } catch (e) {
    if (!isRefusal(e)) throw e;
    tally.refused++;
    const seen = (s.reasons[op.kind] ??= []);
    const message = e instanceof Error ? e.message : String(e);
    if (seen.length < 4 && !seen.includes(message)) seen.push(message);
  }
}
