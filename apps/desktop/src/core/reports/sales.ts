import type Database from 'better-sqlite3';
import { roundHalfUp, wallClock } from '@makeries/shared';
import type { ResolvedRange } from './range';

/** Headline counts for the charts' period; the money figures themselves are `figures` (report-figures.ts). */
interface SalesTotals {
  salesCount: number;
  /** Σ what customers paid (net + tax, before cash rounding): the report figures' total */
  revenueCents: number;
  refundCount: number;
  /** Σ refund totals (before cash rounding), by when the refund was made */
  refundsCents: number;
  /** revenue − refunds */
  afterRefundsCents: number;
  averageSaleCents: number;
}

interface HourBucket {
  hour: number;
  salesCount: number;
  revenueCents: number;
}

interface DayBucket {
  date: string;
  salesCount: number;
  revenueCents: number;
  refundsCents: number;
}

export interface SalesBuckets {
  totals: SalesTotals;
  /** 24 local hours (0–23) summed over every day of the range */
  byHour: HourBucket[];
  /** one row per local day of the range, empty days included */
  byDay: DayBucket[];
}

interface SaleRow {
  completedAt: string;
  totalCents: number;
}

interface RefundRow {
  refundedAt: string;
  totalCents: number;
}

/** Sales and refunds of the range bucketed by the shop's local hour and day. */
export function salesBuckets(sqlite: Database.Database, range: ResolvedRange): SalesBuckets {
  const sales = sqlite
    .prepare(
      `SELECT completed_at AS completedAt, total_cents AS totalCents
       FROM sales WHERE remote = 0 AND completed_at >= ? AND completed_at < ?`,
    )
    .all(range.startIso, range.endIso) as SaleRow[];
  const refunds = sqlite
    .prepare(`SELECT refunded_at AS refundedAt, total_cents AS totalCents FROM refunds WHERE refunded_at >= ? AND refunded_at < ?`)
    .all(range.startIso, range.endIso) as RefundRow[];

  const byHour: HourBucket[] = Array.from({ length: 24 }, (_, hour) => ({ hour, salesCount: 0, revenueCents: 0 }));
  const byDay = new Map<string, DayBucket>(range.days.map((date) => [date, { date, salesCount: 0, revenueCents: 0, refundsCents: 0 }]));
  const totals = { salesCount: 0, revenueCents: 0, refundCount: 0, refundsCents: 0 };

  for (const s of sales) {
    const local = wallClock(range.timezone, Date.parse(s.completedAt));
    const hour = byHour[local.hour];
    const day = byDay.get(local.date);
    if (hour) {
      hour.salesCount++;
      hour.revenueCents += s.totalCents;
    }
    if (day) {
      day.salesCount++;
      day.revenueCents += s.totalCents;
    }
    totals.salesCount++;
    totals.revenueCents += s.totalCents;
  }
  for (const r of refunds) {
    const day = byDay.get(wallClock(range.timezone, Date.parse(r.refundedAt)).date);
    if (day) day.refundsCents += r.totalCents;
    totals.refundCount++;
    totals.refundsCents += r.totalCents;
  }
  return {
    totals: {
      ...totals,
      afterRefundsCents: totals.revenueCents - totals.refundsCents,
      averageSaleCents: totals.salesCount === 0 ? 0 : roundHalfUp(totals.revenueCents, totals.salesCount),
    },
    byHour,
    byDay: [...byDay.values()],
  };
}
