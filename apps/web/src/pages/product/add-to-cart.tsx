import { Alert, Button, Chip, Group, NumberInput, Stack, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ProductDetail, PublicVendor } from '../../app/api';
import { addToCart, MAX_EACH } from '../../lib/cart/cart';
import { updateCart } from '../../lib/cart/store';
import { WeightInput } from '../../components/weight-input';
import { quantityLabel, unitPriceLabel } from '../../lib/format';

const DEFAULT_GRAMS = 250;

/** 250 g, or all that is left when less is. */
function startGrams(v: ProductDetail['variants'][number] | undefined): number {
  return v?.maxGrams ? Math.min(DEFAULT_GRAMS, v.maxGrams) : DEFAULT_GRAMS;
}

/** Variant, quantity (or weight) and the button; says plainly why an item cannot be ordered. */
export function AddToCart({ product, vendor }: { product: ProductDetail; vendor: PublicVendor }) {
  const firstAvailable = product.variants.find((v) => v.available) ?? product.variants[0];
  const [variantId, setVariantId] = useState(firstAvailable?.id ?? '');
  const variant = product.variants.find((v) => v.id === variantId) ?? firstAvailable;
  const weighed = variant?.soldBy === 'weight';
  const [quantity, setQuantity] = useState<number>(1);
  // null while the typed weight cannot be ordered (the input says why)
  const [grams, setGrams] = useState<number | null>(startGrams(variant));
  const [added, setAdded] = useState<string | null>(null);
  if (!variant) return null;
  const currency = product.vendor.currency;
  const amount = weighed ? grams : quantity;
  // a weighed item with less than the minimum weight left cannot be ordered online
  const inStock = variant.available && (!weighed || (variant.maxGrams ?? 0) > 0);
  const orderable = inStock && !vendor.paused;

  const addButton = (
    // beside the quantity it takes the rest of the row; under the weight input it is as wide as the input
    <Button size="md" onClick={add} disabled={!orderable || amount === null} style={weighed ? undefined : { flex: 1 }} maw={260} w={weighed ? 190 : undefined}>
      Add to cart
    </Button>
  );

  function add() {
    if (!variant || amount === null) return;
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
          <Chip.Group
            multiple={false}
            value={variantId}
            onChange={(v) => {
              setVariantId(v);
              setGrams(startGrams(product.variants.find((x) => x.id === v)));
            }}
          >
            <Group gap="xs">
              {product.variants.map((v) => (
                <Chip key={v.id} value={v.id} disabled={!v.available} variant="outline">
                  {v.name} · {unitPriceLabel(v.priceCents, currency, v.soldBy)}
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
      ) : !inStock ? (
        <Text c="red.8" fw={600}>
          Sold out for now
        </Text>
      ) : (
        <Text c="brand.8" fw={600} size="sm">
          In stock · ready for pickup{vendor.deliveryEnabled ? ' or delivery' : ''}
        </Text>
      )}

      {weighed ? (
        <Stack gap="sm" align="flex-start">
          <WeightInput
            key={variant.id}
            name={product.name}
            grams={startGrams(variant)}
            pricePerKgCents={variant.priceCents}
            currency={currency}
            maxGrams={variant.maxGrams}
            onChange={setGrams}
            disabled={!orderable}
          />
          {addButton}
        </Stack>
      ) : (
        <Group align="flex-end" gap="sm" wrap="nowrap">
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
          {addButton}
        </Group>
      )}

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
