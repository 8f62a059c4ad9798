import { Alert, Button, Chip, Group, NumberInput, Select, Stack, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ProductDetail, PublicVendor } from '../../app/api';
import { addToCart, MAX_EACH } from '../../lib/cart/cart';
import { updateCart } from '../../lib/cart/store';
import { money, quantityLabel, unitPriceLabel } from '../../lib/format';

const WEIGHTS = [100, 250, 500, 1000, 2000];

/** Variant, quantity (or weight) and the button; says plainly why an item cannot be ordered. */
export function AddToCart({ product, vendor }: { product: ProductDetail; vendor: PublicVendor }) {
  const firstAvailable = product.variants.find((v) => v.available) ?? product.variants[0];
  const [variantId, setVariantId] = useState(firstAvailable?.id ?? '');
  const variant = product.variants.find((v) => v.id === variantId) ?? firstAvailable;
  const weighed = variant?.soldBy === 'weight';
  const [quantity, setQuantity] = useState<number>(1);
  const [grams, setGrams] = useState<number>(250);
  const [added, setAdded] = useState<string | null>(null);
  if (!variant) return null;
  const currency = product.vendor.currency;
  const amount = weighed ? grams : quantity;
  const orderable = variant.available && !vendor.paused;

  function add() {
    if (!variant) return;
    updateCart((cart) =>
      addToCart(cart, {
        variantId: variant.id,
        productId: product.id,
        vendorId: vendor.id,
        vendorSlug: vendor.slug,
        vendorName: vendor.name,
        productName: product.name,
        variantName: variant.name,
        unitPriceCents: variant.priceCents,
        currency,
        soldBy: variant.soldBy,
        imageThumb: product.images[0]?.thumbUrl ?? null,
        quantity: amount,
      }),
    );
    setAdded(`${weighed ? quantityLabel(amount, 'weight') : `${amount} ×`} ${product.name}${product.variants.length > 1 ? ` (${variant.name})` : ''}`);
  }

  return (
    <Stack gap="md">
      <Group gap={8} align="baseline">
        <Text fz={30} fw={800} lh={1}>
          {unitPriceLabel(variant.priceCents, currency, variant.soldBy)}
        </Text>
        {product.vendor.taxMode === 'exclusive' && (
          <Text size="sm" c="dimmed">
            + VAT
          </Text>
        )}
      </Group>

      {product.variants.length > 1 && (
        <div role="radiogroup" aria-label="Options">
          <Text size="sm" fw={600} mb={6}>
            Choose an option
          </Text>
          <Chip.Group multiple={false} value={variantId} onChange={(v) => setVariantId(v)}>
            <Group gap="xs">
              {product.variants.map((v) => (
                <Chip key={v.id} value={v.id} disabled={!v.available} variant="outline">
                  {v.name} · {money(v.priceCents, currency)}
                  {v.available ? '' : ' · sold out'}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </div>
      )}

      {vendor.paused ? (
        <Alert color="red" variant="light" title={`${vendor.name} is not taking orders right now`}>
          {vendor.pausedReason ?? 'Please check back later, or browse other shops.'}
        </Alert>
      ) : !variant.available ? (
        <Text c="red.8" fw={600}>
          Sold out for now
        </Text>
      ) : (
        <Text c="brand.8" fw={600} size="sm">
          In stock · ready for pickup{vendor.deliveryEnabled ? ' or delivery' : ''}
        </Text>
      )}

      <Group align="flex-end" gap="sm" wrap="nowrap">
        {weighed ? (
          <Select
            label="Weight"
            data={WEIGHTS.map((g) => ({ value: String(g), label: `${quantityLabel(g, 'weight')} · ${money(Math.round((variant.priceCents * g) / 1000), currency)}` }))}
            value={String(grams)}
            onChange={(v) => v && setGrams(Number(v))}
            allowDeselect={false}
            disabled={!orderable}
            w={190}
          />
        ) : (
          <NumberInput
            label="Quantity"
            min={1}
            max={MAX_EACH}
            clampBehavior="strict"
            allowDecimal={false}
            value={quantity}
            onChange={(v) => setQuantity(typeof v === 'number' ? v : 1)}
            disabled={!orderable}
            w={110}
          />
        )}
        <Button size="md" onClick={add} disabled={!orderable} style={{ flex: 1 }} maw={260}>
          Add to cart
        </Button>
      </Group>

      {added && (
        <Alert color="brand" variant="light" icon={<IconCircleCheck aria-hidden />} role="status" title="Added to your cart">
          <Stack gap="xs">
            <Text size="sm">{added}</Text>
            <Group gap="xs">
              <Button component={Link} to="/cart" size="xs">
                View cart
              </Button>
              <Button variant="subtle" size="xs" onClick={() => setAdded(null)}>
                Keep shopping
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
