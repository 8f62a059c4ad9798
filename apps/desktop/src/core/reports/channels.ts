import type Database from 'better-sqlite3';
import { ORDER_STATUSES, reportFigures, TERMINAL_STATUSES, type RefundSums, type ReportFigures, type SaleSums, type TaxMode } from '@makeries/shared';
import type { ResolvedRange } from './range';

/*
 * Takings per channel over a report range, every figure from packages/shared report-figures:
 *   counter  this register's sales (by completion time) and refunds (by refund time), from its own tables
 *   web      the shop's web orders as mirrored at this counter. A web order counts once it is COMPLETED
 *            (collected or delivered), on the day it was PLACED — the mirror carries no completion time.
 *            Open orders are reported apart; rejected and cancelled ones never count. Web refunds are made
 *            on the marketplace and are not mirrored, so the web channel has none here.
 */

/** Web order statuses that are still in progress: neither counted nor lost. */
const WEB_OPEN = ORDER_STATUSES.filter((s) => !TERMINAL_STATUSES.includes(s));

const WEB_ORDERS_RULE =
  'Web orders count once completed, on the day they were placed. Open web orders are shown apart; rejected or cancelled ones never count. Web refunds are made online and are not included.';

export interface ChannelReport {
  /** this register's counter sales */
  counter: ReportFigures;
  /** completed web orders of the shop */
  web: ReportFigures;
  /** counter + web */
  all: ReportFigures;
  /** web orders placed in the range and not finished yet */
  webOpen: { count: number; totalCents: number };
  webRule: string;
}

interface SumRow {
  taxMode: TaxMode;
  count: number;
  subtotalCents: number;
  discountCents: number;
  taxCents: number;
  roundingCents: number;
  deliveryFeeCents: number;
}

function counterSums(sqlite: Database.Database, range: ResolvedRange): { sales: SaleSums[]; refunds: RefundSums[] } {
  const sales = sqlite
    .prepare(
      `SELECT tax_mode AS taxMode, count(*) AS count, sum(subtotal_cents) AS subtotalCents, sum(discount_cents) AS discountCents,
              sum(tax_cents) AS taxCents, sum(rounding_cents) AS roundingCents, 0 AS deliveryFeeCents
       FROM sales WHERE remote = 0 AND completed_at >= ? AND completed_at < ? GROUP BY tax_mode ORDER BY tax_mode`,
    )
    .all(range.startIso, range.endIso) as SumRow[];
  const refunds = sqlite
    .prepare(
      `SELECT count(*) AS count, coalesce(sum(total_cents), 0) AS totalCents, coalesce(sum(rounding_cents), 0) AS roundingCents
       FROM refunds WHERE refunded_at >= ? AND refunded_at < ?`,
    )
    .all(range.startIso, range.endIso) as RefundSums[];
  return { sales, refunds };
}

function webSums(sqlite: Database.Database, range: ResolvedRange): SaleSums[] {
  return sqlite
    .prepare(
      `SELECT tax_mode AS taxMode, count(*) AS count, sum(subtotal_cents) AS subtotalCents, sum(discount_cents) AS discountCents,
              sum(tax_cents) AS taxCents, 0 AS roundingCents, sum(delivery_fee_cents) AS deliveryFeeCents
       FROM mirror_web_orders WHERE status = 'completed' AND placed_at >= ? AND placed_at < ? GROUP BY tax_mode ORDER BY tax_mode`,
    )
    .all(range.startIso, range.endIso) as SumRow[];
}

function webOpen(sqlite: Database.Database, range: ResolvedRange): { count: number; totalCents: number } {
  return sqlite
    .prepare(
      `SELECT count(*) AS count, coalesce(sum(total_cents), 0) AS totalCents FROM mirror_web_orders
       WHERE status IN (${WEB_OPEN.map(() => '?').join(', ')}) AND placed_at >= ? AND placed_at < ?`,
    )
    .get(...WEB_OPEN, range.startIso, range.endIso) as { count: number; totalCents: number };
}

export function channelReport(sqlite: Database.Database, range: ResolvedRange, shopTaxMode: TaxMode): ChannelReport {
  const counter = counterSums(sqlite, range);
  const web = webSums(sqlite, range);
  return {
    counter: reportFigures({ taxMode: shopTaxMode, sales: counter.sales, refunds: counter.refunds }),
    web: reportFigures({ taxMode: shopTaxMode, sales: web }),
    all: reportFigures({ taxMode: shopTaxMode, sales: [...counter.sales, ...web], refunds: counter.refunds }),
    webOpen: webOpen(sqlite, range),
    webRule: WEB_ORDERS_RULE,
  };
}
