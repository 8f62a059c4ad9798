import { Alert, Badge, Box, Button, Divider, Group, Loader, ScrollArea, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { OrderStatus } from '@makeries/shared';
import { IconCheck, IconClock, IconPhone, IconX } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPC, useTRPCClient } from '../../api/trpc';
import { PrintButton } from '../../components/print-button';
import { money, quantityText } from '../../format/money';
import { clockTime, dayAndTime } from '../../format/time';
import { MessageThread } from './message-thread';
import { RejectModal } from './reject-modal';
import { contactOf, MOVE_LABEL, STATUS_COLOR, STATUS_LABEL } from './status';

const PREP_MINUTES = [10, 15, 20, 30, 45, 60];

/** One web order: what to make, for whom and when; accept with a prep time, reject with a reason, move it on. */
export function WebOrderDetail({ orderId, onMoved }: { orderId: string; onMoved: (orderId: string, status: OrderStatus) => void }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const qc = useQueryClient();
  const order = useQuery(trpc.webOrders.byId.queryOptions({ orderId }));
  const [prep, setPrep] = useState(20);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState(false);

  if (order.isPending) return <Loader m="xl" />;
  if (order.isError) return <Text c="red.8" p="xl">{errorMessage(order.error)}</Text>;
  const o = order.data;
  const who = contactOf(o.contact);

  const move = async (to: OrderStatus, extra: { prepMinutes?: number; reason?: string } = {}) => {
    setBusy(true);
    setError(null);
    try {
      const moved = await client.webOrders.transition.mutate({ orderId: o.id, from: o.status, to, ...extra });
      setRejecting(false);
      onMoved(moved.id, moved.status);
      await qc.invalidateQueries(trpc.webOrders.pathFilter());
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const forward = o.next.filter((s) => s !== 'rejected' && s !== 'cancelled' && s !== 'accepted');

  return (
    <ScrollArea h="100%" p="lg">
      <Stack gap="md" maw={860}>
        <Group justify="space-between" align="flex-start">
          <Box>
            <Group gap="sm">
              <Title order={2}>Order {o.number}</Title>
              <Badge size="xl" color={STATUS_COLOR[o.status]} data-testid="web-order-status">
                {STATUS_LABEL[o.status]}
              </Badge>
              {o.pendingSync && (
                <Badge size="lg" color="yellow" variant="light">
                  waiting to send
                </Badge>
              )}
            </Group>
            <Text c="ink.7">Placed {dayAndTime(o.placedAt)}</Text>
          </Box>
          <Box w={200}>
            <PrintButton size="md" role="kitchen" label="Print ticket" print={() => client.printers.printKitchenTicket.mutate({ webOrderId: o.id })} />
          </Box>
        </Group>
        <SimpleGrid cols={3}>
          <Box>
            <Text size="sm" c="ink.7">
              Customer
            </Text>
            <Text fw={700} size="lg">
              {who.name || '—'}
            </Text>
            {who.phone && (
              <Group gap={4} c="ink.8">
                <IconPhone size={16} />
                <Text size="sm">{who.phone}</Text>
              </Group>
            )}
          </Box>
          <Box>
            <Text size="sm" c="ink.7">
              {o.fulfilment === 'delivery' ? 'Delivery' : 'Pickup'}
            </Text>
            <Group gap={4}>
              <IconClock size={18} />
              <Text fw={700} size="lg">
                {o.pickupAt ? dayAndTime(o.pickupAt) : 'As soon as ready'}
              </Text>
            </Group>
            {o.prepMinutes && o.status !== 'placed' ? <Text size="sm">Prep {o.prepMinutes} min</Text> : null}
          </Box>
          <Box>
            <Text size="sm" c="ink.7">
              Payment
            </Text>
            <Text fw={700} size="lg" className="money">
              {money(o.totalCents, o.currency)}
            </Text>
            <Text size="sm">{o.paymentStatus === 'paid' ? 'Paid online' : 'Pay at pickup'}</Text>
          </Box>
        </SimpleGrid>
        <Table verticalSpacing={8} fz="lg" withTableBorder>
          <Table.Tbody>
            {o.lines.map((l) => (
              <Table.Tr key={l.id}>
                <Table.Td w={110} fw={800} className="tabular">
                  {l.soldBy === 'weight' ? quantityText(l.quantity, 'weight') : `${l.quantity} ×`}
                </Table.Td>
                <Table.Td fw={600}>
                  {l.name}
                  {l.variantName && l.variantName !== 'Default' ? ` · ${l.variantName}` : ''}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {o.note && (
          <Alert color="blue" title="Customer note">
            {o.note}
          </Alert>
        )}
        {o.statusReason && (o.status === 'rejected' || o.status === 'cancelled') && <Text c="ink.8">Reason: {o.statusReason}</Text>}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Divider />
        {o.status === 'placed' && (
          <Stack gap="sm">
            <Text fw={700}>Ready in</Text>
            <Group gap="xs">
              {PREP_MINUTES.map((m) => (
                <Button key={m} variant={prep === m ? 'filled' : 'default'} onClick={() => setPrep(m)} miw={80}>
                  {m} min
                </Button>
              ))}
            </Group>
            <Group grow>
              <Button size="xl" leftSection={<IconCheck />} loading={busy} onClick={() => void move('accepted', { prepMinutes: prep })}>
                Accept · ready {clockTime(new Date(Date.now() + prep * 60_000).toISOString())}
              </Button>
              <Button size="xl" color="red" variant="light" leftSection={<IconX />} onClick={() => setRejecting(true)} disabled={busy}>
                Reject…
              </Button>
            </Group>
          </Stack>
        )}
        {o.status !== 'placed' && forward.length > 0 && (
          <Group grow>
            {forward.map((s) => (
              <Button key={s} size="xl" loading={busy} onClick={() => void move(s)}>
                {MOVE_LABEL[s] ?? STATUS_LABEL[s]}
              </Button>
            ))}
          </Group>
        )}
        {o.next.includes('rejected') && o.status !== 'placed' && (
          <Button variant="subtle" color="red" onClick={() => setRejecting(true)} disabled={busy}>
            Cannot make it after all: reject…
          </Button>
        )}
        <Divider />
        <MessageThread orderId={o.id} />
      </Stack>
      {rejecting && <RejectModal number={o.number} busy={busy} error={error} onClose={() => setRejecting(false)} onReject={(reason) => void move('rejected', { reason })} />}
    </ScrollArea>
  );
}
