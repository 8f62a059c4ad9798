import { BarChart } from '@mantine/charts';
import type { Outputs } from '../../api/types';
import { money } from '../../format/money';
import { dayLabel } from '../reports/report-range';
import { ReportCard } from '../reports/report-card';

type Payouts = Outputs['payouts']['summary'];

/** Charges, fees and refunds per day, with what reached the shop's Stripe account. */
export function PayoutsChart({ payouts }: { payouts: Payouts }) {
  const data = payouts.days.map((d) => ({
    day: dayLabel(d.date, payouts.days.length <= 14),
    Charges: d.chargesCents,
    Fees: d.feesCents,
    Refunds: d.refundsCents,
    'Sent to Stripe account': d.transfersCents,
  }));
  return (
    <ReportCard title="Card money by day" testId="payouts-chart">
      <BarChart
        h={220}
        data={data}
        dataKey="day"
        series={[
          { name: 'Charges', color: 'indigo.5' },
          { name: 'Sent to Stripe account', color: 'brand.6' },
          { name: 'Fees', color: 'orange.4' },
          { name: 'Refunds', color: 'red.4' },
        ]}
        valueFormatter={(v) => money(v, payouts.currency)}
        tickLine="none"
        gridAxis="y"
        yAxisProps={{ width: 80 }}
        maxBarWidth={28}
        withLegend
      />
    </ReportCard>
  );
}
