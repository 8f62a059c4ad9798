import { Alert, Anchor, Badge, Button, Card, Group, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import type { AdminShopListItem } from '@makeries/shared';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { failureOf, useTRPC } from '../../../app/api';
import { dateTimeLabel } from '../../../lib/format';
import { listInputOf, STATUS_COLOR, STATUS_LABEL, tabOf, type StatusTab } from './list-input';

const TABS: { value: StatusTab; label: string }[] = [
  { value: 'pending', label: 'Applications' },
  { value: 'approved', label: 'Approved' },
  { value: 'suspended', label: 'Suspended' },
  { value: 'rejected', label: 'Rejected' },
  { value: 'all', label: 'All' },
];

function StatusBadge({ shop }: { shop: AdminShopListItem }) {
  return (
    <Badge color={STATUS_COLOR[shop.status]} variant="light">
      {STATUS_LABEL[shop.status]}
    </Badge>
  );
}

/** The console's shops: the applications queue (oldest first) by default, other standings in tabs, search. */
export function ShopsListPage() {
  const trpc = useTRPC();
  const [params, setParams] = useSearchParams();
  const tab = tabOf(params);
  const input = listInputOf(params);
  const [search, setSearch] = useState(params.get('q') ?? '');
  const list = useQuery(trpc.admin.shops.list.queryOptions(input));

  function go(next: { status?: StatusTab; q?: string; after?: string | null }) {
    const p = new URLSearchParams();
    p.set('status', next.status ?? tab);
    const q = next.q ?? params.get('q') ?? '';
    if (q.trim()) p.set('q', q.trim());
    if (next.after) p.set('after', next.after);
    setParams(p);
  }

  function submit(e: SubmitEvent) {
    e.preventDefault();
    go({ q: search, after: null });
  }

  const items = list.data?.items ?? [];
  return (
    <Stack gap="md" maw={1100} mx="auto" px={{ base: 'xs', sm: 'md' }} py="md">
      <Title order={1} size="h2">
        Shops
      </Title>
      <Tabs value={tab} onChange={(v) => go({ status: (v as StatusTab | null) ?? 'pending', after: null })}>
        <Tabs.List style={{ flexWrap: 'wrap' }}>
          {TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <form onSubmit={submit} role="search">
        <Group gap="xs" wrap="nowrap">
          <TextInput
            flex={1}
            aria-label="Search shops"
            placeholder="Name, email or web address"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
          />
          <Button type="submit">Search</Button>
        </Group>
      </form>
      {tab === 'pending' && <Text c="dimmed" size="sm">Applications waiting for approval, the longest waiting first.</Text>}
      {list.isError && <Alert color="red" title="Could not load the shops">{failureOf(list.error).message}</Alert>}
      {list.isSuccess && items.length === 0 && <Text c="dimmed">{input.search ? 'No shop matches that search.' : 'Nothing here.'}</Text>}
      {items.length > 0 && (
        <>
          <Table visibleFrom="sm" striped highlightOnHover data-testid="shops-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Shop</Table.Th>
                <Table.Th>Owner</Table.Th>
                <Table.Th>City</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Registered</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/admin/shops/${s.id}`} fw={600}>
                      {s.name}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      /v/{s.slug}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{s.owner?.name ?? '—'}</Text>
                    <Text size="xs" c="dimmed">
                      {s.owner?.email ?? s.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>{s.city}</Table.Td>
                  <Table.Td>
                    <StatusBadge shop={s} />
                  </Table.Td>
                  <Table.Td>{dateTimeLabel(s.createdAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Stack hiddenFrom="sm" gap="xs">
            {items.map((s) => (
              <Card key={s.id} withBorder padding="sm" component={Link} to={`/admin/shops/${s.id}`} data-testid="shop-card">
                {/* on a phone the name gets the whole width and the status its own line, so neither is cut short */}
                <Text fw={600}>{s.name}</Text>
                <Text size="xs" c="dimmed" truncate>
                  {s.owner?.email ?? s.email} · {s.city}
                </Text>
                <Group gap="xs" mt={6}>
                  <StatusBadge shop={s} />
                  <Text size="xs" c="dimmed">
                    Registered {dateTimeLabel(s.createdAt)}
                  </Text>
                </Group>
              </Card>
            ))}
          </Stack>
        </>
      )}
      <Group justify="space-between">
        {input.cursor ? (
          <Button variant="subtle" onClick={() => go({ after: null })}>
            Back to the first page
          </Button>
        ) : (
          <span />
        )}
        {list.data?.nextCursor && (
          <Button variant="light" onClick={() => go({ after: list.data.nextCursor })}>
            Next page
          </Button>
        )}
      </Group>
    </Stack>
  );
}
