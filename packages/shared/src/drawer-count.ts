/*
 * The cash drawer at close, one rule for the counter's core (what it records) and its screen (what the cashier
 * sees while counting): counts per denomination in minor units ("2000" → 3 twenty-pound notes), their total, and
 * over/short as counted minus expected.
 */

/** Σ value × count; keys are denominations in minor units (numbers, or their text as the counter stores them). */
export function countedCents(counts: Readonly<Record<string | number, number>>): number {
  return Object.entries(counts).reduce((sum, [value, n]) => sum + Number(value) * n, 0);
}

/** Counted minus expected: positive is over, negative short. */
export function overShortCents(counted: number, expected: number): number {
  return counted - expected;
}

/** Over/short in words for the screen: which way and by how much. */
export function overShort(counted: number, expected: number): { kind: 'balanced' | 'over' | 'short'; cents: number } {
  const d = overShortCents(counted, expected);
  return { kind: d === 0 ? 'balanced' : d > 0 ? 'over' : 'short', cents: Math.abs(d) };
}
