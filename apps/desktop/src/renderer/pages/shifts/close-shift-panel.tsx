import { Alert, Box, Button, Group, NumberInput, ScrollArea, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { countedCents, overShort } from '@makeries/shared';
import { IconLock } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC } from '../../api/trpc';
import type { ShiftReport } from '../../api/types';
import { denominationsFor, minus, money } from '../../format/money';
import { countedInput, type Counts } from './drawer-count';

interface Props {
  report: ShiftReport;
  currency: string;
  onClosed: (z: ShiftReport) => void;
  onCancel: () => void;
}

/**
 * Close: count each note and coin; the sheet shows the counted total against what should be there, or, under
 * blind close, only the counted total (over/short comes back with the Z report).
 */
export function CloseShiftPanel({ report, currency, onClosed, onCancel }: Props) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const denoms = denominationsFor(currency);
  const [counts, setCounts] = useState<Counts>({});
  const close = useMutation(trpc.shifts.close.mutationOptions({
    onSuccess: async (z) => {
      await qc.invalidateQueries(trpc.shifts.pathFilter());
      onClosed(z);
    },
  }));
  const counted = countedCents(counts);
  // blind close: the counter sent no expected figure, so there is nothing to compare until the count is in
  const expected = report.cash?.expectedCents ?? null;
  const diff = expected === null ? null : overShort(counted, expected);
  const m = (c: number) => money(c, currency);

  return (
    <Box style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 380px', height: '100%', minHeight: 0 }}>
      <ScrollArea p="lg">
        <Title order={2} mb="xs">
          Count the drawer
        </Title>
        <Text c="ink.7" mb="md">
          Count each note and coin. Tab moves to the next one.
        </Text>
        <SimpleGrid cols={2} spacing="sm" verticalSpacing="sm">
          {denoms.map((d) => (
            <Group key={d.valueCents} wrap="nowrap" gap="sm" p="xs" style={{ border: '1px solid var(--mantine-color-ink-2)', borderRadius: 10, background: 'white' }}>
              <Text w={84} fw={800} size="lg" className="money">
                {m(d.valueCents)}
              </Text>
              <Text c="ink.6">×</Text>
              <NumberInput
                aria-label={`Number of ${m(d.valueCents)} ${d.note ? 'notes' : 'coins'}`}
                value={counts[d.valueCents] ?? ''}
                onChange={(v) => setCounts((c) => ({ ...c, [d.valueCents]: typeof v === 'number' ? v : Number(v) || 0 }))}
                min={0}
                max={100000}
                allowDecimal={false}
                allowNegative={false}
                w={120}
                size="md"
                placeholder="0"
              />
              <Text ml="auto" fw={600} className="money" c="ink.8">
                {m(d.valueCents * (counts[d.valueCents] ?? 0))}
              </Text>
            </Group>
          ))}
        </SimpleGrid>
      </ScrollArea>
      <Stack p="lg" gap="md" style={{ background: 'white', borderLeft: '1px solid var(--mantine-color-ink-2)' }}>
        <Box>
          <Text c="ink.7">Counted</Text>
          <Text fz={44} fw={800} className="money" data-testid="counted-total">
            {m(counted)}
          </Text>
        </Box>
        {expected === null || diff === null ? (
          <Alert color="ink" title="Blind close" data-testid="blind-close-note">
            Count what is in the drawer. The expected cash, and whether the drawer is over or short, show after you close the shift.
          </Alert>
        ) : (
          <>
            <Box>
              <Text c="ink.7">Expected</Text>
              <Text fz={28} fw={700} className="money">
                {m(expected)}
              </Text>
            </Box>
            <Box p="md" style={{ borderRadius: 12, background: diff.kind === 'balanced' ? 'var(--mantine-color-green-0)' : 'var(--mantine-color-orange-0)' }}>
              <Text fw={700}>{diff.kind === 'balanced' ? 'Balances' : diff.kind === 'over' ? 'Over by' : 'Short by'}</Text>
              <Text fz={36} fw={800} className="money" c={diff.kind === 'balanced' ? 'green.9' : 'orange.9'} data-testid="live-over-short">
                {diff.kind === 'short' ? minus(diff.cents, currency) : diff.kind === 'over' ? `+${m(diff.cents)}` : m(0)}
              </Text>
            </Box>
          </>
        )}
        {close.isError && (
          <Alert color="red" role="alert">
            {errorMessage(close.error)}
          </Alert>
        )}
        <Box style={{ flex: 1 }} />
        <Button size="xl" color="ink.9" leftSection={<IconLock />} loading={close.isPending} onClick={() => close.mutate({ counted: countedInput(denoms.map((d) => d.valueCents), counts) })}>
          Close shift
        </Button>
        <Button variant="default" onClick={onCancel} disabled={close.isPending}>
          Back
        </Button>
      </Stack>
    </Box>
  );
}
