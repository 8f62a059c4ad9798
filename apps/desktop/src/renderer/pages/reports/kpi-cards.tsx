import { Paper, SimpleGrid, Text } from '@mantine/core';
import type { Outputs } from '../../api/types';
import { minus, money } from '../../format/money';

type Totals = Outputs['reports']['summary']['totals'];

function Kpi({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId?: string }) {
  return (
    <Paper withBorder radius="lg" p="md">
      <Text size="sm" c="ink.7" fw={600}>
        {label}
      </Text>
      <Text fz={28} fw={800} className="money" lh={1.3} data-testid={testId}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="ink.6">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

/** The headline numbers of the period. */
export function KpiCards({ totals, currency }: { totals: Totals; currency: string }) {
  return (
    <SimpleGrid cols={{ base: 3, lg: 5 }} spacing="sm">
      <Kpi label="Sales" value={money(totals.revenueCents, currency)} hint="total paid, tax included" testId="kpi-revenue" />
      <Kpi label="Transactions" value={String(totals.salesCount)} testId="kpi-count" />
      <Kpi label="Average sale" value={money(totals.averageSaleCents, currency)} />
      <Kpi label="Refunds" value={totals.refundsCents ? minus(totals.refundsCents, currency) : money(0, currency)} hint={`${totals.refundCount} refund${totals.refundCount === 1 ? '' : 's'}`} />
      <Kpi label="After refunds" value={money(totals.afterRefundsCents, currency)} hint="sales − refunds" testId="kpi-after-refunds" />
    </SimpleGrid>
  );
}
