import { Alert, Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import type { AdminOrderDetail } from '@makeries/shared';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTRPC } from '../../../app/api';
import { dateTimeLabel, money, quantityLabel } from '../../../lib/format';
import { DisputeCard } from './dispute-card';
import { humanize, PAYMENT_LABELS, TIMELINE_COLORS } from './labels';
import { RefundModal } from './refund-modal';

/** One order as the operator sees it: what was sold, the card money, the timeline, disputes, and the refund action. */
export function AdminOrderDetailPage() {
  const trpc = useTRPC();
  const orderId = useParams().orderId ?? '';
  const detail = useSuspenseQuery(trpc.admin.orders.detail.queryOptions({ orderId })).data;
  const [refunding, setRefunding] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const o = detail.order;
  const pay = PAYMENT_LABELS[o.paymentStatus];

  return (
    <Stack gap="md" maw={1100} mx="auto">
      <Anchor component={Link} to=".." relative="path" size="sm">
        ← Orders
      </Anchor>
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={4}>
          <Title order={1} fz={{ base: 24, sm: 30 }}>
            Order {o.number}
          </Title>
          <Text c="dimmed" size="sm">
            {o.shop.name} · {o.channel === 'web' ? 'online' : 'at the counter'} · {dateTimeLabel(o.placedAt)}
          </Text>
          <Group gap="xs">
            <Badge variant="outline" color="gray">
              {humanize(o.status)}
            </Badge>
            <Badge variant="light" color={pay.color}>
              {pay.label}
            </Badge>
            {detail.disputes.some((d) => d.open) && (
              <Badge color="red" variant="filled">
                Disputed
              </Badge>
            )}
          </Group>
        </Stack>
        <Button
          leftSection={<IconArrowBackUp size={18} aria-hidden />}
          color="red"
          variant="light"
          disabled={detail.refundableCents <= 0}
          onClick={() => {
            setDone(null);
            setRefunding(true);
          }}
        >
          Refund
        </Button>
      </Group>
      {detail.refundableCents <= 0 && (
        <Text size="sm" c="dimmed">
          {detail.payment ? 'Everything paid by card has been refunded.' : 'Not paid by card: there is no card payment to refund.'}
        </Text>
      )}
      {done && (
        <Alert color="green" variant="light" role="status">
          {done}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Stack gap="md">
          <Lines detail={detail} />
          <Money detail={detail} />
          {detail.disputes.map((d) => (
            <DisputeCard key={d.id} dispute={d} />
          ))}
        </Stack>
        <Card withBorder radius="md" p="md">
          <Title order={2} fz={18} mb="sm">
            Timeline
          </Title>
          <Timeline bulletSize={14} lineWidth={2}>
            {detail.timeline.map((e, i) => (
              <Timeline.Item key={`${e.at}-${String(i)}`} color={TIMELINE_COLORS[e.kind]} title={e.title}>
                <Text size="xs" c="dimmed">
                  {dateTimeLabel(e.at)}
                </Text>
                {e.detail && (
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {e.detail}
                  </Text>
                )}
              </Timeline.Item>
            ))}
          </Timeline>
        </Card>
      </SimpleGrid>
      {refunding && <RefundModal detail={detail} onClose={() => setRefunding(false)} onDone={(msg) => setDone(msg)} />}
    </Stack>
  );
}

function Lines({ detail }: { detail: AdminOrderDetail }) {
  const o = detail.order;
  return (
    <Card withBorder radius="md" p="md">
      <Title order={2} fz={18} mb="xs">
        Items
      </Title>
      <Table>
        <Table.Tbody>
          {detail.lines.map((l) => (
            <Table.Tr key={l.id}>
              <Table.Td>
                {quantityLabel(l.quantity, l.soldBy)} × {l.variantName && l.variantName !== 'Default' ? `${l.name} (${l.variantName})` : l.name}
                {l.refundedQuantity > 0 && (
                  <Text size="xs" c="orange">
                    {quantityLabel(l.refundedQuantity, l.soldBy)} refunded ({money(l.refundedCents, o.currency)})
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right">{money(l.totalCents, o.currency)}</Table.Td>
            </Table.Tr>
          ))}
          {o.deliveryFeeCents > 0 && (
            <Table.Tr>
              <Table.Td>Delivery</Table.Td>
              <Table.Td ta="right">{money(o.deliveryFeeCents, o.currency)}</Table.Td>
            </Table.Tr>
          )}
          <Table.Tr>
            <Table.Td fw={700}>Total</Table.Td>
            <Table.Td ta="right" fw={700}>
              {money(o.totalCents, o.currency)}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Text size="sm" c="dimmed" mt="xs">
        Customer: {[o.customerName, o.customerEmail].filter(Boolean).join(' · ') || 'none recorded'}
      </Text>
    </Card>
  );
}

function Money({ detail }: { detail: AdminOrderDetail }) {
  const { payment, transfer, order: o } = detail;
  return (
    <Card withBorder radius="md" p="md">
      <Title order={2} fz={18} mb="xs">
        Card money
      </Title>
      {payment ? (
        <Stack gap={4}>
          <Text size="sm">
            {payment.kind === 'terminal' ? 'Counter card reader' : 'Online card payment'}: {money(payment.amountCents, o.currency)} · {humanize(payment.status)}
          </Text>
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {[payment.intentId, payment.chargeId].filter(Boolean).join(' · ')}
          </Text>
          <Text size="sm">
            {transfer
              ? `Shop's share: ${money(transfer.amountCents, o.currency)} (${humanize(transfer.status)})${transfer.reversedCents > 0 ? `, ${money(transfer.reversedCents, o.currency)} taken back` : ''}`
              : payment.kind === 'terminal'
                ? "The shop's share went with the charge."
                : 'Not transferred to the shop yet.'}
          </Text>
          <Text size="sm" fw={600}>
            Left to refund: {money(detail.refundableCents, o.currency)}
          </Text>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          No card payment: paid at pickup, in cash, or not yet.
        </Text>
      )}
    </Card>
  );
}
