import { Alert, Badge, Box, Button, Center, Group, Loader, ScrollArea, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconCloudUpload, IconInfoCircle } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC } from '../../api/trpc';
import { ChannelsCard } from './channels-card';
import { FiguresCard } from './figures-card';
import { RangePicker } from './range-picker';
import { RegisterView } from './register-view';
import { rangeLabel, type RangeInput } from './report-range';

type View = 'register' | 'all';

/**
 * Back office → Reports: this counter's takings for a period, read from its own database (works offline), or
 * "all channels": the same beside the shop's web orders mirrored here.
 */
export function ReportsSection() {
  const trpc = useTRPC();
  const [range, setRange] = useState<RangeInput>({ preset: 'today' });
  const [view, setView] = useState<View>('register');
  const report = useQuery(trpc.reports.summary.queryOptions({ range, topLimit: 10, refundLimit: 50 }, { placeholderData: keepPreviousData, refetchInterval: 60_000 }));
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
              <SegmentedControl
                value={view}
                onChange={(v) => setView(v === 'all' ? 'all' : 'register')}
                data={[
                  { value: 'register', label: 'This register' },
                  { value: 'all', label: 'All channels' },
                ]}
                style={{ alignSelf: 'flex-start' }}
                data-testid="report-view"
              />
              <Group gap="xs" c="ink.7" wrap="nowrap">
                <IconInfoCircle size={18} style={{ flexShrink: 0 }} />
                <Text size="sm" data-testid="report-scope">
                  {view === 'register'
                    ? `Sales rung up on this counter${r.registerCode ? ` (register ${r.registerCode})` : ''}, sent to the marketplace or not. Other registers and web orders are not included.`
                    : `This register's sales beside the shop's web orders as this counter has them. Other registers are not included.`}{' '}
                  Days and hours are shop time ({r.timezone}).
                </Text>
                {r.unsyncedSales > 0 && (
                  <Badge color="orange" variant="light" leftSection={<IconCloudUpload size={14} />} style={{ flexShrink: 0 }}>
                    {r.unsyncedSales} not sent yet
                  </Badge>
                )}
              </Group>
              {view === 'all' ? (
                <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
                  <FiguresCard title="All channels" figures={r.channels.all} currency={r.currency} testId="figures-all" />
                  <ChannelsCard report={r} />
                </SimpleGrid>
              ) : (
                <RegisterView report={r} />
              )}
            </>
          )}
        </Stack>
      </ScrollArea>
    </Box>
  );
}
