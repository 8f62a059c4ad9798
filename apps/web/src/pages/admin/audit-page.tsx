import { Alert, Anchor, Autocomplete, Badge, Button, Code, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import type { AuditEntry, AuditListInput } from '@makeries/shared';
import { IconArrowRight } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { failureOf, useTRPC } from '../../app/api';
import { dateTimeLabel } from '../../lib/format';
import { auditFilter } from './admin-loaders';
import { changedFields, shownValue } from './audit-diff';

const KINDS = ['vendor', 'product', 'review', 'order', 'customer', 'operator'];

const recordLink = (kind: string, id: string) => `/admin/audit?${new URLSearchParams({ kind, id }).toString()}`;

function Changes({ entry }: { entry: AuditEntry }) {
  const changes = changedFields(entry.before, entry.after);
  if (changes.length === 0) return null;
  return (
    <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Changes">
      {changes.map((c) => (
        <Group key={c.field} component="li" gap={6} wrap="wrap" fz="sm">
          <Text span fw={600} size="sm">
            {c.field}
          </Text>
          <Code c="red.9" bg="red.0" style={{ wordBreak: 'break-all' }}>
            {shownValue(c.before)}
          </Code>
          <IconArrowRight size={14} aria-label="became" />
          <Code c="brand.9" bg="brand.0" style={{ wordBreak: 'break-all' }}>
            {shownValue(c.after)}
          </Code>
        </Group>
      ))}
    </Stack>
  );
}

function Entry({ entry }: { entry: AuditEntry }) {
  return (
    <Paper component="li" withBorder radius="md" p="md" aria-label={`${entry.action} on ${entry.targetType} ${entry.targetId}`}>
      <Stack gap={8}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Badge variant="light" tt="none" size="lg" ff="monospace" fw={600}>
            {entry.action}
          </Badge>
          <Text size="sm" c="dimmed" component="time" dateTime={entry.at}>
            {dateTimeLabel(entry.at)}
          </Text>
        </Group>
        <Text size="sm">
          <Text span c="dimmed" size="sm">
            By{' '}
          </Text>
          <Text span fw={600} size="sm">
            {entry.operator.name}
          </Text>{' '}
          <Text span c="dimmed" size="sm">
            ({entry.operator.email}) on{' '}
          </Text>
          <Anchor component={Link} to={recordLink(entry.targetType, entry.targetId)} size="sm" style={{ wordBreak: 'break-all' }}>
            {entry.targetType} {entry.targetId}
          </Anchor>
        </Text>
        {entry.reason && (
          <Text size="sm">
            <Text span c="dimmed" size="sm">
              Why:{' '}
            </Text>
            {entry.reason}
          </Text>
        )}
        <Changes entry={entry} />
      </Stack>
    </Paper>
  );
}

/** The newest page from the loader, then older pages one at a time ("Show older"). Keyed by the filter. */
function AuditList({ input }: { input: AuditListInput }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const first = useQuery(trpc.admin.audit.queryOptions(input)).data;
  const [older, setOlder] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const next = cursor === undefined ? (first?.nextCursor ?? null) : cursor;
  const items = [...(first?.items ?? []), ...older];

  async function showOlder() {
    if (!next) return;
    setLoading(true);
    setError(null);
    try {
      const page = await queryClient.query(trpc.admin.audit.queryOptions({ ...input, cursor: next }));
      setOlder((o) => [...o, ...page.items]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(failureOf(e).message);
    } finally {
      setLoading(false);
    }
  }

  if (items.length === 0) {
    return (
      <Paper withBorder radius="md" p="xl" ta="center">
        <Text c="dimmed">{input.targetType || input.targetId ? 'Nothing in the audit log for this record.' : 'Nothing in the audit log yet.'}</Text>
      </Paper>
    );
  }
  return (
    <Stack gap="sm">
      <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Audit log entries">
        {items.map((e) => (
          <Entry key={e.seq} entry={e} />
        ))}
      </Stack>
      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      {next && (
        <Button variant="default" onClick={() => void showOlder()} loading={loading} mx="auto">
          Show older
        </Button>
      )}
    </Stack>
  );
}

/** Kind and id of one record; keyed by the address, so following a record's link refills it. */
function FilterForm({ filtered }: { filtered: boolean }) {
  const [params, setParams] = useSearchParams();
  const [kind, setKind] = useState(params.get('kind') ?? '');
  const [id, setId] = useState(params.get('id') ?? '');

  function apply(e: { preventDefault: () => void }) {
    e.preventDefault();
    const next = new URLSearchParams();
    if (kind.trim()) next.set('kind', kind.trim());
    if (id.trim()) next.set('id', id.trim());
    setParams(next);
  }

  return (
    <Paper component="form" withBorder radius="md" p="md" onSubmit={apply} aria-label="Filter the audit log">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Autocomplete label="Record kind" placeholder="vendor, order…" data={KINDS} value={kind} onChange={setKind} w={{ base: '100%', xs: 180 }} />
        <TextInput label="Record id" placeholder="Any id" value={id} onChange={(e) => setId(e.currentTarget.value)} style={{ flex: 1, minWidth: 200 }} />
        <Group gap="xs">
          <Button type="submit">Show</Button>
          {filtered && (
            <Button variant="subtle" onClick={() => setParams(new URLSearchParams())}>
              Show all
            </Button>
          )}
        </Group>
      </Group>
    </Paper>
  );
}

/** `/admin/audit`: every operator action, newest first; `?kind=vendor&id=…` shows one record's history. */
export function AdminAuditPage() {
  const [params] = useSearchParams();
  const { input, invalid } = auditFilter(params);
  const filtered = Boolean(input.targetType || input.targetId);
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1} size="h2">
          Audit log
        </Title>
        <Text c="dimmed">Every operator action, newest first. Entries can never be changed or removed.</Text>
      </Stack>
      <FilterForm key={params.toString()} filtered={filtered} />
      {invalid && (
        <Alert color="yellow" variant="light">
          That filter is not valid (a kind is at most 40 characters, an id at most 100), so the whole log is shown.
        </Alert>
      )}
      <AuditList key={`${input.targetType ?? ''}|${input.targetId ?? ''}`} input={input} />
    </Stack>
  );
}
