import type { HealthCsv, HealthSummary } from '@makeries/shared';

const COLUMNS = [
  'period_start',
  'currency',
  'orders',
  'web_orders',
  'counter_orders',
  'gmv_minor',
  'web_gmv_minor',
  'counter_gmv_minor',
  'refunded_minor',
  'net_minor',
  'average_basket_minor',
  'checkouts',
  'converted_checkouts',
  'conversion_rate',
  'active_shops',
] as const;

/**
 * The summary's series as CSV (RFC 4180, CRLF): one row per day or week, money in integer minor units of the
 * market's currency, GMV gross with the refunds beside it. Every cell is a date, a currency code or a number, so
 * nothing a spreadsheet could run as a formula.
 */
export function healthCsv(s: HealthSummary): HealthCsv {
  const lines = [COLUMNS.join(',')];
  for (const p of s.series) {
    const orders = p.webOrders + p.counterOrders;
    const gmv = p.webGmvCents + p.counterGmvCents;
    lines.push(
      [
        p.start,
        s.currency,
        orders,
        p.webOrders,
        p.counterOrders,
        gmv,
        p.webGmvCents,
        p.counterGmvCents,
        p.refundedCents,
        gmv - p.refundedCents,
        orders > 0 ? Math.round(gmv / orders) : '',
        p.checkouts,
        p.convertedCheckouts,
        p.checkouts > 0 ? (p.convertedCheckouts / p.checkouts).toFixed(4) : '',
        p.activeShops,
      ].join(','),
    );
  }
  return { filename: `makeries-health-${s.by}-${s.from}-to-${s.to}.csv`, csv: `${lines.join('\r\n')}\r\n` };
}
