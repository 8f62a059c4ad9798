import { Alert, Anchor, Button, Card, Group, Loader, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { contactSchema, type CheckoutResult } from '@makeries/shared';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTRPC, useTRPCClient } from '../../app/api';
import { AddressPicker, saveCheckoutAddress } from '../../components/address-picker';
import { CartLineRow } from '../../components/cart-line-row';
import { VendorGroupCard } from '../../components/vendor-group-card';
import { removeVendors, setPromoCode } from '../../lib/cart/cart';
import { checkoutInput } from '../../lib/cart/requests';
import { updateCart, useCart, useCartLoaded } from '../../lib/cart/store';
import { useCartQuote } from '../../lib/cart/use-cart-quote';
import { buildCartView } from '../../lib/cart/view';
import { money, weekdayTimeLabel } from '../../lib/format';
import { cookieValue, LOCATION_COOKIE, parseLocation } from '../../lib/location';
import { market } from '../../lib/market';
import { lookupPostcode } from '../../lib/postcodes';
import { rememberOrders } from '../../lib/recent-orders';
import { AddressFields } from './address-fields';
import { checkoutErrors, checkoutStart, deliveryAddressOf, type CheckoutFormValues } from './checkout-form';
import { ContactFields } from './contact-fields';
import { LoyaltyOffer, loyaltyChoice, useLoyaltyOffers } from './loyalty-offer';
import { PaymentChoice, type PaymentMethod } from './payment-choice';
import { SmsOptIn } from './sms-opt-in';
import { useCardOption } from './use-card-option';
import { usePlaceOrder } from './use-place-order';

// the Payment Element and Stripe's React bindings are their own chunk: only card payers download them
const CardPayment = lazy(() => import('./card-payment').then((m) => ({ default: m.CardPayment })));

interface CardStep {
  result: CheckoutResult;
  clientSecret: string;
  amountCents: number;
  currency: string;
}

function confirmationPath(result: CheckoutResult): string {
  return `/confirmation?${result.orders.map((o) => `o=${o.id}.${encodeURIComponent(o.trackingToken)}`).join('&')}`;
}

