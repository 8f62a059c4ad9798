/**
 * A discount may take a line or a sale down to zero, never below: a bigger one is refused with a message
 * staff can act on, never silently cut to fit (computeTotals still clamps, as a last line of defence).
 * The counter's core and its discount form both ask this, so the two never disagree.
 */
import { AppError } from './errors';
import { formatMoney } from './format/format';
import { percentOf } from './money';
import type { Discount } from './totals';

export type DiscountScope = 'line' | 'sale';

/** The minor units a discount asks for, unclamped (a percentage of `baseCents`, half-up). */
export function discountAsked(discount: Discount, baseCents: number): number {
  return discount.kind === 'amount' ? discount.amountCents : percentOf(Math.max(baseCents, 0), discount.bps);
}

/** The refusal for a discount larger than what it applies to, or null when it fits. */
export function discountProblem(discount: Discount, baseCents: number, scope: DiscountScope, currency: string, locale?: string): AppError | null {
  const asked = discountAsked(discount, baseCents);
  const base = Math.max(baseCents, 0);
  if (asked <= base) return null;
  const what = scope === 'line' ? 'this line' : 'this sale';
  const fmt = (c: number) => formatMoney(c, currency, locale);
  const message =
    base === 0
      ? `${fmt(asked)} off is more than ${what} costs (${fmt(0)}). Add items before giving a discount.`
      : `${fmt(asked)} off is more than ${what} costs (${fmt(base)}). Take off at most ${fmt(base)}.`;
  return new AppError('DISCOUNT_TOO_LARGE', message, {
    issues: [{ path: discount.kind === 'amount' ? 'discount.amountCents' : 'discount.bps', message }],
    details: { askedCents: asked, maxCents: base, scope },
  });
}

/**
 * A discount that fitted when it was given can outgrow its line or sale when items are voided or quantities
 * drop. The totals then take off only what there is; this is the warning staff see about it (null: it fits).
 */
export function discountCapNotice(discount: Discount, baseCents: number, scope: DiscountScope, currency: string, locale?: string): string | null {
  const asked = discountAsked(discount, baseCents);
  const base = Math.max(baseCents, 0);
  if (asked <= base) return null;
  const fmt = (c: number) => formatMoney(c, currency, locale);
  return `Only ${fmt(base)} comes off: the ${fmt(asked)} discount is more than ${scope === 'line' ? 'this line' : 'this sale'} costs now. Change or remove it.`;
}
