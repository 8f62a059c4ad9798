import { Alert, Box, Button, Center, Group, Loader, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { IconCloudOff, IconInfoCircle } from '@tabler/icons-react';
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { apiError } from '../../api/errors';
import { useTRPC } from '../../api/trpc';
import { RangePicker } from '../reports/range-picker';
import { EmptyNote, ReportCard } from '../reports/report-card';
import { rangeLabel, type RangeInput } from '../reports/report-range';
import { CardSetupCard } from './card-setup-card';
import { payoutDates } from './payout-range';
import { PayoutsChart } from './payouts-chart';
import { PayoutsTable } from './payouts-table';

/**
 * Back office → Payments (managers and owners): is the shop set up for Stripe card payments, and its card money
 * per day — charges, marketplace fees, refunds and what reached its Stripe account. Read from the marketplace,
 * so it needs the connection.
 */
export function PayoutsSection() {
  const trpc = useTRPC();
  const [range, setRange] = useState<RangeInput>({ preset: 'last7' });
  // the shop's own calendar days: its time zone comes from the local store settings (works offline); should they
  // fail to load, the laptop's own zone (normally the shop's) rather than no figures at all
  const settings = useQuery(trpc.store.settings.queryOptions());
  const timeZone = settings.data?.timezone ?? (settings.isError ? Intl.DateTimeFormat().resolvedOptions().timeZone : undefined);
  const dates = timeZone ? payoutDates(range, timeZone) : null;
  const payouts = useQuery(trpc.payouts.summary.queryOptions(dates ?? skipToken, { placeholderData: keepPreviousData, retry: false }));
  const failure = payouts.isError ? apiError(payouts.error) : null;
  const offline = failure?.details.offline === true || failure?.code === 'NETWORK';
  const p = payouts.data;
  const hasMoney = p?.days.some((d) => d.chargesCents || d.feesCents || d.refundsCents || d.transfersCents) ?? false;

  return (
    <Box style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
      <Box px="lg" py="md" style={{ background: 'white', borderBottom: '1px solid var(--mantine-color-ink-2)' }}>
        <Group justify="space-between" wrap="nowrap" gap="md">
          <Box style={{ minWidth: 0 }}>
            <Title order={2}>Payments</Title>
            <Text c="ink.7" size="sm" truncate data-testid="payouts-period">
              {dates ? rangeLabel(dates.from, dates.to) : ' '}
            </Text>
          </Box>
          <RangePicker value={range} onChange={setRange} />
        </Group>
      </Box>
      <ScrollArea style={{ flex: 1, minHeight: 0 }}>
        <Stack p="lg" gap="md">
          <CardSetupCard />
          {payouts.isPending && (
            <Center py={60}>
              <Loader />
            </Center>
          )}
          {failure &&
            (offline ? (
              <Alert color="gray" icon={<IconCloudOff />} title="Needs the connection" data-testid="payouts-offline">
                <Stack gap="xs" align="flex-start">
                  <Text>Card payments and payouts come from the marketplace. They show again as soon as this counter is back online.</Text>
                  <Button size="md" variant="default" onClick={() => void payouts.refetch()}>
                    Try again
                  </Button>
                </Stack>
              </Alert>
            ) : (
              <Alert color="red" title="Could not load card payments" role="alert">
                <Stack gap="xs" align="flex-start">
                  <Text>{failure.message}</Text>
                  <Button size="md" variant="light" color="red" onClick={() => void payouts.refetch()}>
                    Try again
                  </Button>
                </Stack>
              </Alert>
            ))}
          {p && !failure && (
            <>
              <Group gap="xs" c="ink.7" wrap="nowrap">
                <IconInfoCircle size={18} style={{ flexShrink: 0 }} />
                <Text size="sm">Card payments on the web shop and on this shop’s Stripe card readers, by the shop’s calendar day. Cash and the card machine are in Reports.</Text>
              </Group>
              {hasMoney ? (
                <>
                  <PayoutsChart payouts={p} />
                  <PayoutsTable payouts={p} />
                </>
              ) : (
                <ReportCard title="Card money by day" testId="payouts-empty">
                  <EmptyNote text="No card payments in this period." />
                </ReportCard>
              )}
            </>
          )}
        </Stack>
      </ScrollArea>
    </Box>
  );
}
