/**
 * Loyalty maths (issue 18), shared so the counter shows at once what the server's ledger will record:
 * what an order earns, what a redemption is worth, what a refund takes back, and the words on the card.
 * Units are stamps or points; money is integer minor units of the shop's currency.
 */
import { formatMoney } from './format/format';
import type { CartAdjustment } from './totals';
import type { LoyaltyProgramme } from './schemas/loyalty';

export const LOYALTY_KEY = 'loyalty';

/** Stamps or points an order earns on `spentCents` (goods after every discount, delivery excluded). */
export function loyaltyEarned(p: LoyaltyProgramme, spentCents: number): number {
  if (spentCents <= 0) return 0;
  if (p.kind === 'stamps') return spentCents >= p.minOrderCents ? 1 : 0;
  if (p.kind === 'points') return Math.floor((spentCents * p.pointsPerPound) / 100);
  return 0;
}

export interface LoyaltyRedemption {
  /** stamps or points taken off the balance */
  units: number;
  /** the discount they are worth */
  cents: number;
}

/**
 * What `units` buy: whole rewards for stamps (the rest stays on the card); for points the discount rounds down
 * to the minor unit and only the points that discount needs are used ("120 points: £1.20 off" at 100 = £1).
 */
export function loyaltyRedemption(p: LoyaltyProgramme, units: number): LoyaltyRedemption {
  if (units <= 0) return { units: 0, cents: 0 };
  if (p.kind === 'stamps') {
    const rewards = Math.floor(units / p.stampsForReward);
    return { units: rewards * p.stampsForReward, cents: rewards * p.rewardCents };
  }
  if (p.kind === 'points') return pointsFor(p.pointsPerPoundOff, Math.floor((units * 100) / p.pointsPerPoundOff));
  return { units: 0, cents: 0 };
}

function pointsFor(pointsPerPoundOff: number, cents: number): LoyaltyRedemption {
  return { units: Math.ceil((cents * pointsPerPoundOff) / 100), cents };
}

/**
 * The most a balance can take off a basket worth `basketCents`: points up to the basket, stamps as whole rewards
 * but no more of them than the basket needs. Nothing for a zero or negative balance.
 */
export function loyaltyBestRedemption(p: LoyaltyProgramme, balance: number, basketCents: number): LoyaltyRedemption {
  if (balance <= 0 || basketCents <= 0) return { units: 0, cents: 0 };
  if (p.kind === 'stamps') {
    const rewards = Math.min(Math.floor(balance / p.stampsForReward), Math.ceil(basketCents / p.rewardCents));
    return { units: rewards * p.stampsForReward, cents: rewards * p.rewardCents };
  }
  if (p.kind === 'points') {
    const worth = loyaltyRedemption(p, balance).cents;
    return pointsFor(p.pointsPerPoundOff, Math.min(worth, basketCents));
  }
  return { units: 0, cents: 0 };
}

/**
 * The redemption actually used once totals clamped the discount to what was left (a £3 reward on a £2 basket
 * takes £2): points give back the unused part, a stamp reward is spent whole.
 */
export function loyaltyUsed(p: LoyaltyProgramme, asked: LoyaltyRedemption, appliedCents: number): LoyaltyRedemption {
  if (asked.units === 0 || appliedCents <= 0) return { units: 0, cents: 0 };
  if (p.kind === 'points' && appliedCents < asked.cents) return pointsFor(p.pointsPerPoundOff, appliedCents);
  return { units: asked.units, cents: appliedCents };
}

/** The totals adjustment for a redemption ('loyalty', after any promo code). */
export function loyaltyAdjustment(r: LoyaltyRedemption): CartAdjustment[] {
  return r.cents > 0 ? [{ key: LOYALTY_KEY, discount: { kind: 'amount', amountCents: r.cents } }] : [];
}

/**
 * How much of `earned` refunds have taken back in all, once `refundedCents` of `totalCents` went back: the
 * earning of what is left, rounded in the customer's favour (a partly refunded order keeps its stamp).
 */
export function loyaltyReversed(earned: number, totalCents: number, refundedCents: number): number {
  if (earned <= 0 || totalCents <= 0) return 0;
  const left = Math.max(0, totalCents - Math.min(refundedCents, totalCents));
  return earned - Math.ceil((earned * left) / totalCents);
}

/** "4 of 8 stamps — 4 more for a free loaf", "350 points — worth £3.50 off". */
export function loyaltyProgress(p: LoyaltyProgramme, units: number, currency: string, locale?: string): string {
  const money = (c: number) => formatMoney(c, currency, locale);
  if (p.kind === 'stamps') {
    const reward = p.rewardName.trim() !== '' ? p.rewardName.trim() : `a ${money(p.rewardCents)} reward`;
    const rewards = Math.floor(Math.max(units, 0) / p.stampsForReward);
    const onCard = units - rewards * p.stampsForReward;
    const ready = rewards > 0 ? `${rewards === 1 ? 'A reward is' : `${rewards} rewards are`} ready: ${reward}. ` : '';
    const more = p.stampsForReward - onCard;
    return `${ready}${onCard} of ${p.stampsForReward} stamps — ${more} more for ${reward}`;
  }
  if (p.kind === 'points') {
    const worth = loyaltyRedemption(p, units).cents;
    return `${units} ${units === 1 ? 'point' : 'points'} — worth ${money(Math.max(worth, 0))} off`;
  }
  return 'No loyalty programme';
}
