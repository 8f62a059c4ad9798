import { allocate, formatDate, formatMoney, type Discount, type PromoRefusal } from '@makeries/shared';
import type { promoCodes } from '../../db/schema/index';

export type PromoRow = typeof promoCodes.$inferSelect;

/** One shop order of the cart, before the promo: `goodsCents` is what its goods cost (delivery fee excluded). */
export interface PromoShopOrder {
  vendorId: string;
  vendorName: string;
  currency: string;
  goodsCents: number;
}

/**
 * What we know about the customer. `known: false` (a guest's cart quote, before the email is typed) skips the
 * per-customer checks; checkout always knows (account or contact email) and checks them again.
 */
export interface PromoCustomerFacts {
  known: boolean;
  /** earlier uses of this code by this customer */
  uses: number;
  /** an earlier order at the marketplace (marketplace code) or at the code's shop (shop code) */
  hasEarlierOrder: boolean;
}

export type PromoDecision =
  | { ok: true; shares: { vendorId: string; discount: Discount }[] }
  | { ok: false; refusal: PromoRefusal; message: string };

const refuse = (refusal: PromoRefusal, message: string): PromoDecision => ({ ok: false, refusal, message });

/** The shops of the cart the code is valid at: its own shop, or a marketplace code's list (empty = all). */
function eligibleShops(promo: PromoRow, shops: readonly PromoShopOrder[]): PromoShopOrder[] {
  if (promo.fundedBy === 'shop') return shops.filter((s) => s.vendorId === promo.vendorId);
  if (promo.shopIds.length === 0) return [...shops];
  return shops.filter((s) => promo.shopIds.includes(s.vendorId));
}

function windowRefusal(promo: PromoRow, now: Date): PromoDecision | null {
  if (!promo.active) return refuse('inactive', `The code ${promo.code} is no longer active.`);
  if (promo.startsAt && promo.startsAt > now) return refuse('not_started', `The code ${promo.code} starts on ${formatDate(promo.startsAt, 'dayMonthYear')}.`);
  if (promo.endsAt && promo.endsAt <= now) return refuse('expired', `The code ${promo.code} expired on ${formatDate(promo.endsAt, 'dayMonthYear')}.`);
  return null;
}

function customerRefusal(promo: PromoRow, facts: PromoCustomerFacts, shopName: string | null): PromoDecision | null {
  if (promo.totalLimit !== null && promo.uses >= promo.totalLimit) return refuse('used_up', `The code ${promo.code} has been used up.`);
  if (!facts.known) return null;
  if (promo.perCustomerLimit !== null && facts.uses >= promo.perCustomerLimit) {
    const times = promo.perCustomerLimit === 1 ? 'once' : `${promo.perCustomerLimit} times`;
    return refuse('customer_limit', `You have already used the code ${promo.code} (it is valid ${times} per customer).`);
  }
  if (promo.firstOrderOnly && facts.hasEarlierOrder) {
    const where = shopName ? ` at ${shopName}` : '';
    return refuse('first_order_only', `The code ${promo.code} is for your first order${where} only.`);
  }
  return null;
}

/**
 * Whether the code applies to this cart and, if so, each shop order's 'promo' adjustment: a percentage applies to
 * every qualifying shop order; a fixed amount is split over them by their goods (largest remainders), so a £5 code
 * on a £30 + £10 cart takes £3.75 + £1.25. The minimum basket is per shop order: shops below it get nothing.
 */
export function decidePromo(promo: PromoRow, shops: readonly PromoShopOrder[], facts: PromoCustomerFacts, now: Date): PromoDecision {
  const closed = windowRefusal(promo, now);
  if (closed) return closed;
  const eligible = eligibleShops(promo, shops);
  if (eligible.length === 0) {
    return refuse('wrong_shop', `The code ${promo.code} is not valid at the ${shops.length === 1 ? 'shop' : 'shops'} in your cart.`);
  }
  const ownShop = promo.fundedBy === 'shop' ? (eligible[0]?.vendorName ?? null) : null;
  const limited = customerRefusal(promo, facts, ownShop);
  if (limited) return limited;
  const qualifying = eligible.filter((s) => s.goodsCents >= promo.minBasketCents && s.goodsCents > 0);
  if (qualifying.length === 0) {
    const closest = [...eligible].sort((a, b) => b.goodsCents - a.goodsCents)[0];
    if (!closest) return refuse('wrong_shop', `The code ${promo.code} is not valid for this cart.`);
    const short = formatMoney(promo.minBasketCents - closest.goodsCents, closest.currency);
    return refuse('below_minimum', `Spend ${short} more at ${closest.vendorName} to use the code ${promo.code}.`);
  }
  if (promo.discountKind === 'percent') {
    return { ok: true, shares: qualifying.map((s) => ({ vendorId: s.vendorId, discount: { kind: 'percent', bps: promo.percentBps } })) };
  }
  const goods = qualifying.map((s) => s.goodsCents);
  const amount = Math.min(promo.amountCents, goods.reduce((a, b) => a + b, 0));
  const parts = allocate(amount, goods);
  return {
    ok: true,
    shares: qualifying.map((s, i) => ({ vendorId: s.vendorId, discount: { kind: 'amount', amountCents: parts[i] ?? 0 } })),
  };
}
