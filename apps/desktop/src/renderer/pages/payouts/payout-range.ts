import type { RangeInput } from '../reports/report-range';

/** A calendar date on this laptop (the shop's own clock) as YYYY-MM-DD. */
function isoDay(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The Reports range picker's choice as the two dates the marketplace's payouts view asks for. */
export function payoutDates(range: RangeInput, now = new Date()): { from: string; to: string } {
  if (!('preset' in range)) return { from: range.from, to: range.to };
  const day = (offset: number) => isoDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() + offset));
  switch (range.preset) {
    case 'today':
      return { from: day(0), to: day(0) };
    case 'yesterday':
      return { from: day(-1), to: day(-1) };
    case 'last7':
      return { from: day(-6), to: day(0) };
    case 'thisMonth':
      return { from: isoDay(new Date(now.getFullYear(), now.getMonth(), 1)), to: day(0) };
  }
}