export function CheckoutPage() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const navigate = useNavigate();
  const cart = useCart();
  const loaded = useCartLoaded();
  const me = useQuery(trpc.auth.me.queryOptions()).data;
  // the field rules are the shared schemas the server checks the order with (see checkout-form.ts); they run on
  // submit, when `delivering` (below, from the cart) is known
  const form = useForm<CheckoutFormValues>({ initialValues: checkoutStart(market().city.name), validate: (values) => checkoutErrors(values, delivering) });
  const address = form.values.address;
  const [placed, setPlaced] = useState(false);
  const [saveAddress, setSaveAddress] = useState(false);
  const [textMe, setTextMe] = useState(false);
  const [method, setMethod] = useState<PaymentMethod>('pay_at_pickup');
  const [cardStep, setCardStep] = useState<CardStep | null>(null);
  const [cardStartError, setCardStartError] = useState<{ result: CheckoutResult; key: string; message: string } | null>(null);

  // fill in the contact details only when who is signed in changes: `setFieldValue` is a new function whenever
  // the validate rule is, and a rerun then would refill fields the customer has just cleared
  const { getValues, setFieldValue } = form;
  const prefilledFor = useRef<typeof me>(undefined);
  useEffect(() => {
    if (prefilledFor.current === me) return;
    prefilledFor.current = me;
    const typed = getValues().contact;
    if (me?.kind === 'customer' && !typed.name && !typed.email) setFieldValue('contact', { name: me.customer.name, email: me.customer.email, phone: '' });
  }, [me, getValues, setFieldValue]);

  const typedPoint = lookupPostcode(address.postcode);
  const saved = typeof document === 'undefined' ? null : parseLocation(cookieValue(document.cookie, LOCATION_COOKIE));
  const deliverTo = typedPoint.ok ? typedPoint.place : saved;
  const { quote } = useCartQuote(cart, deliverTo);
  const view = buildCartView(cart, quote);
  const delivering = view.groups.some((g) => g.choice.type === 'delivery');
  const [loyaltyChosen, setLoyaltyChosen] = useState<ReadonlySet<string>>(new Set());
  const loyaltyOffers = useLoyaltyOffers(view.groups, quote, me?.kind === 'customer');
  const loyalty = loyaltyChoice(loyaltyOffers, loyaltyChosen);
  const card = useCardOption(
    view.groups.map((g) => g.vendorId),
    method === 'card',
  );
  useEffect(() => {
    // card stopped being possible (shop list changed, Stripe.js blocked): fall back to pay at pickup
    if (method === 'card' && ['not-configured', 'shops-unavailable', 'offline', 'stripe-unavailable'].includes(card.state)) setMethod('pay_at_pickup');
  }, [method, card.state]);

  async function startCardPayment(result: CheckoutResult, key: string) {
    setCardStartError(null);
    try {
      const intent = await client.payments.cardIntent.mutate({ checkoutId: result.checkoutId, idempotencyKey: key });
      setCardStep({ result, clientSecret: intent.clientSecret, amountCents: intent.amountCents, currency: intent.currency });
    } catch (e) {
      setCardStartError({ result, key, message: e instanceof Error ? e.message : 'Card payment could not start.' });
    }
  }

  const order = usePlaceOrder(async (result: CheckoutResult, key: string) => {
    if (method === 'card') {
      await startCardPayment(result, key);
      return;
    }
    await finish(result);
  });

  async function finish(result: CheckoutResult) {
    setPlaced(true);
    if (saveAddress && delivering) await saveCheckoutAddress(client, form.getValues().address);
    rememberOrders(
      result.orders.map((o) => ({
        id: o.id,
        number: o.number,
        vendorName: o.vendorName,
        trackingToken: o.trackingToken,
        totalCents: o.totalCents,
        currency: o.currency,
        placedAt: new Date().toISOString(),
      })),
    );
    await navigate(confirmationPath(result));
    // the code was used with these orders
    updateCart((c) => setPromoCode(removeVendors(c, result.orders.map((o) => o.vendorId)), null));
  }

  /** Runs once the form's rules pass: the values are valid, so the schemas' parse cannot fail here. */
  function submit(values: CheckoutFormValues) {
    if (method === 'card' && card.state !== 'ready') return;
    if (textMe && values.contact.phone.trim() === '') {
      form.setFieldError('contact.phone', 'Enter your mobile number to get texts');
      return;
    }
    const { idempotencyKey: _unused, ...body } = checkoutInput(view, contactSchema.parse(values.contact), delivering ? deliveryAddressOf(values.address) : null, values.note, '');
    void order.place({ ...body, paymentMethod: method, ...(loyalty.uses.length > 0 ? { loyalty: loyalty.uses } : {}), ...(textMe ? { smsOptIn: true } : {}) });
  }

  if (!loaded || placed) {
    return (
      <Stack align="center" py={80} gap="sm">
        <Loader aria-label={placed ? 'Opening your confirmation' : 'Loading your cart'} />
        {placed && <Text>Order placed — opening your confirmation…</Text>}
      </Stack>
    );
  }
  if (cardStep && card.state === 'ready') {
    const step = cardStep;
    return (
      <Suspense fallback={<Loader aria-label="Loading card payment" mx="auto" my={80} display="block" />}>
        <CardPayment
          stripe={card.stripe}
          clientSecret={step.clientSecret}
          amountCents={step.amountCents}
          currency={step.currency}
          returnUrl={`${window.location.origin}${confirmationPath(step.result)}`}
          onPaid={() => void finish(step.result)}
        />
      </Suspense>
    );
  }
  if (cardStartError) {
    const failed = cardStartError;
    return (
      <Stack align="center" py={64} gap="md" maw={560} mx="auto">
        <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title="Your order is placed, but the card payment did not start" role="alert">
          {failed.message} Nothing has been charged.
        </Alert>
        <Button size="lg" onClick={() => void startCardPayment(failed.result, failed.key)}>
          Try the payment again
        </Button>
      </Stack>
    );
  }
  if (cart.lines.length === 0) {
    return (
      <Stack align="center" py={64} gap="md">
        <Title order={1} size="h2">
          Nothing to check out
        </Title>
        <Button component={Link} to="/">
          Browse shops
        </Button>
      </Stack>
    );
  }

  const errors = { ...form.errors, ...(order.error?.fields ?? {}) };
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack gap="md">
        <Group justify="space-between" align="baseline">
          <Title order={1} fz={{ base: 26, sm: 32 }}>
            Checkout
          </Title>
          <Anchor component={Link} to="/cart" size="sm">
            Back to cart
          </Anchor>
        </Group>
        {order.error && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title="Your order was not placed" role="alert" data-testid="checkout-error">
            {order.error.summary}
          </Alert>
        )}
        <div className="mk-two-col">
          <Stack gap="md">
            <Card padding="lg">
              <Title order={2} size="h4" mb="sm">
                Your details
              </Title>
              {me?.kind !== 'customer' && (
                <Text size="sm" c="dimmed" mb="sm">
                  No account needed.{' '}
                  <Anchor component={Link} to="/account?next=/checkout" size="sm">
                    Sign in
                  </Anchor>{' '}
                  to keep your orders together.
                </Text>
              )}
              <ContactFields form={form} errors={errors} />
              <SmsOptIn checked={textMe} onChange={setTextMe} />
            </Card>
            {delivering && (
              <Card padding="lg">
                <Title order={2} size="h4" mb="sm">
                  Delivery address
                </Title>
                <AddressPicker value={address} onPick={(a) => form.setFieldValue('address', a)} save={saveAddress} onSaveChange={setSaveAddress} />
                <AddressFields form={form} errors={errors} />
              </Card>
            )}
            <Card padding="lg">
              <Title order={2} size="h4" mb="sm">
                Payment
              </Title>
              <PaymentChoice
                value={method}
                onChange={setMethod}
                card={card}
                delivering={delivering}
                vendorName={(id) => view.groups.find((g) => g.vendorId === id)?.vendor?.name ?? 'A shop'}
              />
              <Textarea mt="md" label="Note for the shops (optional)" maxLength={500} autosize minRows={2} {...form.getInputProps('note')} />
            </Card>
          </Stack>
          <Stack gap="md" className="mk-sticky">
            {view.groups.map((g) => (
              <VendorGroupCard key={g.vendorId} group={g} extraProblems={order.error?.vendors[g.vendorId]}>
                <Text size="sm" c="dimmed">
                  {g.choice.type === 'delivery' ? 'Delivery' : 'Pickup'}
                  {g.choice.pickupAt ? ` · ${weekdayTimeLabel(g.choice.pickupAt, g.vendor?.timezone)}` : ' · as soon as possible'}
                </Text>
                {g.lines.map((l) => (
                  <CartLineRow key={l.variantId} line={l} error={order.error?.lines[l.variantId]} readOnly />
                ))}
              </VendorGroupCard>
            ))}
            <LoyaltyOffer offers={loyaltyOffers} chosen={loyaltyChosen} onToggle={(id, on) => setLoyaltyChosen((c) => new Set([...c].filter((x) => x !== id).concat(on ? [id] : [])))} />
            <Card padding="lg">
              {view.promo?.applied && view.currency && (
                <Group justify="space-between" mb={4} data-testid="checkout-promo">
                  <Text size="sm" c="green.9">
                    Promo code {view.promo.code}
                  </Text>
                  <Text size="sm" c="green.9">
                    −{money(view.promoCents, view.currency)}
                  </Text>
                </Group>
              )}
              {loyalty.savingCents > 0 && view.currency && (
                <Group justify="space-between" mb={4} data-testid="checkout-loyalty">
                  <Text size="sm" c="green.9">
                    Loyalty reward
                  </Text>
                  <Text size="sm" c="green.9">
                    −{money(loyalty.savingCents, view.currency)}
                  </Text>
                </Group>
              )}
              <Group justify="space-between" mb="sm">
                <Text fw={800} size="lg">
                  {method === 'card' ? 'To pay now' : 'To pay at pickup'}
                </Text>
                <Text fw={800} size="lg">
                  {view.currency ? money(view.totalCents - loyalty.savingCents, view.currency) : '—'}
                </Text>
              </Group>
              <Button
                type="submit"
                size="lg"
                fullWidth
                loading={order.submitting || (method === 'card' && card.state === 'loading')}
                disabled={(!view.ready && !order.error) || (method === 'card' && card.state !== 'ready')}
              >
                {method === 'card' ? 'Place order and pay' : 'Place order'}
              </Button>
              {!view.ready && !order.error && (
                <Text size="xs" c="dimmed" mt={6}>
                  <Anchor component={Link} to="/cart" size="xs">
                    Review your cart
                  </Anchor>{' '}
                  — something needs attention before you can order.
                </Text>
              )}
            </Card>
          </Stack>
        </div>
      </Stack>
    </form>
  );
}
