/** The close count: how many of each note and coin, in the shape the counter takes ("2000" → 3). */

export type Counts = Record<number, number>;

export function countedCents(counts: Counts): number {
  return Object.entries(counts).reduce((sum, [value, n]) => sum + Number(value) * n, 0);
}

/** Every denomination on the sheet goes with its count (zeros too), so the Z report shows the whole count. */
export function countedInput(denominations: readonly number[], counts: Counts): Record<string, number> {
  return Object.fromEntries(denominations.map((v) => [String(v), counts[v] ?? 0]));
}

export function overShort(counted: number, expected: number): { kind: 'balanced' | 'over' | 'short'; cents: number } {
  const d = counted - expected;
  return { kind: d === 0 ? 'balanced' : d > 0 ? 'over' : 'short', cents: Math.abs(d) };
}
