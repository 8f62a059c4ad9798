import { Button, Kbd, Select, Stack, Text } from '@mantine/core';
import { IconCreditCard, IconWifiOff } from '@tabler/icons-react';
import { readerUsable, type CardTender } from './card-tender-flow';

interface Props {
  card: CardTender;
  disabled: boolean;
  onStart: () => void;
  /** the key that starts it, shown on the button */
  hotkey?: string;
}

/** "Card (reader)": Stripe Terminal. Disabled with the reason in words when offline, not set up or without a reader. */
export function CardTenderButton({ card, disabled, onStart, hotkey }: Props) {
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
        h={52}
        fullWidth
        justify="space-between"
        rightSection={hotkey ? <Kbd>{hotkey}</Kbd> : undefined}
        variant={unavailable ? 'default' : 'light'}
        disabled={disabled || !readerUsable(card)}
        loading={card.busy}
        leftSection={unavailable && a?.blocked === 'offline' ? <IconWifiOff size={20} /> : <IconCreditCard size={20} />}
        onClick={onStart}
      >
        Card (reader)
      </Button>
      {reason && (
        <Text size="sm" c={unavailable ? 'orange.9' : 'ink.8'} data-testid="card-reader-reason">
          {reason}
        </Text>
      )}
    </Stack>
  );
}
