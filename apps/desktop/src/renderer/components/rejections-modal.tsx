import { Alert, Badge, Button, Card, Group, Loader, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconCircleCheck, IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../api/errors';
import { useTRPC } from '../api/trpc';
import type { Rejection, SignedIn } from '../api/types';
import { dayAndTime } from '../format/time';
import { isManagerRole } from './role-label';

const WHAT: Record<string, string> = {
  'sale.complete': 'Sale',
  'sale.refund': 'Refund',
  'shift.event': 'Till / shift entry',
  'stock.movement': 'Stock change',
  'order.transition': 'Online order status',
  'product.quickAdd': 'New product added at the counter',
  'catalog.productCreate': 'New product',
  'catalog.productUpdate': 'Product change',
  'catalog.categorySave': 'Category',
  'catalog.taxRateSave': 'Tax rate',
};

function subject(r: Rejection): string {
  const args = (r.args ?? {}) as Record<string, unknown>;
  const ref = typeof args.number === 'string' ? ` ${args.number}` : typeof args.name === 'string' ? ` “${args.name}”` : '';
  return `${WHAT[r.name] ?? r.name}${ref}`;
}

function RejectionCard({ r, canResolve }: { r: Rejection; canResolve: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const resolve = useMutation(trpc.sync.resolveRejection.mutationOptions({
    onSuccess: () => Promise.all([qc.invalidateQueries(trpc.sync.pathFilter())]),
  }));
  return (
    <Card withBorder radius="md" p="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Text fw={700}>{subject(r)}</Text>
          <Text>{r.message}</Text>
          <Text size="sm" c="ink.7">
            Refused by the marketplace {r.ackedAt ? dayAndTime(r.ackedAt) : ''} · made {dayAndTime(r.createdAt)}
          </Text>
        </Stack>
        <Badge color="orange" variant="light">
          {r.code}
        </Badge>
      </Group>
      {canResolve && (
        <Group mt="md" align="flex-end" wrap="nowrap">
          <TextInput
            style={{ flex: 1 }}
            size="md"
            label="What was done about it"
            placeholder="e.g. Refunded the customer by hand"
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={resolve.isError ? errorMessage(resolve.error) : undefined}
          />
          <Button size="md" leftSection={<IconCircleCheck size={20} />} loading={resolve.isPending} disabled={note.trim().length < 3} onClick={() => resolve.mutate({ id: r.id, note })}>
            Mark resolved
          </Button>
        </Group>
      )}
    </Card>
  );
}

/** Changes the marketplace refused (business rules): staff see what and why; a manager records what was done. */
export function RejectionsModal({ opened, onClose, staff }: { opened: boolean; onClose: () => void; staff: SignedIn }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.sync.rejections.queryOptions({ limit: 50, includeResolved: false }, { enabled: opened }));
  const canResolve = isManagerRole(staff.role);
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700} size="xl">Needs attention</Text>} size="xl">
      <Stack>
        {!canResolve && (
          <Alert icon={<IconInfoCircle />} color="blue">
            Only a manager can mark these as resolved. Ask a manager to sign in on this counter.
          </Alert>
        )}
        {list.isPending && <Loader />}
        {list.isError && <Text c="red.8">{errorMessage(list.error)}</Text>}
        {list.data?.length === 0 && <Text c="ink.7">Nothing needs attention.</Text>}
        {list.data?.map((r) => <RejectionCard key={r.id} r={r} canResolve={canResolve} />)}
      </Stack>
    </Modal>
  );
}
