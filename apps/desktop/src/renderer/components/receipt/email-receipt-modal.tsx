import { Alert, Badge, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconMail, IconWifiOff } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { apiError } from '../../api/errors';
import { useTRPC, useTRPCClient } from '../../api/trpc';
import type { Outputs } from '../../api/types';
import { dayAndTime } from '../../format/time';

type Sent = Outputs['customers']['emailReceipt'];

const STATUS: Record<Sent['status'], { label: string; color: string }> = {
  pending: { label: 'Waiting to send', color: 'orange' },
  applied: { label: 'Sent to the marketplace', color: 'brand' },
  rejected: { label: 'Refused', color: 'red' },
};

/** "Email receipt": the customer's address (or one typed now), queued on the counter until it is online. */
export function EmailReceiptModal({ saleId, onClose }: { saleId: string; onClose: () => void }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const qc = useQueryClient();
  const forSale = useQuery(trpc.customers.forSale.queryOptions({ saleId }));
  const history = useQuery(trpc.customers.receiptEmails.queryOptions({ saleId }));
  const [typed, setTyped] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<Sent | null>(null);
  const [busy, setBusy] = useState(false);
  const to = typed ?? forSale.data?.email ?? '';

  const send = async (e: SubmitEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      setSent(await client.customers.emailReceipt.mutate({ saleId, to: to.trim() }));
      await qc.invalidateQueries(trpc.customers.pathFilter());
    } catch (err) {
      const info = apiError(err);
      setError(info.issues[0]?.message ?? info.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} size="md" title={<Text fw={700} size="xl">Email receipt</Text>}>
      {sent ? (
        <Stack>
          <Alert color={sent.online ? 'brand' : 'orange'} icon={sent.online ? <IconMail size={20} /> : <IconWifiOff size={20} />} title={sent.online ? 'Sending now' : 'Will send when back online'} data-testid="email-receipt-queued">
            The receipt goes to <b>{sent.to}</b>
            {sent.online ? ' with the next sync, in a few seconds.' : '. It is saved on this counter and leaves as soon as the connection is back.'}
          </Alert>
          <Button size="lg" onClick={onClose} data-autofocus>
            Done
          </Button>
        </Stack>
      ) : (
        <form onSubmit={(e) => void send(e)} noValidate>
          <Stack>
            {forSale.data?.name && (
              <Text c="ink.8">
                For <b>{forSale.data.name}</b>
                {forSale.data.email ? '' : ' (no email on file: type it below)'}
              </Text>
            )}
            <TextInput
              label="Email address"
              placeholder="customer@example.com"
              type="email"
              size="lg"
              value={to}
              onChange={(e) => {
                setTyped(e.currentTarget.value);
                setError(null);
              }}
              error={error}
              maxLength={254}
              required
              data-autofocus
              data-testid="email-receipt-to"
            />
            {(history.data?.length ?? 0) > 0 && (
              <Stack gap={4}>
                <Text size="sm" fw={600} c="ink.7">
                  Already asked
                </Text>
                {history.data?.map((h) => (
                  <Group key={h.id} justify="space-between" wrap="nowrap">
                    <Text size="sm" truncate>
                      {h.to} · {dayAndTime(h.requestedAt)}
                    </Text>
                    <Badge variant="light" color={STATUS[h.status].color}>
                      {STATUS[h.status].label}
                    </Badge>
                  </Group>
                ))}
              </Stack>
            )}
            <Group justify="flex-end">
              <Button variant="default" size="lg" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" size="lg" leftSection={<IconMail size={20} />} loading={busy} disabled={to.trim() === ''}>
                Send receipt
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
