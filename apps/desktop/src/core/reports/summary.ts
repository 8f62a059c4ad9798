import type { ReportFigures } from '@makeries/shared';
import { z } from 'zod';
import { vendorSettings } from '../catalog/vendor';
import { readDevice } from '../device/device';
import { parseInput } from '../errors';
import type { CoreContext } from '../context';
import { refundList, staffTotals, tenderTotals, topProducts, type RefundRow, type StaffTotal, type TenderTotal, type TopProduct } from './breakdowns';
import { channelReport, type ChannelReport } from './channels';
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
  /** this register: gross, discounts, net before tax, tax, total and refunds as report-figures.ts defines them */
  figures: ReportFigures;
  /** the "all channels" view: this register beside the shop's completed web orders */
  channels: ChannelReport;
  topProducts: TopProduct[];
  tenders: TenderTotal[];
  staff: StaffTotal[];
  refunds: RefundRow[];
}

/**
 * Everything the Reports screen shows for one range, read from the local SQLite so it works offline. The
 * breakdowns cover the sales and refunds made on this counter (synced or not); `channels` adds the shop's
 * web orders as mirrored here. Other registers' sales live on the server and are not included.
 */
export function reportSummary(ctx: CoreContext, input: ReportSummaryInput): ReportSummary {
  const p = parseInput(reportSummaryInput, input);
  const vendor = vendorSettings(ctx.db);
  const range = resolveRange(p.range, vendor.timezone, ctx.now());
  const unsynced = ctx.sqlite
    .prepare(
      `SELECT count(*) AS n FROM sales s JOIN outbox o ON o.id = s.outbox_id
       WHERE o.status = 'pending' AND s.remote = 0 AND s.completed_at >= ? AND s.completed_at < ?`,
    )
    .get(range.startIso, range.endIso) as { n: number };
  const channels = channelReport(ctx.sqlite, range, vendor.taxMode);
  return {
    from: range.from,
    to: range.to,
    timezone: range.timezone,
    currency: vendor.currency,
    registerCode: readDevice(ctx.db).registerCode,
    unsyncedSales: unsynced.n,
    figures: channels.counter,
    channels,
    ...salesBuckets(ctx.sqlite, range),
    topProducts: topProducts(ctx.sqlite, range, p.topLimit),
    tenders: tenderTotals(ctx.sqlite, range),
    staff: staffTotals(ctx.sqlite, range),
    refunds: refundList(ctx.sqlite, range, p.refundLimit),
  };
}
