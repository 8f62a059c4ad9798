import { AppError, DEFAULT_SOLD_OUT_POLICY, type SoldOutPolicy } from '@makeries/shared';
import { readDevice } from '../device/device';
import type { CounterDb } from '../db/open';
import { preparedFor } from '../db/prepared';
import { onHandFor } from '../catalog/stock';
import type { SellableVariant } from '../catalog/lookup';

/*
 * Selling what this counter believes is sold out (issue 11). The counter's belief is its mirror of the server's
 * level plus its own unsent movements (catalog/stock.ts), less what the open sale already holds. DESIGN §3: a
 * counter sale is never refused for stock, so `block` refuses only while online, where the belief is fresh;
 * offline it degrades to the `warn` question, and the message says so.
 */

const queries = preparedFor((db) => ({
  policy: db.$client.prepare('SELECT sold_out_policy AS policy FROM mirror_vendor WHERE id = ?'),
  inOpenCart: db.$client.prepare(
    `SELECT coalesce(sum(l.quantity), 0) AS n FROM cart_lines l JOIN carts c ON c.id = l.cart_id
     WHERE c.status = 'open' AND l.variant_id = ? AND l.sold_by = 'each' AND l.voided_at IS NULL`,
  ),
}));

function soldOutPolicy(db: CounterDb): SoldOutPolicy {
  const vendorId = readDevice(db).vendorId;
  const row = vendorId ? (queries(db).policy.get(vendorId) as { policy: SoldOutPolicy } | undefined) : undefined;
  return row?.policy ?? DEFAULT_SOLD_OUT_POLICY;
}

/** What the UI needs to ask "0 in stock — sell anyway?" (details.soldOut of the OUT_OF_STOCK error). */
interface SoldOutSignal {
  variantId: string;
  name: string;
  /** what the counter believes is left for this sale: on hand less what the open sale already holds */
  available: number;
  policy: SoldOutPolicy;
  /** false only for `block` while online */
  canSellAnyway: boolean;
  /** `block` while offline: asked as a warning instead */
  offline: boolean;
}

export interface SoldOutCheck {
  variant: SellableVariant;
  /** items for goods sold each, grams for weighed goods */
  quantity: number;
  soldBy: 'each' | 'weight';
  /** staff answered "sell anyway" */
  sellAnyway: boolean;
  online: boolean;
}

/** Left for this sale, or null when the counter knows no level (untracked, or never counted): nothing to warn. */
function availableFor(db: CounterDb, variant: SellableVariant, soldBy: 'each' | 'weight'): number | null {
  if (!variant.trackStock) return null;
  const onHand = onHandFor(db, [variant.variantId]).get(variant.variantId);
  if (onHand === undefined) return null;
  if (soldBy === 'weight') return onHand;
  const held = (queries(db).inOpenCart.get(variant.variantId) as { n: number }).n;
  return onHand - held;
}

/**
 * Throws OUT_OF_STOCK (nothing written) when the line would sell more than the counter believes is there and the
 * shop wants to be asked; `sellAnyway` answers the question. Weighed goods may be stocked by the item, so they
 * are only "sold out" at nothing left at all.
 */
export function checkSoldOut(db: CounterDb, c: SoldOutCheck): void {
  const policy = soldOutPolicy(db);
  if (policy === 'allow') return;
  const available = availableFor(db, c.variant, c.soldBy);
  if (available === null) return;
  const short = c.soldBy === 'weight' ? available <= 0 : available < c.quantity;
  if (!short) return;
  const blocked = policy === 'block' && c.online;
  if (c.sellAnyway && !blocked) return;
  const left = Math.max(0, available);
  const signal: SoldOutSignal = {
    variantId: c.variant.variantId,
    name: c.variant.name,
    available: left,
    policy,
    canSellAnyway: !blocked,
    offline: policy === 'block' && !c.online,
  };
  const stock = left === 0 ? '0 in stock' : `Only ${left} in stock`;
  const message = blocked
    ? `${c.variant.name}: ${stock}. This shop does not sell items the till shows as sold out — receive or count the stock first.`
    : policy === 'block'
      ? `${c.variant.name}: ${stock} — sell anyway? (Offline: the shop’s “block sold-out items” rule applies only online.)`
      : `${c.variant.name}: ${stock} — sell anyway?`;
  throw new AppError('OUT_OF_STOCK', message, { details: { soldOut: signal } });
}
