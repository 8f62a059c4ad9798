import { ActionIcon, Group, Text } from '@mantine/core';
import { IconMinus, IconPlus } from '@tabler/icons-react';
import { maxQuantity } from '../lib/cart/cart';

/**
 * − n + for items sold each (weighed goods take a weight input). Labels name the product for screen readers.
 * `max`: the most that can be ordered (the stock left, once the server has said it), else the per-line limit.
 */
export function QuantityStepper({ name, quantity, onChange, max = maxQuantity('each') }: { name: string; quantity: number; onChange: (q: number) => void; max?: number }) {
  return (
    <Group gap={4} wrap="nowrap">
      <ActionIcon variant="default" size={32} radius="xl" onClick={() => onChange(quantity - 1)} aria-label={quantity === 1 ? `Remove ${name}` : `One fewer ${name}`}>
        <IconMinus size={16} aria-hidden />
      </ActionIcon>
      <Text w={28} ta="center" fw={600} aria-live="polite" aria-label={`Quantity of ${name}: ${quantity}`}>
        {quantity}
      </Text>
      <ActionIcon variant="default" size={32} radius="xl" onClick={() => onChange(quantity + 1)} disabled={quantity >= Math.min(max, maxQuantity('each'))} aria-label={`One more ${name}`}>
        <IconPlus size={16} aria-hidden />
      </ActionIcon>
    </Group>
  );
}
