import { Alert, Anchor, Badge, Button, Group, Paper, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import type { AdminOrderRow } from '@makeries/shared';
import { IconSearch } from '@tabler/icons-react';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTRPC } from '../../../app/api';
import { dateTimeLabel, money } from '../../../lib/format';
import { humanize, PAYMENT_LABELS } from './labels';
import { searchInputFrom } from './search-params';

const MATCHED: Record<string, string> = {
  all: 'All orders, newest first',
  number: 'Orders whose number starts with',
  email: 'Orders of the customer',
  shop: 'Orders of shops named',
};

/** The operator's order search: one box for a number, a customer's email or a shop; web and counter orders. */
export function AdminOrdersPage() {
  const trpc = useTRPC();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const input = searchInputFrom(params);
  const page = useSuspenseQuery(trpc.admin.orders.search.queryOptions(input)).data;
  const [q, setQ] = useState(input.q ?? '');
  const channel = input.channel ?? 'all';

  function go(next: Record<string, string | undefined>) {
    const merged = new URLSearchParams();
    const values = { q: input.q, shop: input.vendorId, channel: input.channel, ...next };
    for (const [k, v] of Object.entries(values)) if (v) merged.set(k, v);
    void navigate(`?${merged.toString()}`);
  }

  function submit(e: SyntheticEvent) {
    e.preventDefault();
    go({ q: q.trim() || undefined, after: undefined, shop: undefined });
  }

  return (
    <Stack gap="md" maw={1100} mx="auto">
      <Group justify="space-between" align="baseline">
        <Title order={1} fz={{ base: 24, sm: 30 }}>
          Orders
        </Title>
        <Anchor component={Link} to="../disputes">
          Disputes
        </Anchor>
      </Group>
      <form onSubmit={submit} role="search">
        <Group align="flex-end" gap="sm" wrap="nowrap">
          <TextInput
            style={{ flex: 1 }}
            label="Order number, customer email or shop"
            placeholder="W-1024, ada@example.com or Harbourside"
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            maxLength={200}
            name="q"
          />
          <Button type="submit" leftSection={<IconSearch size={16} aria-hidden />}>
            Search
          </Button>
        </Group>
      </form>
      <Group justify="space-between" gap="xs">
        <Text c="dimmed" size="sm">
          {MATCHED[page.matchedBy]}
          {page.matchedBy !== 'all' && input.q ? ` “${input.q}”` : ''}
          {input.vendorId ? ' (one shop)' : ''}
        </Text>
        <SegmentedControl
          size="xs"
          value={channel}
          onChange={(v) => go({ channel: v === 'all' ? undefined : v, after: undefined })}
          data={[
            { value: 'all', label: 'All' },
            { value: 'web', label: 'Web' },
            { value: 'counter', label: 'Counter' },
          ]}
          aria-label="Channel"
        />
      </Group>
      {page.items.length === 0 ? (
        <Alert variant="light" color="gray">
          No orders match. Try the full order number (W-1024), the exact email, or the start of the shop’s name.
        </Alert>
      ) : (
        <Stack gap="xs">
          {page.items.map((o) => (
            <OrderRow key={o.id} order={o} />
          ))}
        </Stack>
      )}
      <Group justify="space-between">
        {input.cursor ? (
          <Button variant="subtle" onClick={() => go({ after: undefined })}>
            ← Newest
          </Button>
        ) : (
          <span />
        )}
        {page.nextCursor && (
          <Button variant="light" onClick={() => go({ after: page.nextCursor ?? undefined })}>
            Older orders →
          </Button>
        )}
      </Group>
    </Stack>
  );
}

function OrderRow({ order: o }: { order: AdminOrderRow }) {
  const pay = PAYMENT_LABELS[o.paymentStatus];
  return (
    <Paper withBorder p="sm" radius="md" component={Link} to={o.id} style={{ textDecoration: 'none', color: 'inherit' }}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 260px' }}>
          <Group gap="xs">
            <Text fw={700}>{o.number}</Text>
            <Badge variant="light" color={o.channel === 'web' ? 'blue' : 'teal'} size="sm">
              {o.channel === 'web' ? 'Web' : 'Counter'}
            </Badge>
            <Text size="sm" c="dimmed">
              {o.shop.name}
            </Text>
          </Group>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {[o.customerName, o.customerEmail].filter(Boolean).join(' · ') || 'No customer details'}
          </Text>
          <Text size="xs" c="dimmed">
            {dateTimeLabel(o.placedAt)}
          </Text>
        </Stack>
        <Group gap="xs" wrap="nowrap">
          <Badge variant="outline" color="gray">
            {humanize(o.status)}
          </Badge>
          <Badge variant="light" color={pay.color}>
            {pay.label}
          </Badge>
          <Text fw={600} miw={70} ta="right">
            {money(o.totalCents, o.currency)}
          </Text>
        </Group>
      </Group>
    </Paper>
  );
}
