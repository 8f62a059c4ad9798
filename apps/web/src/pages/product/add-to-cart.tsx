import { Alert, Button, Chip, Group, NumberInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { ProductDetail, PublicVendor } from '../../app/api';
import { AddedBar } from '../../components/added-bar';
import { addToCart } from '../../lib/cart/cart';
import { updateCart, useCart } from '../../lib/cart/store';
import { useItemsLeft } from '../../lib/cart/use-items-left';
import { WeightInput } from '../../components/weight-input';
import { quantityLabel, unitPriceLabel } from '../../lib/format';
import { mostAddable, readQuantity } from '../../lib/quantity';
import { BackInStock } from './back-in-stock';

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
  // what is typed in the quantity field, and what it was last corrected for (shown until the next entry)
  const [typed, setTyped] = useState<string | number>(1);
  const [note, setNote] = useState<string | null>(null);
  // null while the typed weight cannot be ordered (the input says why)
  const [grams, setGrams] = useState<number | null>(startGrams(variant));
  const [added, setAdded] = useState<string | null>(null);
  const cart = useCart();
  // a weighed item with less than the minimum weight left cannot be ordered online
  const inStock = variant !== undefined && variant.available && (!weighed || (variant.maxGrams ?? 0) > 0);
  const orderable = inStock && !vendor.paused;
  const stock = useItemsLeft(variant?.id ?? '', orderable && !weighed);
  const limit = { left: stock.left, inCart: cart.lines.find((l) => l.variantId === variant?.id)?.quantity ?? 0 };
  const read = readQuantity(typed, limit);
  const most = mostAddable(limit);

  // the stock left arrives after the page: a quantity typed before that is corrected when it comes, visibly
  // (state adjusted during render, React's pattern for deriving from a changed input)
  const [checkedAgainst, setCheckedAgainst] = useState<number | null>(null);
  if (stock.left !== null && stock.left !== checkedAgainst) {
    setCheckedAgainst(stock.left);
    if (typeof typed === 'number' && read.quantity > 0 && read.quantity < typed) {
      setTyped(read.quantity);
      setNote(read.note);
    }
  }

  if (!variant) return null;
  const currency = product.vendor.currency;

  /** Corrects what is typed to what can be ordered, saying why; returns the quantity to add (0 = none). */
  function commitQuantity(): number {
    if (read.note !== null) setNote(read.note);
    if (read.quantity > 0 && read.quantity !== typed) setTyped(read.quantity);
    return read.quantity;
  }
  const shownNote = note ?? (most === 0 && !stock.loading ? read.note : null);
  const amount = weighed ? grams : read.quantity > 0 ? read.quantity : null;

  const addButton = (
    // beside the quantity it takes the rest of the row; under the weight input it is as wide as the input
    <Button size="md" onClick={add} disabled={!orderable || amount === null} style={weighed ? undefined : { flex: 1 }} maw={260} w={weighed ? 190 : undefined}>
      Add to cart
    </Button>
  );

  function add() {
    if (!variant) return;
    const adding = weighed ? grams : commitQuantity();
    if (adding === null || adding === 0) return;
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
        quantity: adding,
      }),
    );
    setAdded(`${weighed ? quantityLabel(adding, 'weight') : `${adding} ×`} ${product.name}${product.variants.length > 1 ? ` (${variant.name})` : ''}`);
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
              setNote(null);
              setGrams(startGrams(product.variants.find((x) => x.id === v)));
            }}
          >
            <Group gap="xs">
              {product.variants.map((v) => (
                // a sold-out option can be chosen, to ask to be told when it is back
                <Chip key={v.id} value={v.id} variant="outline">
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
        <Stack gap="xs" align="flex-start">
          <Text c="red.8" fw={600}>
            Sold out for now
          </Text>
          <BackInStock productId={product.id} variantId={variant.id} name={product.variants.length > 1 ? `${product.name} (${variant.name})` : product.name} />
        </Stack>
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
            max={Math.max(1, most)}
            // nothing is rewritten while typing: a correction happens on leaving the field or adding, with a note
            clampBehavior="none"
            thousandSeparator={false}
            inputMode="numeric"
            value={typed}
            onChange={(v) => {
              setTyped(v);
              setNote(null);
            }}
            onBlur={commitQuantity}
            disabled={!orderable}
            w={110}
          />
          {addButton}
        </Group>
      )}
      {!weighed && shownNote && (
        <Text size="sm" fw={600} c="orange.9" role="status" data-testid="quantity-note" mt={-6}>
          {shownNote}
        </Text>
      )}

      {added && <AddedBar what={added} onClose={() => setAdded(null)} />}
    </Stack>
  );
}
