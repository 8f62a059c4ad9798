import { ActionIcon, Group, Select, Text } from '@mantine/core';
import { IconMinus, IconPlus } from '@tabler/icons-react';
import { maxQuantity } from '../lib/cart/cart';
import { quantityLabel } from '../lib/format';

const WEIGHTS = [100, 250, 500, 750, 1000, 1500, 2000];

/** − n + for items; a weight list for weighed goods. Labels name the product for screen readers. */
export function QuantityStepper({ name, quantity, soldBy, onChange }: { name: string; quantity: number; soldBy: 'each' | 'weight'; onChange: (q: number) => void }) {
  if (soldBy === 'weight') {
    const options = [...new Set([...WEIGHTS, quantity])].sort((a, b) => a - b);
    return (
      <Select
        aria-label={`Weight of ${name}`}
        size="xs"
        w={100}
        value={String(quantity)}
        data={options.map((g) => ({ value: String(g), label: quantityLabel(g, 'weight') }))}
        onChange={(v) => v && onChange(Number(v))}
        allowDeselect={false}
      />
    );
  }
  return (
    <Group gap={4} wrap="nowrap">
      <ActionIcon variant="default" size={32} radius="xl" onClick={() => onChange(quantity - 1)} aria-label={quantity === 1 ? `Remove ${name}` : `One fewer ${name}`}>
        <IconMinus size={16} aria-hidden />
      </ActionIcon>
      <Text w={28} ta="center" fw={600} aria-live="polite" aria-label={`Quantity of ${name}: ${quantity}`}>
        {quantity}
      </Text>
      <ActionIcon variant="default" size={32} radius="xl" onClick={() => onChange(quantity + 1)} disabled={quantity >= maxQuantity('each')} aria-label={`One more ${name}`}>
        <IconPlus size={16} aria-hidden />
      </ActionIcon>
    </Group>
  );
}
