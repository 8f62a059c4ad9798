import { AppError, computeTotals, type CartAdjustment, type CartInput, type CartQuotePromo, type CartTotals, type Discount } from '@makeries/shared';
import type { DbOrTx } from '../../db/client';
import { customerFacts, findPromo, type PromoCustomer } from './lookup';
import { decidePromo, type PromoDecision, type PromoRow, type PromoShopOrder } from './rules';

/** A shop order as the quote and checkout price it: the shop and the input of the shared totals. */
export interface PromoCart {
  vendorId: string;
  vendorName: string;
  currency: string;
  input: CartInput;
}

/** The code's 'promo' adjustment first (promo before loyalty), keeping any adjustment already there. */
export function withPromo(input: CartInput, discount: Discount): CartInput {
  const others = (input.adjustments ?? []).filter((a) => a.key !== 'promo');
  const promo: CartAdjustment = { key: 'promo', discount };
  return { ...input, adjustments: [promo, ...others] };
}

export function promoCentsOf(totals: CartTotals): number {
  return totals.adjustments.find((a) => a.key === 'promo')?.cents ?? 0;
}

function shopOrder(cart: PromoCart): PromoShopOrder {
  const t = computeTotals(cart.input);
  return { vendorId: cart.vendorId, vendorName: cart.vendorName, currency: cart.currency, goodsCents: t.totalCents - t.deliveryFeeCents };
}

type PromoOutcome = { promo: PromoRow; decision: PromoDecision } | { promo: null; decision: Extract<PromoDecision, { ok: false }> };

/** Finds the code for these shop orders and decides whether (and how) it applies; `lock` inside checkout. */
async function evaluatePromo(
  db: DbOrTx,
  code: string,
  carts: readonly PromoCart[],
  customer: PromoCustomer,
  now: Date,
  lock: boolean,
): Promise<PromoOutcome> {
  const found = await findPromo(db, code, carts.map((c) => c.vendorId), lock);
  if (!found) return { promo: null, decision: { ok: false, refusal: 'unknown', message: `We don't know the code ${code}. Check the spelling.` } };
  if ('otherShop' in found) {
    return { promo: null, decision: { ok: false, refusal: 'wrong_shop', message: `The code ${code} is for ${found.otherShop}: add something from ${found.otherShop} to use it.` } };
  }
  const facts = await customerFacts(db, found.promo, customer);
  return { promo: found.promo, decision: decidePromo(found.promo, carts.map(shopOrder), facts, now) };
}

/**
 * The cart quote's answer: applied with each shop order's adjustment and saving (the storefront passes the
 * adjustment to the shared totals to show the saving per line), or the reason it does not apply.
 */
export async function quotePromo(db: DbOrTx, code: string, carts: readonly PromoCart[], customer: PromoCustomer, now: Date): Promise<CartQuotePromo> {
  const { promo, decision } = await evaluatePromo(db, code, carts, customer, now, false);
  const base = { code, description: promo?.description ?? '', fundedBy: promo?.fundedBy ?? null };
  if (!decision.ok) return { ...base, applied: false, reason: decision.message, refusal: decision.refusal, shops: [], totalCents: 0 };
  const shops = decision.shares.map((s) => {
    const cart = carts.find((c) => c.vendorId === s.vendorId);
    const cents = cart ? promoCentsOf(computeTotals(withPromo(cart.input, s.discount))) : 0;
    return { vendorId: s.vendorId, discount: s.discount, cents };
  });
  return { ...base, applied: true, reason: null, refusal: null, shops, totalCents: shops.reduce((a, s) => a + s.cents, 0) };
}

/** Inside checkout: the code must still apply (checked under the row lock), else the checkout is refused. */
export async function requirePromo(
  db: DbOrTx,
  code: string,
  carts: readonly PromoCart[],
  customer: PromoCustomer,
  now: Date,
): Promise<{ promo: PromoRow; shares: Map<string, Discount> }> {
  const { promo, decision } = await evaluatePromo(db, code, carts, customer, now, true);
  if (!decision.ok || !promo) {
    const refusal = decision.ok ? 'unknown' : decision.refusal;
    const message = decision.ok ? `We don't know the code ${code}.` : decision.message;
    throw new AppError('PROMO_NOT_APPLICABLE', `${message} Remove the code to check out without it.`, { details: { code, refusal } });
  }
  return { promo, shares: new Map(decision.shares.map((s) => [s.vendorId, s.discount])) };
}
