import { AppError, sumCents, uuidv7, type CardIntentInput, type CardIntentResult } from '@makeries/shared';
import { and, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { checkouts, orders, payments } from '../../db/schema/index';
import type { Env } from '../../env';
import { callStripe, requireStripe } from './stripe-client';
import { canTakeCards, vendorPayments } from './vendor-account';

/**
 * Card is all or nothing per checkout: every shop in the cart must be able to take cards (its Stripe account
 * is enabled), otherwise the customer pays at pickup. One payment and one receipt per checkout is simpler to
 * understand than a cart split across two ways of paying.
 */
export async function requireCardCheckout(db: DbOrTx, env: Env, vendorIds: string[]): Promise<void> {
  if (!env.STRIPE_SECRET_KEY || !env.STRIPE_PUBLISHABLE_KEY) {
    throw new AppError('FULFILMENT_UNAVAILABLE', 'Card payments are not configured on this marketplace. Choose pay at pickup.');
  }
  for (const vendorId of vendorIds) {
    const v = await vendorPayments(db, env, vendorId);
    if (!canTakeCards(v)) {
      throw new AppError('FULFILMENT_UNAVAILABLE', `${v.name} cannot take card payments yet. Choose pay at pickup for this order.`, {
        details: { vendorId },
      });
    }
  }
}

/** Inside the checkout transaction: the orders wait unpaid, and the payment row holds the idempotency key. */
export async function prepareCardCheckout(tx: DbOrTx, checkoutId: string, totalCents: number, currency: string): Promise<void> {
  await tx.update(orders).set({ paymentStatus: 'unpaid' }).where(eq(orders.checkoutId, checkoutId));
  await tx.insert(payments).values({
    id: uuidv7(),
    kind: 'checkout',
    checkoutId,
    idempotencyKey: `checkout-${checkoutId}`,
    amountCents: totalCents,
    currency,
  });
}

const STATUS: Record<string, CardIntentResult['status']> = { pending: 'requires_payment', succeeded: 'succeeded', canceled: 'canceled', failed: 'requires_payment' };

/**
 * The checkout's one PaymentIntent (created on first call, the same one after): amount = the sum of the
 * vendor order totals, `transfer_group` = the checkout id, so each vendor's transfer is linked to it later.
 * The checkout's own idempotency key proves the caller placed it (guests have no account).
 */
export async function cardIntent(db: Db, env: Env, input: CardIntentInput): Promise<CardIntentResult> {
  const stripe = requireStripe(env);
  const publishableKey = env.STRIPE_PUBLISHABLE_KEY;
  if (!publishableKey) throw new AppError('FULFILMENT_UNAVAILABLE', 'Card payments are not configured on this marketplace. Choose pay at pickup.');
  const [checkout] = await db
    .select()
    .from(checkouts)
    .where(and(eq(checkouts.id, input.checkoutId), eq(checkouts.idempotencyKey, input.idempotencyKey)))
    .limit(1);
  if (!checkout) throw new AppError('NOT_FOUND', 'We could not find that checkout.');
  const [payment] = await db.select().from(payments).where(and(eq(payments.checkoutId, checkout.id), eq(payments.kind, 'checkout'))).limit(1);
  if (!payment) throw new AppError('CONFLICT', 'This order is paid at pickup, not by card.');
  const totals = await db.select({ cents: orders.totalCents }).from(orders).where(eq(orders.checkoutId, checkout.id));
  const amount = sumCents(totals.map((t) => t.cents));
  if (amount !== payment.amountCents) throw new AppError('INTERNAL', 'The order totals changed after checkout; the payment was not started.');
  let { stripePaymentIntentId: intentId, clientSecret } = payment;
  if (!intentId || !clientSecret) {
    const intent = await callStripe(() =>
      stripe.paymentIntents.create(
        {
          amount,
          currency: payment.currency.toLowerCase(),
          transfer_group: checkout.id,
          automatic_payment_methods: { enabled: true },
          receipt_email: checkout.contact.email,
          metadata: { checkoutId: checkout.id, paymentId: payment.id },
        },
        { idempotencyKey: payment.idempotencyKey },
      ),
    );
    intentId = intent.id;
    clientSecret = intent.client_secret ?? '';
    await db.update(payments).set({ stripePaymentIntentId: intentId, clientSecret, updatedAt: new Date() }).where(eq(payments.id, payment.id));
  }
  return { paymentIntentId: intentId, clientSecret, publishableKey, amountCents: amount, currency: payment.currency, status: STATUS[payment.status] ?? 'requires_payment' };
}
