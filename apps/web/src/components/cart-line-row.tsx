import { ActionIcon, Anchor, Group, Stack, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { CartLineView } from '../lib/cart/view';
import { money, quantityLabel, unitPriceLabel } from '../lib/format';
import { ProductImage } from './product-image';
import { QuantityStepper } from './quantity-stepper';
import { WeightInput } from './weight-input';

/** One cart line: picture, name, price, quantity, line total, and its own problem right under it. */
interface Props {
  line: CartLineView;
  error?: string | undefined;
  /** what the cart corrected on this line and why (e.g. lowered to the stock left) */
  note?: string | undefined;
  /** the most of this item that can be ordered, when the server has said */
  max?: number | undefined;
  onQuantity?: (q: number) => void;
  onRemove?: () => void;
  readOnly?: boolean;
}

export function CartLineRow({ line, error, note, max, onQuantity, onRemove, readOnly = false }: Props) {
  const name = line.variantName && line.variantName !== 'Default' ? `${line.productName} (${line.variantName})` : line.productName;
  const promoCents = line.totals?.adjustments.find((a) => a.key === 'promo')?.cents ?? 0;
  const problem =
    error ??
    line.problem ??
    (line.missing
      ? 'No longer sold online — remove it to continue.'
      : line.shortOf
        ? line.shortOf.available > 0
          ? `Only ${quantityLabel(line.shortOf.available, line.soldBy)} left — lower the ${line.soldBy === 'weight' ? 'weight' : 'quantity'} to continue.`
          : 'Sold out — remove it to continue.'
        : null);
  return (
    <div className="mk-line" data-testid="cart-line" data-variant={line.variantId}>
      <div style={{ borderRadius: 10, overflow: 'hidden', opacity: line.missing ? 0.5 : 1 }}>
        <ProductImage src={line.imageThumb} alt="" size={64} />
      </div>
      <Stack gap={4} style={{ minWidth: 0 }}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Anchor component={Link} to={`/p/${line.productId}`} c="dark" fw={600} size="sm" lineClamp={2}>
            {name}
          </Anchor>
          <Text fw={700} size="sm" style={{ whiteSpace: 'nowrap' }}>
            {line.totals ? money(line.totals.totalCents, line.currency) : '—'}
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          {unitPriceLabel(line.unitPriceCents, line.currency, line.soldBy)}
          {line.priceChangedFrom !== null ? ` (was ${money(line.priceChangedFrom, line.currency)})` : ''}
          {readOnly ? ` · ${line.soldBy === 'weight' ? quantityLabel(line.quantity, 'weight') : `× ${line.quantity}`}` : ''}
        </Text>
        {promoCents > 0 && (
          <Text size="xs" c="green.9" fw={600} data-testid="line-promo">
            Promo code −{money(promoCents, line.currency)}
          </Text>
        )}
        {!readOnly && onQuantity && onRemove && (
          <Group gap="xs" mt={2}>
            {line.soldBy === 'weight' ? (
              <WeightInput
                name={name}
                grams={line.quantity}
                maxGrams={max ?? null}
                pricePerKgCents={line.unitPriceCents}
                currency={line.currency}
                onChange={(g) => g !== null && onQuantity(g)}
                compact
              />
            ) : (
              <QuantityStepper name={name} quantity={line.quantity} onChange={onQuantity} max={max} />
            )}
            <ActionIcon variant="subtle" color="gray" onClick={onRemove} aria-label={`Remove ${name} from the cart`}>
              <IconTrash size={18} aria-hidden />
            </ActionIcon>
          </Group>
        )}
        {note && !problem && (
          <Text size="sm" c="orange.9" fw={600} role="status" data-testid="line-note">
            {note}
          </Text>
        )}
        {problem && (
          <Text size="sm" c="red.8" fw={600} role="alert" data-testid="line-error">
            {problem}
          </Text>
        )}
      </Stack>
    </div>
  );
}
