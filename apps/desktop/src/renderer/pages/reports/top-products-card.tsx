import { Box, Progress, Table, Text } from '@mantine/core';
import type { Outputs } from '../../api/types';
import { money, quantityText } from '../../format/money';
import { EmptyNote, ReportCard } from './report-card';

type Summary = Outputs['reports']['summary'];

/** Best sellers by takings, with how many went out the door. */
export function TopProductsCard({ report }: { report: Summary }) {
  const top = report.topProducts;
  const best = top[0]?.revenueCents ?? 1;
  return (
    <ReportCard title="Top products" note="by sales" testId="report-top-products">
      {top.length === 0 ? (
        <EmptyNote text="Nothing sold in this period." />
      ) : (
        <Table verticalSpacing={6} horizontalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Product</Table.Th>
              <Table.Th ta="right" w={90}>
                Sold
              </Table.Th>
              <Table.Th ta="right" w={110}>
                Sales
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {top.map((p) => (
              <Table.Tr key={`${p.variantId ?? p.sku}-${p.soldBy}`} data-testid="top-product">
                <Table.Td>
                  <Box style={{ minWidth: 0 }}>
                    <Text size="sm" fw={600} lineClamp={1}>
                      {p.variantName ? `${p.name} · ${p.variantName}` : p.name}
                    </Text>
                    <Progress value={(100 * p.revenueCents) / Math.max(best, 1)} size={6} color="brand.5" mt={4} aria-hidden />
                  </Box>
                </Table.Td>
                <Table.Td ta="right" className="tabular">
                  {quantityText(p.quantity, p.soldBy)}
                </Table.Td>
                <Table.Td ta="right" className="money" fw={600}>
                  {money(p.revenueCents, report.currency)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </ReportCard>
  );
}
