import { Alert, Button, Group, Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import { REPORT_DETAILS_MAX, REPORT_REASON_LABELS, REPORT_REASONS, type ReportKind, type ReportReason } from '@makeries/shared';
import { IconCircleCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { failureOf, useTRPC } from '../app/api';

const NOUN: Record<ReportKind, string> = { product: 'product', shop: 'shop', review: 'review', message: 'message' };

type Outcome = { state: 'form' } | { state: 'sent'; message: string };

/** The report form: why (a short list) and optional details; then a clear thank-you. */
/** `submit`: sends the report another way (an order message is reported through messages.report, with its order). */
export function ReportDialog({
  kind,
  targetId,
  name,
  onClose,
  onReported,
  submit,
}: {
  kind: ReportKind;
  targetId: string;
  name: string;
  onClose: () => void;
  onReported: () => void;
  submit?: (reason: ReportReason, details: string) => Promise<unknown>;
}) {
  const trpc = useTRPC();
  const create = useMutation(trpc.reports.create.mutationOptions());
  const [reason, setReason] = useState<ReportReason | null>(null);
  const [details, setDetails] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome>({ state: 'form' });

  async function send() {
    if (!reason) {
      setError('Choose why you are reporting this.');
      return;
    }
    setError(null);
    try {
      await (submit ? submit(reason, details) : create.mutateAsync({ kind, targetId, reason, details }));
      setOutcome({ state: 'sent', message: 'Thanks — our team will look at it.' });
      onReported();
    } catch (e) {
      const f = failureOf(e);
      if (f.appCode === 'DUPLICATE') {
        setOutcome({ state: 'sent', message: f.message });
        onReported();
      } else setError(f.message || 'Could not send the report. Check your connection and try again.');
    }
  }

  return (
    <Modal opened onClose={onClose} title={`Report this ${NOUN[kind]}`} centered size="md">
      {outcome.state === 'sent' ? (
        <Stack gap="md">
          <Alert color="brand" variant="light" icon={<IconCircleCheck aria-hidden />} role="status">
            {outcome.message}
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose}>Close</Button>
          </Group>
        </Stack>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <Stack gap="md">
            <Text size="sm" c="dimmed" lineClamp={2}>
              {name}
            </Text>
            <Radio.Group label="What is wrong?" value={reason} onChange={(v) => {
                setReason(v as ReportReason);
                setError(null);
              }} withAsterisk>
              <Stack gap={8} mt={6}>
                {REPORT_REASONS.map((r) => (
                  <Radio key={r} value={r} label={REPORT_REASON_LABELS[r]} />
                ))}
              </Stack>
            </Radio.Group>
            <Textarea
              label="Details (optional)"
              description="What should our team know?"
              value={details}
              onChange={(e) => setDetails(e.currentTarget.value)}
              maxLength={REPORT_DETAILS_MAX}
              autosize
              minRows={2}
              maxRows={6}
            />
            {error && (
              <Alert color="red" variant="light" role="alert">
                {error}
              </Alert>
            )}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending}>
                Send report
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
