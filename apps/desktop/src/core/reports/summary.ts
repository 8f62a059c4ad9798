import { z } from 'zod';
import { vendorSettings } from '../catalog/vendor';
import { readDevice } from '../device/device';
import { parseInput } from '../errors';
import type { CoreContext } from '../context';
import { refundList, staffTotals, tenderTotals, topProducts, type RefundRow, type StaffTotal, type TenderTotal, type TopProduct } from './breakdowns';
import { reportRangeInput, resolveRange } from './range';
import { salesBuckets, type SalesBuckets } from './sales';

export const reportSummaryInput = z.object({
  range: reportRangeInput,
  topLimit: z.number().int('Limits are whole numbers').min(1).max(100).default(10),
  refundLimit: z.number().int('Limits are whole numbers').min(1).max(500).default(50),
});
export type ReportSummaryInput = z.input<typeof reportSummaryInput>;

export interface ReportSummary extends SalesBuckets {
  from: string;
  to: string;
  timezone: string;
  currency: string;
  /** the register these sales were rung up on: the local database holds this counter's sales only */
  registerCode: string | null;
  /** sales of the range still waiting to reach the server */
  unsyncedSales: number;
  topProducts: TopProduct[];
  tenders: TenderTotal[];
  staff: StaffTotal[];
  refunds: RefundRow[];
}

/**
 * Everything the Reports screen shows for one range, read from the local SQLite so it works offline. It
 * covers the sales and refunds made on this counter (synced or not); other registers and web orders live
 * on the server.
 */
export function reportSummary(ctx: CoreContext, input: ReportSummaryInput): ReportSummary {
  const p = parseInput(reportSummaryInput, input);
  const vendor = vendorSettings(ctx.db);
  const range = resolveRange(p.range, vendor.timezone, ctx.now());
  const unsynced = ctx.sqlite
    .prepare(
      `SELECT count(*) AS n FROM sales s JOIN outbox o ON o.id = s.outbox_id
       WHERE o.status = 'pending' AND s.completed_at >= ? AND s.completed_at < ?`,
    )
    .get(range.startIso, range.endIso) as { n: number };
  return {
    from: range.from,
    to: range.to,
    timezone: range.timezone,
    currency: vendor.currency,
    registerCode: readDevice(ctx.db).registerCode,
    unsyncedSales: unsynced.n,
    ...salesBuckets(ctx.sqlite, range),
    topProducts: topProducts(ctx.sqlite, range, p.topLimit),
    tenders: tenderTotals(ctx.sqlite, range),
    staff: staffTotals(ctx.sqlite, range),
    refunds: refundList(ctx.sqlite, range, p.refundLimit),
  };
}
