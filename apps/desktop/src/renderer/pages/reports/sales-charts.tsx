import { AreaChart, BarChart } from '@mantine/charts';
import type { Outputs } from '../../api/types';
import { money } from '../../format/money';
import { dayLabel, hourLabel } from './report-range';
import { EmptyNote, ReportCard } from './report-card';

type Summary = Outputs['reports']['summary'];

/** Sales by the shop's local hour: trimmed to the hours that traded (at least 8:00–18:00 for a steady axis). */
export function HourChart({ report }: { report: Summary }) {
  const traded = report.byHour.filter((h) => h.salesCount > 0).map((h) => h.hour);
  const first = Math.min(8, ...traded);
  const last = Math.max(18, ...traded);
  const data = report.byHour.filter((h) => h.hour >= first && h.hour <= last).map((h) => ({ hour: hourLabel(h.hour), Sales: h.revenueCents, count: h.salesCount }));
  const days = report.byDay.length;
  return (
    <ReportCard title="Sales by hour" note={days > 1 ? `all ${days} days added up` : undefined} testId="report-by-hour">
      {report.totals.salesCount === 0 ? (
        <EmptyNote text="No sales in this period." />
      ) : (
        <BarChart
          h={240}
          data={data}
          dataKey="hour"
          series={[{ name: 'Sales', color: 'brand.6' }]}
          valueFormatter={(v) => money(v, report.currency)}
          tickLine="none"
          gridAxis="y"
          yAxisProps={{ width: 80 }}
          maxBarWidth={36}
        />
      )}
    </ReportCard>
  );
}

/** Sales and refunds per local day of the range. */
export function DayChart({ report }: { report: Summary }) {
  const data = report.byDay.map((d) => ({ day: dayLabel(d.date, report.byDay.length <= 14), Sales: d.revenueCents, Refunds: d.refundsCents }));
  const many = data.length > 14;
  return (
    <ReportCard title="Sales by day" testId="report-by-day">
      {report.totals.salesCount === 0 && report.totals.refundCount === 0 ? (
        <EmptyNote text="No sales in this period." />
      ) : many ? (
        <AreaChart
          h={240}
          data={data}
          dataKey="day"
          series={[
            { name: 'Sales', color: 'brand.6' },
            { name: 'Refunds', color: 'red.5' },
          ]}
          valueFormatter={(v) => money(v, report.currency)}
          curveType="monotone"
          tickLine="none"
          gridAxis="y"
          yAxisProps={{ width: 80 }}
          withLegend
        />
      ) : (
        <BarChart
          h={240}
          data={data}
          dataKey="day"
          series={[
            { name: 'Sales', color: 'brand.6' },
            { name: 'Refunds', color: 'red.4' },
          ]}
          valueFormatter={(v) => money(v, report.currency)}
          tickLine="none"
          gridAxis="y"
          yAxisProps={{ width: 80 }}
          maxBarWidth={40}
          withLegend
        />
      )}
    </ReportCard>
  );
}
