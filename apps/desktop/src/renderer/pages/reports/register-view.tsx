import { SimpleGrid } from '@mantine/core';
import type { Outputs } from '../../api/types';
import { FiguresCard } from './figures-card';
import { KpiCards } from './kpi-cards';
import { RefundsCard } from './refunds-card';
import { DayChart, HourChart } from './sales-charts';
import { StaffCard } from './staff-card';
import { TendersCard } from './tenders-card';
import { TopProductsCard } from './top-products-card';

type Summary = Outputs['reports']['summary'];

/** "This register": headline numbers, the accountant's figures, charts and breakdowns of this counter's sales. */
export function RegisterView({ report: r }: { report: Summary }) {
  return (
    <>
      <KpiCards totals={r.totals} currency={r.currency} />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <FiguresCard title="Takings" figures={r.figures} currency={r.currency} testId="figures-register" />
        <TendersCard report={r} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <HourChart report={r} />
        <DayChart report={r} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <TopProductsCard report={r} />
        <StaffCard report={r} />
      </SimpleGrid>
      <RefundsCard report={r} />
    </>
  );
}
