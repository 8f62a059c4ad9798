import { Alert, Badge, Box, Button, Center, Group, Loader, ScrollArea, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconCloudUpload, IconInfoCircle } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { apiQuery } from '../../api/hooks';
import { KpiCards } from './kpi-cards';
import { RangePicker } from './range-picker';
import { RefundsCard } from './refunds-card';
import { rangeLabel, type RangeInput } from './report-range';
import { DayChart, HourChart } from './sales-charts';
import { StaffCard } from './staff-card';
import { TendersCard } from './tenders-card';
import { TopProductsCard } from './top-products-card';

/** Back office → Reports: this counter's takings for a period, read from its own database (works offline). */
export function ReportsSection() {
  const [range, setRange] = useState<RangeInput>({ preset: 'today' });
  const report = useQuery({ ...apiQuery('reports.summary', { range, topLimit: 10, refundLimit: 50 }), placeholderData: keepPreviousData, refetchInterval: 60_000 });
  const r = report.data;

  return (
    <Box style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
      <Box px="lg" py="md" style={{ background: 'white', borderBottom: '1px solid var(--mantine-color-ink-2)' }}>
        <Group justify="space-between" wrap="nowrap" gap="md">
          <Box style={{ minWidth: 0 }}>
            <Title order={2}>Reports</Title>
            <Text c="ink.7" size="sm" truncate data-testid="report-period">
              {r ? rangeLabel(r.from, r.to) : ' '}
            </Text>
          </Box>
          <RangePicker value={range} onChange={setRange} />
        </Group>
      </Box>
      <ScrollArea style={{ flex: 1, minHeight: 0 }}>
        <Stack p="lg" gap="md">
          {report.isPending && (
            <Center py={80}>
              <Loader />
            </Center>
          )}
          {report.isError && (
            <Alert color="red" title="Could not make this report" role="alert">
              <Stack gap="xs" align="flex-start">
                <Text>{errorMessage(report.error)}</Text>
                <Button size="sm" variant="light" color="red" onClick={() => void report.refetch()}>
                  Try again
                </Button>
              </Stack>
            </Alert>
          )}
          {r && (
            <>
              <Group gap="xs" c="ink.7" wrap="nowrap">
                <IconInfoCircle size={18} style={{ flexShrink: 0 }} />
                <Text size="sm" data-testid="report-scope">
                  Sales rung up on this counter{r.registerCode ? ` (register ${r.registerCode})` : ''}, sent to the marketplace or not. Other registers and web orders are not included. Days and hours are shop time ({r.timezone}).
                </Text>
                {r.unsyncedSales > 0 && (
                  <Badge color="orange" variant="light" leftSection={<IconCloudUpload size={14} />} style={{ flexShrink: 0 }}>
                    {r.unsyncedSales} not sent yet
                  </Badge>
                )}
              </Group>
              <KpiCards totals={r.totals} currency={r.currency} />
              <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
                <HourChart report={r} />
                <DayChart report={r} />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
                <TopProductsCard report={r} />
                <Stack gap="md">
                  <TendersCard report={r} />
                  <StaffCard report={r} />
                </Stack>
              </SimpleGrid>
              <RefundsCard report={r} />
            </>
          )}
        </Stack>
      </ScrollArea>
    </Box>
  );
}
