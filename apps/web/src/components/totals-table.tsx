import { Group, Stack, Text } from '@mantine/core';
import type { CartTotals } from '@makeries/shared';
import { money } from '../lib/format';

/** What each discount from outside the shop's own prices is called on the totals (CartInput.adjustments). */
const ADJUSTMENT_LABELS: Readonly<Record<string, string>> = { promo: 'Promo code', loyalty: 'Loyalty reward' };

/** Subtotal, discounts, delivery, VAT (included or added) and total of one shop's order. */
export function TotalsTable({ totals, compact = false }: { totals: CartTotals; compact?: boolean }) {
  const c = totals.currency;
  const size = compact ? 'xs' : 'sm';
  return (
    <Stack gap={2}>
      <Group justify="space-between">
        <Text size={size}>Items</Text>
        <Text size={size}>{money(totals.subtotalCents, c)}</Text>
      </Group>
      {totals.adjustments
        .filter((a) => a.cents > 0)
        .map((a) => (
          <Group key={a.key} justify="space-between" data-testid={`adjustment-${a.key}`}>
            <Text size={size} c="green.9">
              {ADJUSTMENT_LABELS[a.key] ?? 'Discount'}
            </Text>
            <Text size={size} c="green.9">
              −{money(a.cents, c)}
            </Text>
          </Group>
        ))}
      {totals.taxMode === 'exclusive' && (
        <Group justify="space-between">
          <Text size={size}>VAT</Text>
          <Text size={size}>{money(totals.taxCents, c)}</Text>
        </Group>
      )}
      {totals.deliveryFeeCents > 0 && (
        <Group justify="space-between">
          <Text size={size}>Delivery</Text>
          <Text size={size}>{money(totals.deliveryFeeCents, c)}</Text>
        </Group>
      )}
      <Group justify="space-between">
        <Text size={size} fw={700}>
          Total
        </Text>
        <Text size={size} fw={700}>
          {money(totals.totalCents, c)}
        </Text>
      </Group>
      {totals.taxMode === 'inclusive' && totals.taxCents > 0 && (
        <Text size="xs" c="dimmed" ta="right">
          includes {money(totals.taxCents, c)} VAT
        </Text>
      )}
    </Stack>
  );
}
