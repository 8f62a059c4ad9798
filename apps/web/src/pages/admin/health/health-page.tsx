import { Alert, Button, Card, Container, Group, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { formatMoney, type HealthSummary } from '@makeries/shared';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { failureOf, useTRPC, useTRPCClient } from '../../../app/api';
import { ShareBar, StackedBars } from './charts';
import { healthFormat, type HealthFormat } from './format';
import { rangeFromSearch, type HealthRange } from './range';
import { HealthWatchlists } from './watchlists';

/** The operator's view of the market: figures for a range by day or week, charts, and what needs attention. */
export function HealthPage() {
  const trpc = useTRPC();
  const market = useSuspenseQuery({ ...trpc.market.settings.queryOptions(), staleTime: 'static' }).data;
  const [search] = useSearchParams();
  const range = rangeFromSearch(search, market.timezone);
  const summary = useQuery(trpc.admin.health.summary.queryOptions(range));
  const fmt = healthFormat(market.locale, market.timezone);
  const signedOut = summary.error !== null && failureOf(summary.error).appCode === 'UNAUTHENTICATED';
  return (
    <Container size="lg" py="md">
      <Stack gap="md">
        <Title order={1} size="h2">
          Market health
        </Title>
        {signedOut ? (
          <Alert color="gray" title="Operators only">
            Sign in to the operator console to see the market’s figures.
          </Alert>
        ) : (
          <>
            <RangeForm key={`${range.from}-${range.to}-${range.by}`} range={range} />
            {summary.error && !signedOut && <Alert color="red">{failureOf(summary.error).message}</Alert>}
            {summary.data && <Figures s={summary.data} fmt={fmt} />}
            <HealthWatchlists fmt={fmt} />
          </>
        )}
      </Stack>
    </Container>
  );
}

function RangeForm({ range }: { range: HealthRange }) {
  const navigate = useNavigate();
  const client = useTRPCClient();
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  const [by, setBy] = useState(range.by);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function submit(e: SyntheticEvent) {
    e.preventDefault();
    void navigate(`?${new URLSearchParams({ from, to, by }).toString()}`);
  }

  async function download() {
    setBusy(true);
    setError(null);
    try {
      const { filename, csv } = await client.admin.health.exportCsv.query(range);
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = filename;
      a.click();
      URL.revokeObjectURL(url);
    } catch (err) {
      setError(failureOf(err).message || 'The download did not work. Try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card withBorder component="form" onSubmit={submit} aria-label="Range">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput type="date" label="From" value={from} onChange={(e) => setFrom(e.currentTarget.value)} required w={170} />
        <TextInput type="date" label="To" value={to} onChange={(e) => setTo(e.currentTarget.value)} required w={170} />
        <SegmentedControl
          aria-label="Group by"
          value={by}
          onChange={(v) => setBy(v === 'week' ? 'week' : 'day')}
          data={[
            { value: 'day', label: 'By day' },
            { value: 'week', label: 'By week' },
          ]}
        />
        <Button type="submit">Show</Button>
        <Button variant="default" onClick={() => void download()} loading={busy}>
          Download CSV
        </Button>
      </Group>
      {error && (
        <Text c="red" size="sm" mt="xs" role="alert">
          {error}
        </Text>
      )}
    </Card>
  );
}

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
}

function Figures({ s, fmt }: { s: HealthSummary; fmt: HealthFormat }) {
  const money = (cents: number) => formatMoney(cents, s.currency);
  const count = fmt.count;
  const t = s.totals;
  const points = s.series;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {s.from} to {s.to} {s.by === 'week' ? '(whole weeks, Monday to Sunday)' : ''} in {s.timezone}. Today ({s.today}) is live; earlier days as of{' '}
        {s.refreshedAt ? fmt.when(s.refreshedAt) : 'the first refresh (not run yet)'}.
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }} spacing="sm">
        <Figure label="GMV" value={money(t.gmvCents)} hint={`refunds ${money(t.refundedCents)} · net ${money(t.netCents)}`} />
        <Figure label="Orders" value={count(t.orders)} hint={`web ${count(t.webOrders)} · counter ${count(t.counterOrders)}`} />
        <Figure label="Average basket" value={t.averageBasketCents === null ? '—' : money(t.averageBasketCents)} />
        <Figure
          label="Checkout conversion"
          value={t.conversionRate === null ? '—' : `${(t.conversionRate * 100).toFixed(1)} %`}
          hint={`${count(t.convertedCheckouts)} of ${count(t.checkouts)} checkouts became orders`}
        />
        <Figure label="Active shops" value={count(t.activeShops)} hint="with an order in the range" />
      </SimpleGrid>
      <Card withBorder>
        <Stack gap="sm">
          <ShareBar title="GMV share" web={t.webGmvCents} counter={t.counterGmvCents} format={money} />
          <ShareBar title="Orders share" web={t.webOrders} counter={t.counterOrders} format={count} />
        </Stack>
      </Card>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder>
          <StackedBars title={s.by === 'week' ? 'GMV per week' : 'GMV per day'} points={points.map((p) => ({ label: p.start, web: p.webGmvCents, counter: p.counterGmvCents }))} format={money} />
        </Card>
        <Card withBorder>
          <StackedBars title={s.by === 'week' ? 'Orders per week' : 'Orders per day'} points={points.map((p) => ({ label: p.start, web: p.webOrders, counter: p.counterOrders }))} format={count} />
        </Card>
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        GMV: totals of counter sales, card orders paid and web orders to pay at pickup; rejected, cancelled and unpaid orders are left out. Refunds are shown beside it,
        counted on the refunded order’s day. Conversion: carts live in the shopper’s browser, so it counts submitted checkouts and how many were paid or placed to pay at
        pickup.
      </Text>
    </Stack>
  );
}
