import { Group, Loader, Paper, Radio, Stack, Text } from '@mantine/core';
import { IconCash, IconCreditCard } from '@tabler/icons-react';
import type { CardOption } from './use-card-option';

export type PaymentMethod = 'pay_at_pickup' | 'card';

interface Props {
  value: PaymentMethod;
  onChange: (m: PaymentMethod) => void;
  card: CardOption;
  delivering: boolean;
  vendorName: (vendorId: string) => string;
}

function cardNote(card: CardOption, vendorName: Props['vendorName']): string | null {
  switch (card.state) {
    case 'shops-unavailable':
      return `${card.vendorIds.map(vendorName).join(', ')} cannot take card payments yet — pay at pickup for this order.`;
    case 'offline':
      return 'We could not check card payments right now — you can pay at pickup.';
    case 'stripe-unavailable':
      return 'Card payments are unavailable right now — you can pay at pickup.';
    default:
      return null;
  }
}

/** The words for pay at pickup, in the single-option card and in the radio choice. */
function payAtPickupText(delivering: boolean) {
  return (
    <div>
      <Group gap={6}>
        <IconCash size={18} aria-hidden />
        <Text fw={650}>Pay at pickup</Text>
      </Group>
      <Text size="sm" c="dimmed">
        Pay the shop by card or cash when you collect{delivering ? ' (or when it is delivered)' : ''}. Nothing is charged now.
      </Text>
    </div>
  );
}

/**
 * Pay at pickup always works. Card is offered only on a marketplace that takes cards (a marketplace without
 * Stripe never mentions them, and pay at pickup is simply how you pay), and can be chosen when every shop in the
 * cart takes them.
 */
export function PaymentChoice({ value, onChange, card, delivering, vendorName }: Props) {
  if (card.state === 'checking' || card.state === 'not-configured') {
    return (
      <Paper withBorder p="md" radius="md" data-testid="pay-at-pickup">
        {payAtPickupText(delivering)}
      </Paper>
    );
  }
  const note = cardNote(card, vendorName);
  const cardPossible = note === null;
  return (
    <Stack gap="sm">
      <Radio.Group value={value} onChange={(v) => onChange(v === 'card' ? 'card' : 'pay_at_pickup')} aria-label="Payment method">
        <Stack gap="sm">
          <Radio.Card value="pay_at_pickup" p="md" radius="md" data-testid="pay-at-pickup">
            <Group wrap="nowrap" align="flex-start">
              <Radio.Indicator />
              {payAtPickupText(delivering)}
            </Group>
          </Radio.Card>
          <Radio.Card value="card" p="md" radius="md" disabled={!cardPossible} data-testid="pay-by-card" style={cardPossible ? undefined : { opacity: 0.6 }}>
            <Group wrap="nowrap" align="flex-start">
              <Radio.Indicator disabled={!cardPossible} />
              <div>
                <Group gap={6}>
                  <IconCreditCard size={18} aria-hidden />
                  <Text fw={650}>Pay by card now</Text>
                </Group>
                <Text size="sm" c={note ? 'orange.9' : 'dimmed'} data-testid={card.state === 'stripe-unavailable' ? 'card-unavailable' : undefined}>
                  {note ?? 'Pay securely with Stripe. Each shop is paid when it accepts your order; a shop that cannot fill it refunds you.'}
                </Text>
              </div>
            </Group>
          </Radio.Card>
        </Stack>
      </Radio.Group>
      {value === 'card' && card.state === 'loading' && (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm">Loading secure card payment…</Text>
        </Group>
      )}
    </Stack>
  );
}
