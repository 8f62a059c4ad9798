import { AppError, loyaltyEarned, loyaltyReversed, type LoyaltyScheme } from '@makeries/shared';
import type { Tx } from '../../db/client';
import { appendLoyaltyEntry, orderEntries, type AppendResult } from './ledger';
import { loyaltyProgrammeOf } from './programme';

/**
 * What orders do to a card (issue 18). Every entry has a natural key derived from the order (or refund) id, so a
 * repeated push, a replayed transition or a retried checkout writes it once:
 *   order:<id>:earn         the order's earning (web: when the shop accepts it; counter: when the sale syncs)
 *   order:<id>:redeem       stamps or points used as the order's 'loyalty' discount
 *   order:<id>:earn-back    a cancelled or rejected web order takes back what it earned…
 *   order:<id>:redeem-back  …and gives back what it redeemed
 *   refund:<id>:earn-back   a refund takes back the earning of what was refunded (see loyaltyReversed)
 */
export interface OrderFacts {
  id: string;
  vendorId: string;
  customerId: string | null;
}

/** Earns on `spentCents` under the shop's current programme; nothing without a customer or a programme. */
export async function earnForOrder(tx: Tx, order: OrderFacts, spentCents: number): Promise<AppendResult | null> {
  if (!order.customerId) return null;
  const programme = await loyaltyProgrammeOf(tx, order.vendorId);
  if (programme.kind === 'off') return null;
  const units = loyaltyEarned(programme, spentCents);
  if (units <= 0) return null;
  return appendLoyaltyEntry(tx, {
    vendorId: order.vendorId,
    customerId: order.customerId,
    scheme: programme.kind,
    kind: 'earn',
    naturalKey: `order:${order.id}:earn`,
    orderId: order.id,
    units,
  });
}

export interface RedeemFacts {
  scheme: LoyaltyScheme;
  units: number;
  cents: number;
  /** the counter's offline redemption is recorded even below zero (it already happened); the web refuses */
  mayOverdraw: boolean;
}

/** Records a redemption; on the web a balance too small is refused (the checkout rolls back). */
export async function redeemForOrder(tx: Tx, order: OrderFacts, r: RedeemFacts): Promise<AppendResult | null> {
  if (!order.customerId || r.units <= 0) return null;
  const result = await appendLoyaltyEntry(tx, {
    vendorId: order.vendorId,
    customerId: order.customerId,
    scheme: r.scheme,
    kind: 'redeem',
    naturalKey: `order:${order.id}:redeem`,
    orderId: order.id,
    units: -r.units,
    cents: r.cents,
  });
  if (result.inserted && result.overdrawn > 0 && !r.mayOverdraw) {
    const had = result.balance + r.units;
    throw new AppError('DISCOUNT_TOO_LARGE', `You have ${had} ${r.scheme} at this shop, so ${r.units} cannot be used. Use fewer or none.`, {
      details: { vendorId: order.vendorId, balance: had, asked: r.units, scheme: r.scheme },
    });
  }
  return result;
}

type Entry = Awaited<ReturnType<typeof orderEntries>>[number];
const sumOf = (entries: Entry[], test: (e: Entry) => boolean) => entries.filter(test).reduce((s, e) => s + e.units, 0);
const isEarnBack = (e: Entry) => e.kind === 'reversal' && e.naturalKey.endsWith(':earn-back');

/** A cancelled or rejected order: the rest of its earning comes off, its redemption goes back on. */
export async function reverseOrder(tx: Tx, order: OrderFacts): Promise<void> {
  if (!order.customerId) return;
  const entries = await orderEntries(tx, order.vendorId, order.id);
  const earn = entries.find((e) => e.kind === 'earn');
  const keptEarning = sumOf(entries, (e) => e.kind === 'earn' || isEarnBack(e));
  if (earn && keptEarning > 0) {
    await appendLoyaltyEntry(tx, { ...base(order, earn), naturalKey: `order:${order.id}:earn-back`, units: -keptEarning });
  }
  const redeem = entries.find((e) => e.kind === 'redeem');
  if (redeem) {
    await appendLoyaltyEntry(tx, { ...base(order, redeem), naturalKey: `order:${order.id}:redeem-back`, units: -redeem.units, cents: -redeem.cents });
  }
}

/**
 * After a refund (`refundKey` names it) with `refundedCents` of `totalCents` back in all: the earning of what
 * was refunded comes off, cumulatively, so several partial refunds never take more than the order earned.
 */
export async function reverseForRefunds(tx: Tx, order: OrderFacts, refundKey: string, totalCents: number, refundedCents: number): Promise<void> {
  if (!order.customerId) return;
  const entries = await orderEntries(tx, order.vendorId, order.id);
  const earn = entries.find((e) => e.kind === 'earn');
  if (!earn) return;
  const target = loyaltyReversed(earn.units, totalCents, refundedCents);
  const already = -sumOf(entries, isEarnBack);
  if (target > already) {
    await appendLoyaltyEntry(tx, { ...base(order, earn), naturalKey: `refund:${refundKey}:earn-back`, units: -(target - already) });
  }
}

function base(order: OrderFacts, like: Entry) {
  return { vendorId: order.vendorId, customerId: like.customerId, scheme: like.scheme, kind: 'reversal' as const, orderId: order.id };
}
