import { Button, Select, Stack, Text } from '@mantine/core';
import { IconCreditCard, IconWifiOff } from '@tabler/icons-react';
import type { CardTender } from './card-tender-flow';

interface Props {
  card: CardTender;
  disabled: boolean;
  onStart(): void;
}

/** "Card (reader)": Stripe Terminal. Disabled with the reason in words when offline, not set up or without a reader. */
export function CardTenderButton({ card, disabled, onStart }: Props) {
  const a = card.availability;
  const unavailable = a !== null && !a.available;
  const reason = card.checking ? 'Checking the card reader…' : (a?.reason ?? null);
  return (
    <Stack gap={6}>
      {card.readers.length > 1 && (
        <Select
          aria-label="Card reader"
          data={card.readers.map((r) => ({ value: r.id, label: `${r.label}${r.status === 'offline' ? ' (offline)' : ''}` }))}
          value={card.reader?.id ?? null}
          onChange={(v) => v && card.chooseReader(v)}
          allowDeselect={false}
          size="md"
        />
      )}
      <Button
        size="md"
        h={60}
        fullWidth
        variant={unavailable ? 'default' : 'light'}
        disabled={disabled || card.checking || unavailable || !card.reader}
        loading={card.busy}
        leftSection={unavailable && a?.blocked === 'offline' ? <IconWifiOff size={20} /> : <IconCreditCard size={20} />}
        onClick={onStart}
      >
        Card (reader)
      </Button>
      {reason && (
        <Text size="sm" c={unavailable ? 'orange.9' : 'ink.7'} data-testid="card-reader-reason">
          {reason}
        </Text>
      )}
    </Stack>
  );
}
