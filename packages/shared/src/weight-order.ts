/**
 * Items sold by weight: priced per kg, ordered in grams. One rule for what a customer may order online and what
 * it costs, used by the storefront's weight input, the server's cart quote and its checkout. (A counter sells
 * whatever the scale shows; these limits are for ordering ahead.)
 */
import { mulCents, type Cents } from './money';

export const GRAMS_PER_KG = 1000;

export interface WeightLimits {
  minGrams: number;
  stepGrams: number;
  maxGrams: number;
}

/** At least 50 g, in 5 g steps (a shop scale reads to 5 g), at most 20 kg per line. */
export const WEIGHT_ORDER_LIMITS: WeightLimits = { minGrams: 50, stepGrams: 5, maxGrams: 20_000 };

/** What `grams` of an item at `pricePerKgCents` costs before discounts and tax: the line gross of `computeTotals`. */
export function weightPriceCents(pricePerKgCents: number, grams: number): Cents {
  return mulCents(pricePerKgCents, grams, GRAMS_PER_KG);
}

/** "375 g", "1 kg", "1.25 kg". */
export function weightLabel(grams: number): string {
  return grams >= GRAMS_PER_KG ? `${Number((grams / GRAMS_PER_KG).toFixed(3))} kg` : `${grams} g`;
}

/**
 * The most a customer can order: the limit, lowered to the stock left (when the shop tracks it) and then to a
 * whole step. Below the minimum there is nothing to order: 0.
 */
export function maxOrderGrams(available: number | null, limits: WeightLimits = WEIGHT_ORDER_LIMITS): number {
  const cap = available === null ? limits.maxGrams : Math.min(limits.maxGrams, Math.max(0, available));
  const stepped = Math.floor(cap / limits.stepGrams) * limits.stepGrams;
  return stepped >= limits.minGrams ? stepped : 0;
}

/**
 * Why `grams` cannot be ordered (a sentence naming the item), or null when it can. Stock is checked separately
 * (OUT_OF_STOCK at checkout); this is the shape of the amount: whole grams, the minimum, the step, the maximum.
 */
export function weightOrderProblem(name: string, grams: number, limits: WeightLimits = WEIGHT_ORDER_LIMITS): string | null {
  const { minGrams, stepGrams, maxGrams } = limits;
  if (!Number.isSafeInteger(grams)) return `Order ${name} in whole grams.`;
  if (grams < minGrams) return `Order at least ${weightLabel(minGrams)} of ${name}.`;
  if (grams > maxGrams) return `Order at most ${weightLabel(maxGrams)} of ${name}.`;
  if (grams % stepGrams !== 0) return `Order ${name} in steps of ${weightLabel(stepGrams)} (e.g. ${weightLabel(nearestStep(grams, stepGrams))}).`;
  return null;
}

function nearestStep(grams: number, step: number): number {
  return Math.round(grams / step) * step;
}
