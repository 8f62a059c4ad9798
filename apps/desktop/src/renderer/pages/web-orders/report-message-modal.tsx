import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { REPORT_REASON_LABELS, REPORT_REASONS, type ReportReason } from '@makeries/shared';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { useTRPCClient } from '../../api/trpc';

/** Reports a customer's message to the marketplace's operator: why, in one tap, then a clear answer. */
export function ReportMessageModal({ orderId, messageId, excerpt, onClose }: { orderId: string; messageId: string; excerpt: string; onClose: () => void }) {
  const client = useTRPCClient();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const report = async (reason: ReportReason) => {
    setBusy(true);
    try {
      await client.messages.report.mutate({ orderId, messageId, reason });
      setOutcome({ ok: true, text: 'Reported. The marketplace team will look at it.' });
    } catch (e) {
      setOutcome({ ok: false, text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} size="md" title={<Text fw={700} size="xl">Report this message</Text>}>
      <Stack>
        <Text c="ink.7" lineClamp={3} style={{ overflowWrap: 'anywhere' }}>
          “{excerpt}”
        </Text>
        {outcome ? (
          <Text c={outcome.ok ? 'brand.8' : 'red.8'} role={outcome.ok ? 'status' : 'alert'}>
            {outcome.text}
          </Text>
        ) : (
          <Stack gap={6}>
            {REPORT_REASONS.map((r) => (
              <Button key={r} variant="default" justify="flex-start" loading={busy} onClick={() => void report(r)}>
                {REPORT_REASON_LABELS[r]}
              </Button>
            ))}
          </Stack>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
