import { Box, Group, Text } from '@mantine/core';
import { discountCapNotice } from '@makeries/shared';
import type { CartView } from '../../api/types';
import { minus, money } from '../../format/money';

function Row({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <Group justify="space-between" gap="xs">
      <Text size={strong ? 'md' : 'sm'} c={strong ? undefined : 'ink.8'}>
        {label}
      </Text>
      <Text size={strong ? 'md' : 'sm'} fw={strong ? 700 : 500} className="money">
        {value}
      </Text>
    </Group>
  );
}

/** A sale discount that outgrew the sale (a line voided after it was given): say so, never cap it silently. */
function capNotice(cart: CartView | null, currency: string): string | null {
  if (!cart?.discount) return null;
  const base = cart.totals.subtotalCents - cart.lines.reduce((s, l) => s + l.totals.lineDiscountCents, 0);
  return discountCapNotice(cart.discount, base, 'sale', currency);
}

/** Subtotal, discounts, tax and the total in big type; always the same height so nothing shifts. */
export function CartTotals({ cart, currency }: { cart: CartView | null; currency: string }) {
  const t = cart?.totals;
  const discount = t?.discountCents ?? 0;
  const inclusive = (t?.taxMode ?? 'inclusive') === 'inclusive';
  const capped = capNotice(cart, currency);
  return (
    <Box px="md" py="sm" style={{ borderTop: '1px solid var(--mantine-color-ink-2)', background: 'var(--mantine-color-ink-0)' }}>
      <Row label="Subtotal" value={money(t?.subtotalCents ?? 0, currency)} />
      <Row label={cart?.discount ? `Discounts (sale ${cart.discount.kind === 'percent' ? `${cart.discount.bps / 100}%` : 'amount'})` : 'Discounts'} value={discount ? minus(discount, currency) : '—'} />
      {capped && (
        <Text size="sm" c="orange.9" fw={600} role="alert" data-testid="discount-capped">
          {capped}
        </Text>
      )}
      <Row label={inclusive ? 'Includes tax' : 'Tax'} value={money(t?.taxCents ?? 0, currency)} />
      <Group justify="space-between" mt={6} align="baseline">
        <Text fw={700} size="xl">
          Total
        </Text>
        <Text fw={800} fz={36} lh={1.1} className="money" data-testid="cart-total">
          {money(t?.totalCents ?? 0, currency)}
        </Text>
      </Group>
      <Text size="sm" c="ink.7" ta="right" h={20}>
        {cart && cart.cashRoundingCents !== 0 ? `Cash ${money(cart.cashDueCents, currency)} after rounding` : ''}
      </Text>
    </Box>
  );
}
