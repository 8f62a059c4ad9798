/** The item at `index`, or a clear error: the seed tables are hand-written and an index into them can be wrong. */
export function pick<T>(list: readonly T[], index: number, what: string): T {
  const item = list[index];
  if (item === undefined) throw new Error(`seed: no ${what} at index ${index}`);
  return item;
}
