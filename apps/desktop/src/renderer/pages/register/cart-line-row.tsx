import { Box, Group, Text, UnstyledButton } from '@mantine/core';
import { discountCapNotice } from '@makeries/shared';
import { useEffect, useRef } from 'react';
import type { CartLine } from '../../api/types';
import { minus, money, quantityText } from '../../format/money';

function discountText(line: CartLine): string | null {
  const d = line.discount;
  if (!d) return null;
  return d.kind === 'percent' ? `${d.bps / 100}% off` : 'discount';
}

/**
 * One line of the sale; tap it to change quantity, discount, note or void it. The newest line flashes. The
 * amount is before the order discount and (exclusive mode) tax, which the totals list once, like the receipt.
 */
export function CartLineRow({ line, currency, fresh, onOpen }: { line: CartLine; currency: string; fresh: boolean; onOpen: () => void }) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (fresh) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [fresh, line.quantity]);
  const label = discountText(line);
  // a line discount that outgrew its line (the quantity went down after it was given): say so, never cap silently
  const capped = line.discount ? discountCapNotice(line.discount, line.totals.grossCents, 'line', currency) : null;
  return (
    <UnstyledButton
      ref={ref}
      onClick={onOpen}
      className={fresh ? 'line-flash' : undefined}
      px="md"
      py={10}
      w="100%"
      data-testid="cart-line"
      style={{ borderBottom: '1px solid var(--mantine-color-ink-1)', display: 'block', minHeight: 60 }}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
        <Box style={{ minWidth: 0 }}>
          <Text fw={600} size="md" lh={1.25} truncate>
            {line.name}
            {line.variantName ? <Text span c="ink.7">{` · ${line.variantName}`}</Text> : null}
          </Text>
          <Text size="sm" c="ink.7" className="tabular">
            {quantityText(line.quantity, line.soldBy)} × {money(line.unitPriceCents, currency)}
            {line.soldBy === 'weight' ? '/kg' : ''}
          </Text>
          {label && (
            <Text size="sm" c="brand.8" className="tabular">
              {label} {minus(line.totals.lineDiscountCents, currency)}
            </Text>
          )}
          {capped && (
            <Text size="sm" c="orange.9" fw={600} role="alert" data-testid="line-discount-capped">
              {capped}
            </Text>
          )}
          {line.note && (
            <Text size="sm" c="ink.8" fs="italic" truncate>
              “{line.note}”
            </Text>
          )}
        </Box>
        <Text fw={700} size="lg" className="money">
          {money(line.totals.grossCents - line.totals.lineDiscountCents, currency)}
        </Text>
      </Group>
    </UnstyledButton>
  );
}
