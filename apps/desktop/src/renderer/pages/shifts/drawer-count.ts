/** The close count: how many of each note and coin, in the shape the counter takes ("2000" → 3). */

export type Counts = Record<number, number>;

/** Every denomination on the sheet goes with its count (zeros too), so the Z report shows the whole count. */
export function countedInput(denominations: readonly number[], counts: Counts): Record<string, number> {
  return Object.fromEntries(denominations.map((v) => [String(v), counts[v] ?? 0]));
}
