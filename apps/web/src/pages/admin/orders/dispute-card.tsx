import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { evidenceDueLabel, type AdminDisputeView } from '@makeries/shared';
import { Link } from 'react-router';
import { market } from '../../../lib/market';
import { dateTimeLabel, money } from '../../../lib/format';
import { humanize } from './labels';

const DAY_MS = 86_400_000;

/** One dispute: amount, reason, where it stands and, while open, the evidence deadline said plainly. */
export function DisputeCard({ dispute: d, linkOrders = false }: { dispute: AdminDisputeView; linkOrders?: boolean }) {
  const urgent = d.open && d.evidenceDueBy !== null && Date.parse(d.evidenceDueBy) - Date.now() < 3 * DAY_MS;
  return (
    <Card withBorder radius="md" p="md" style={{ borderColor: d.open ? 'var(--mantine-color-red-4)' : undefined }}>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs">
          <Text fw={700}>
            Dispute · {money(d.amountCents, d.currency)} · {humanize(d.reason)}
          </Text>
          <Badge color={d.open ? 'red' : d.outcome === 'won' ? 'green' : 'gray'} variant={d.open ? 'filled' : 'light'}>
            {d.open ? humanize(d.status) : `Closed: ${humanize(d.outcome ?? d.status)}`}
          </Badge>
        </Group>
        {d.open && d.evidenceDueBy && (
          <Text fw={600} c={urgent ? 'red' : undefined}>
            {evidenceDueLabel(d.evidenceDueBy, new Date(), { timeZone: market().timezone, locale: market().locale })}
          </Text>
        )}
        <Text size="sm" c="dimmed">
          Opened {dateTimeLabel(d.openedAt)}
          {d.closedAt ? ` · closed ${dateTimeLabel(d.closedAt)}` : ''}
          {d.fundsWithdrawnAt && !d.fundsReinstatedAt ? ' · funds withdrawn' : ''}
          {d.fundsReinstatedAt ? ' · funds reinstated' : ''}
        </Text>
        {linkOrders && d.orders.length > 0 && (
          <Group gap="xs">
            {d.orders.map((o) => (
              <Anchor key={o.id} component={Link} to={`../orders/${o.id}`} size="sm">
                {o.number} · {o.shopName}
              </Anchor>
            ))}
          </Group>
        )}
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {d.id} · charge {d.chargeId}
        </Text>
      </Stack>
    </Card>
  );
}
