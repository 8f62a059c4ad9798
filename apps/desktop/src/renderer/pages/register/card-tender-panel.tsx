import { Alert, Box, Button, Group, Loader, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleX, IconCreditCard, IconDeviceMobile } from '@tabler/icons-react';
import { money } from '../../format/money';
import type { CardAttempt } from './card-tender-flow';

interface Props {
  attempt: CardAttempt;
  currency: string;
  readerLabel: string | null;
  error: string | null;
  busy: boolean;
  onCancel: () => void;
  onCheckAgain: () => void;
  onRetry: () => void;
  onDone: () => void;
}

const TONE = {
  starting: { color: 'ink', bg: 'var(--mantine-color-ink-0)' },
  waiting: { color: 'brand', bg: 'var(--mantine-color-brand-0)' },
  succeeded: { color: 'green', bg: 'var(--mantine-color-green-0)' },
  failed: { color: 'red', bg: 'var(--mantine-color-red-0)' },
  canceled: { color: 'ink', bg: 'var(--mantine-color-ink-0)' },
  recorded: { color: 'green', bg: 'var(--mantine-color-green-0)' },
} as const;

function heading(a: CardAttempt): string {
  if (a.status === 'starting') return a.message ? 'No answer from the card service' : 'Sending to the reader…';
  if (a.status === 'waiting') return 'Present card on the reader…';
  if (a.status === 'succeeded' || a.status === 'recorded') return 'Card approved';
  if (a.status === 'failed') return 'Card payment failed';
  return 'Card payment cancelled';
}

function Icon({ a }: { a: CardAttempt }) {
  const color = TONE[a.status].color;
  const icon =
    a.status === 'waiting' ? <IconDeviceMobile size={44} /> :
    a.status === 'succeeded' || a.status === 'recorded' ? <IconCircleCheck size={44} /> :
    a.status === 'failed' ? <IconCircleX size={44} /> :
    a.status === 'starting' && a.message ? <IconAlertTriangle size={44} /> : <IconCreditCard size={44} />;
  return (
    <ThemeIcon size={84} radius="xl" color={color} variant="light">
      {icon}
    </ThemeIcon>
  );
}

/** The card payment on the Stripe reader: waiting for the customer, then approved, declined or cancelled. */
export function CardTenderPanel({ attempt: a, currency, readerLabel, error, busy, onCancel, onCheckAgain, onRetry, onDone }: Props) {
  const live = a.status === 'starting' || a.status === 'waiting';
  const noAnswer = a.status === 'starting' && a.message !== null;
  return (
    <Box p="xl" data-testid="card-tender" data-status={a.status} style={{ background: TONE[a.status].bg, borderRadius: 16, minHeight: 420 }}>
      <Stack align="center" gap="md" ta="center">
        <Icon a={a} />
        <Text fz={32} fw={800} lh={1.15} role="status">
          {heading(a)}
        </Text>
        <Text fz={56} fw={800} className="money" lh={1}>
          {money(a.amountCents, currency)}
        </Text>
        {readerLabel && live && (
          <Text c="ink.7" size="lg">
            on {readerLabel}
          </Text>
        )}
        {a.status === 'waiting' && <Loader type="dots" size="lg" aria-label="Waiting for the card" />}
        {a.message && (
          <Text size="lg" maw={520} c={a.status === 'failed' ? 'red.9' : 'ink.8'} data-testid="card-tender-message">
            {a.message}
          </Text>
        )}
        {error && (
          <Alert color="red" icon={<IconAlertTriangle />} role="alert" maw={520} ta="left">
            {error}
          </Alert>
        )}
        <Group mt="sm" gap="md" justify="center">
          {noAnswer && (
            <Button size="lg" h={60} onClick={onCheckAgain} loading={busy}>
              Check again
            </Button>
          )}
          {live && (
            <Button size="lg" h={60} color="red" variant="outline" onClick={onCancel} disabled={busy} aria-label="Cancel card payment">
              Cancel card payment
            </Button>
          )}
          {(a.status === 'failed' || a.status === 'canceled') && (
            <Button size="lg" h={60} onClick={onRetry} loading={busy} leftSection={<IconCreditCard size={22} />}>
              Try the card again
            </Button>
          )}
          {!live && (
            <Button size="lg" h={60} variant="default" onClick={onDone} disabled={busy}>
              {a.status === 'succeeded' || a.status === 'recorded' ? 'Continue' : 'Pay another way'}
            </Button>
          )}
        </Group>
      </Stack>
    </Box>
  );
}
