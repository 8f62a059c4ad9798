import { Alert, Button, Card, Stack, Text, Title } from '@mantine/core';
import { Elements, PaymentElement, useElements, useStripe } from '@stripe/react-stripe-js';
import type { Stripe } from '@stripe/stripe-js';
import { IconAlertTriangle, IconLock } from '@tabler/icons-react';
import { useState, type SubmitEvent } from 'react';
import { money } from '../../lib/format';

interface Props {
  stripe: Stripe;
  clientSecret: string;
  amountCents: number;
  currency: string;
  /** where Stripe sends the customer back after a bank check (3-D Secure) */
  returnUrl: string;
  onPaid: () => void;
}

const DECLINED = 'The payment did not go through. Try another card.';
const NOT_SENT = 'The payment could not reach the bank. Check your connection and try again.';

function PayForm({ amountCents, currency, returnUrl, onPaid }: Omit<Props, 'stripe' | 'clientSecret'>) {
  const stripe = useStripe();
  const elements = useElements();
  const [paying, setPaying] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function pay(e: SubmitEvent) {
    e.preventDefault();
    if (!stripe || !elements || paying) return;
    setPaying(true);
    setError(null);
    // Stripe reports a declined card as `result.error`; a rejection (network, Stripe.js failing) must not leave
    // the button spinning either
    const failed = await stripe
      .confirmPayment({ elements, redirect: 'if_required', confirmParams: { return_url: returnUrl } })
      .then((result) => (result.error ? (result.error.message ?? DECLINED) : null), () => NOT_SENT);
    setPaying(false);
    if (failed !== null) {
      setError(failed);
      return;
    }
    onPaid();
  }

  return (
    <form onSubmit={(e) => void pay(e)} noValidate>
      <Stack gap="md">
        {error && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title="Payment not taken" role="alert">
            {error} Your order is saved; you can try again.
          </Alert>
        )}
        <PaymentElement />
        <Button type="submit" size="lg" fullWidth loading={paying} disabled={!stripe || !elements} leftSection={<IconLock size={18} aria-hidden />}>
          Pay {money(amountCents, currency)}
        </Button>
      </Stack>
    </form>
  );
}

/** The Stripe Payment Element for a placed card order; its own chunk, loaded only when paying by card. */
export function CardPayment({ stripe, clientSecret, ...rest }: Props) {
  return (
    <Card padding="lg" maw={560} mx="auto" w="100%">
      <Title order={1} size="h3" mb={4}>
        Pay by card
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Your order is placed and waits for payment. Card details go straight to Stripe.
      </Text>
      <Elements stripe={stripe} options={{ clientSecret, appearance: { theme: 'stripe' } }}>
        <PayForm {...rest} />
      </Elements>
    </Card>
  );
}
