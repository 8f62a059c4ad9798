import { Alert, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconBasket } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { CartLineRow } from '../../components/cart-line-row';
import { FulfilmentPicker } from '../../components/fulfilment-picker';
import { LocationBar } from '../../components/location-bar';
import { VendorGroupCard } from '../../components/vendor-group-card';
import { PromoCodeField } from '../../components/promo-code-field';
import { removeLine, setChoice, setPromoCode, setQuantity } from '../../lib/cart/cart';
import { updateCart, useCart, useCartLoaded } from '../../lib/cart/store';
import { useCartQuote } from '../../lib/cart/use-cart-quote';
import { stockFits } from '../../lib/cart/stock-fit';
import { buildCartView } from '../../lib/cart/view';
import { money } from '../../lib/format';
import { cookieValue, LOCATION_COOKIE, parseLocation } from '../../lib/location';

export function CartPage() {
  const cart = useCart();
  const loaded = useCartLoaded();
  // the cart only renders in the browser, so reading the cookie here cannot disagree with the server render
  const [deliverTo, setDeliverTo] = useState(() => (typeof document === 'undefined' ? null : parseLocation(cookieValue(document.cookie, LOCATION_COOKIE))));
  const { quote, fetching, failed } = useCartQuote(cart, deliverTo);
  const view = buildCartView(cart, quote);
  const needsPoint = view.groups.some((g) => g.choice.type === 'delivery') && !deliverTo;
  // a line asking for more than is left is lowered to what is left, and says so; + stops there from then on
  const [fits, setFits] = useState<Record<string, { quantity: number; note: string | null }>>({});
  const fitsNow = stockFits(view.groups.flatMap((g) => g.lines));
  useEffect(() => {
    if (fitsNow.length === 0) return;
    updateCart((c) => fitsNow.reduce((acc, f) => setQuantity(acc, f.variantId, f.quantity), c));
    setFits((before) => ({ ...before, ...Object.fromEntries(fitsNow.map((f) => [f.variantId, { quantity: f.quantity, note: f.note }])) }));
  }, [fitsNow]);
  function changeQuantity(variantId: string, q: number) {
    updateCart((cart) => setQuantity(cart, variantId, q));
    // the correction note has been read; the known limit stays
    setFits((before) => {
      const fit = before[variantId];
      return fit ? { ...before, [variantId]: { ...fit, note: null } } : before;
    });
  }

  if (!loaded) {
    return (
      <Stack align="center" py={80}>
        <Loader aria-label="Loading your cart" />
      </Stack>
    );
  }
  if (cart.lines.length === 0) {
    return (
      <Stack align="center" ta="center" py={64} gap="md">
        <IconBasket size={48} stroke={1.3} aria-hidden />
        <Title order={1} size="h2">
          Your cart is empty
        </Title>
        <Text c="dimmed">Find something good from the shops near you.</Text>
        <Button component={Link} to="/">
          Browse shops
        </Button>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <Title order={1} fz={{ base: 26, sm: 32 }}>
        Your cart
      </Title>
      <div className="mk-two-col">
        <Stack gap="md">
          {failed && !quote && (
            <Alert color="orange" variant="light">
              We could not check your cart with the shops just now. Prices shown are from when you added the items.
            </Alert>
          )}
          {view.groups.map((g) => (
            <VendorGroupCard
              key={g.vendorId}
              group={g}
              picker={
                <FulfilmentPicker
                  group={g}
                  hasDeliveryPoint={deliverTo !== null}
                  onChange={(c) => updateCart((cart) => setChoice(cart, g.vendorId, c))}
                />
              }
            >
              {g.lines.map((l) => (
                <CartLineRow
                  key={l.variantId}
                  line={l}
                  note={fits[l.variantId]?.note ?? undefined}
                  max={fits[l.variantId]?.quantity}
                  onQuantity={(q) => changeQuantity(l.variantId, q)}
                  onRemove={() => updateCart((cart) => removeLine(cart, l.variantId))}
                />
              ))}
            </VendorGroupCard>
          ))}
          {needsPoint && (
            <Card padding="md">
              <Text fw={600} mb="xs">
                Where should we deliver?
              </Text>
              <LocationBar
                location={null}
                onChange={() => setDeliverTo(parseLocation(cookieValue(document.cookie, LOCATION_COOKIE)))}
              />
            </Card>
          )}
        </Stack>
        <Card padding="lg" className="mk-sticky">
          <Stack gap="sm">
            <Title order={2} size="h4">
              Summary
            </Title>
            {view.groups.map((g) => (
              <Group key={g.vendorId} justify="space-between" wrap="nowrap">
                <Text size="sm" lineClamp={1}>
                  {g.vendorName}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {g.promoCents > 0 && (
                    <Text span size="xs" c="green.9" mr={6}>
                      −{money(g.promoCents, g.currency)}
                    </Text>
                  )}
                  {money(g.totals.totalCents, g.currency)}
                </Text>
              </Group>
            ))}
            <PromoCodeField
              code={cart.promoCode ?? null}
              promo={view.promo}
              currency={view.currency}
              checking={fetching}
              onApply={(code) => updateCart((c) => setPromoCode(c, code))}
              onRemove={() => updateCart((c) => setPromoCode(c, null))}
            />
            <Group justify="space-between">
              <Text fw={800} size="lg">
                Total
              </Text>
              <Text fw={800} size="lg" data-testid="cart-total">
                {view.currency ? money(view.totalCents, view.currency) : '—'}
              </Text>
            </Group>
            <Text size="sm" c="dimmed">
              Pay at pickup — no card needed now. Each shop gets its own order.
            </Text>
            {view.ready ? (
              <Button component={Link} to="/checkout" size="md">
                Checkout
              </Button>
            ) : (
              <Button size="md" disabled>
                Checkout
              </Button>
            )}
            {!view.ready && (
              <Text size="xs" c="dimmed" role="status">
                {fetching && !quote ? 'Checking prices and stock…' : view.promo && !view.promo.applied ? 'Remove the promo code or change the cart to use it.' : 'Fix the notes above to continue.'}
              </Text>
            )}
          </Stack>
        </Card>
      </div>
    </Stack>
  );
}
