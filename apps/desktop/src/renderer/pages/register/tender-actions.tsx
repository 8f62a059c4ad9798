import { Button, Kbd, Stack, Text } from '@mantine/core';
import { IconCash, IconCreditCard } from '@tabler/icons-react';
import { Keypad } from '../../components/keypad';
import { money, type KeypadKey } from '../../format/money';
import { CardTenderButton } from './card-tender-button';
import type { CardTender } from './card-tender-flow';

interface Props {
  currency: string;
  /** digits typed on the keypad, as cents; null when nothing is typed */
  typedCents: number | null;
  /** what Cash takes with nothing typed (the rest, rounded when all cash) */
  cashCents: number;
  /** what a card takes with nothing typed (the rest) */
  cardCents: number;
  split: boolean;
  busy: boolean;
  card: CardTender;
  onKey: (k: KeypadKey) => void;
  onCash: () => void;
  onCardMachine: () => void;
  onReader: () => void;
}

/**
 * The tender window's right side: the amount typed, the keypad, and one button per way to pay, each with its
 * key on it and the amount it will record, so the default (Enter = cash) is never a guess.
 */
export function TenderActions({ currency, typedCents, cashCents, cardCents, split, busy, card, onKey, onCash, onCardMachine, onReader }: Props) {
  const locked = busy || card.shown !== null;
  const typed = typedCents !== null;
  return (
    <Stack gap={8}>
      <Text fz={36} fw={800} ta="right" px="md" lh="52px" className="money" style={{ border: '2px solid var(--mantine-color-ink-3)', borderRadius: 12 }} data-testid="tender-typed">
        {typed ? money(typedCents, currency) : <Text span c="ink.7" fz={22} fw={500}>type an amount</Text>}
      </Text>
      <Keypad onKey={onKey} height={50} disabled={locked} />
      <Button
        size="xl"
        h={60}
        leftSection={<IconCash size={28} />}
        rightSection={<Kbd size="md">Enter</Kbd>}
        justify="space-between"
        onClick={onCash}
        loading={busy}
        disabled={card.shown !== null}
        data-testid="tender-cash"
      >
        Cash {money(typed ? typedCents : cashCents, currency)}
      </Button>
      <Button
        size="md"
        h={52}
        variant="default"
        leftSection={<IconCreditCard size={22} />}
        rightSection={<Kbd>F2</Kbd>}
        justify="space-between"
        onClick={onCardMachine}
        disabled={locked}
        data-testid="tender-card-machine"
      >
        Card machine {money(typed ? typedCents : cardCents, currency)}
      </Button>
      <CardTenderButton card={card} disabled={locked} onStart={onReader} hotkey="F3" />
      <Text size="sm" c="ink.8" lh={1.35} data-testid="tender-hint">
        {split
          ? `${money(cardCents, currency)} still to pay: Enter takes it in cash, F2 records it on the card machine.`
          : 'To split, type the first part, then choose how it is paid. Card machine: take the payment on it first, then record it here.'}
      </Text>
    </Stack>
  );
}
