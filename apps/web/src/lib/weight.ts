import { WEIGHT_ORDER_LIMITS, weightLabel, weightOrderProblem, weightPriceCents } from '@makeries/shared';

/** What the weight input shows for what the customer typed: the price of a valid weight, or why it is refused. */
export type WeightEntry = { ok: true; grams: number; priceCents: number } | { ok: false; problem: string };

/**
 * Reads the grams typed for an item sold at `pricePerKgCents`, against the shared limits (the ones the server's
 * quote and checkout apply) and `maxGrams` (the stock left, when the product page knows it).
 */
export function readWeight(typed: number | string, pricePerKgCents: number, maxGrams: number | null = null, name = 'this item'): WeightEntry {
  const grams = typeof typed === 'number' ? typed : typed.trim() === '' ? NaN : Number(typed);
  if (!Number.isFinite(grams)) return { ok: false, problem: 'Enter a weight in grams.' };
  const problem = weightOrderProblem(name, grams);
  if (problem) return { ok: false, problem };
  if (maxGrams !== null && grams > maxGrams) {
    return { ok: false, problem: maxGrams > 0 ? `Only ${weightLabel(maxGrams)} of ${name} left to order.` : `${name} is sold out.` };
  }
  return { ok: true, grams, priceCents: weightPriceCents(pricePerKgCents, grams) };
}

/** The weights offered as one-tap choices: the usual ones that can be ordered now. */
export function quickWeights(maxGrams: number | null): number[] {
  const cap = maxGrams ?? WEIGHT_ORDER_LIMITS.maxGrams;
  return [100, 250, 500, 1000].filter((g) => g >= WEIGHT_ORDER_LIMITS.minGrams && g <= cap);
}
