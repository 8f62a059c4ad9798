import { and, eq, inArray } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Db } from '../../db/client';
import { orders, payments, stripeEvents } from '../../db/schema/index';
import type { Env } from '../../env';
import { recordOrderPushes } from '../bridges/order-push';
import { applyAccountSnapshot } from './connect';
import { applyDisputeEvent } from './disputes';
import { enqueue } from '../../jobs/queue';
import { markPaymentFinal, type PaymentRow } from './payment-rows';
import { callStripe, stripeFor } from './stripe-client';
import { enqueueCardOrderWork } from './sweep';

export const STRIPE_EVENT_JOB = 'stripe-event';

/**
 * Stores a verified event once by Stripe's id and queues its processing in the same transaction. A replay
 * (Stripe retries, or anyone resending) finds the row and changes nothing.
 */
export async function storeStripeEvent(db: Db, event: Stripe.Event): Promise<'stored' | 'duplicate'> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .insert(stripeEvents)
      .values({ id: event.id, type: event.type, stripeCreated: event.created, payload: event as unknown as Record<string, unknown> })
      .onConflictDoNothing()
      .returning({ id: stripeEvents.id });
    if (rows.length === 0) return 'duplicate';
    await enqueue(tx, STRIPE_EVENT_JOB, `stripe-event:${event.id}`, { eventId: event.id });
    return 'stored';
  });
}

/** The payments row behind an intent: by its id, or by our id in metadata if the webhook beat our own write. */
async function paymentFor(db: Db, intent: Stripe.PaymentIntent): Promise<PaymentRow | undefined> {
  const [byIntent] = await db.select().from(payments).where(eq(payments.stripePaymentIntentId, intent.id)).limit(1);
  if (byIntent) return byIntent;
  const ourId = intent.metadata.paymentId;
  if (!ourId) return undefined;
  const [byOurs] = await db.select().from(payments).where(eq(payments.id, ourId)).limit(1);
  if (byOurs && !byOurs.stripePaymentIntentId) {
    await db.update(payments).set({ stripePaymentIntentId: intent.id }).where(eq(payments.id, byOurs.id));
  }
  return byOurs;
}

async function onIntentSucceeded(db: Db, intent: Stripe.PaymentIntent): Promise<void> {
  const payment = await paymentFor(db, intent);
  if (!payment) return;
  await markPaymentFinal(db, payment.id, 'succeeded', null);
  // disputes name the charge, not the intent
  const chargeId = typeof intent.latest_charge === 'string' ? intent.latest_charge : (intent.latest_charge?.id ?? null);
  if (chargeId) await db.update(payments).set({ stripeChargeId: chargeId }).where(eq(payments.id, payment.id));
  if (payment.kind !== 'checkout' || !payment.checkoutId) return;
  const checkoutId = payment.checkoutId;
  await db.transaction(async (tx) => {
    // forward only: an order already refunded (or one that was never a card order) is left alone
    const paid = await tx
      .update(orders)
      .set({ paymentStatus: 'paid', updatedAt: new Date() })
      .where(and(eq(orders.checkoutId, checkoutId), eq(orders.paymentStatus, 'unpaid')))
      .returning({ id: orders.id });
    // a shop showing web orders in its POS gets each newly paid order pushed there (bridges/order-push.ts)
    await recordOrderPushes(
      tx,
      paid.map((o) => o.id),
    );
  });
  await enqueueCardOrderWork(db, payment.checkoutId);
}

async function onIntentFailed(db: Db, intent: Stripe.PaymentIntent): Promise<void> {
  const payment = await paymentFor(db, intent);
  if (!payment) return;
  // the customer may still pay with another card on the same intent: note why, keep it pending
  await db
    .update(payments)
    .set({ failureMessage: intent.last_payment_error?.message ?? 'The card was declined.', lastFailedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(payments.id, payment.id), inArray(payments.status, ['pending'])));
}

async function onIntentCanceled(db: Db, intent: Stripe.PaymentIntent): Promise<void> {
  const payment = await paymentFor(db, intent);
  if (payment) await markPaymentFinal(db, payment.id, 'canceled', null);
}

/**
 * Account events for the same account often share a second, so their order cannot be trusted: the account is
 * read fresh from Stripe and that current state is applied, whatever order the events came in.
 */
async function onAccountUpdated(db: Db, env: Env, snapshot: Stripe.Account): Promise<void> {
  const stripe = stripeFor(env);
  const account = stripe ? await callStripe(() => stripe.accounts.retrieve(snapshot.id)) : snapshot;
  await applyAccountSnapshot(db, account, Math.floor(Date.now() / 1000));
}

/** Processes one stored event (from the job queue). Unknown types are simply marked processed. */
export async function processStripeEvent(db: Db, env: Env, eventId: string): Promise<void> {
  const [row] = await db.select().from(stripeEvents).where(eq(stripeEvents.id, eventId)).limit(1);
  if (!row || row.processedAt) return;
  const event = row.payload as unknown as Stripe.Event;
  switch (event.type) {
    case 'payment_intent.succeeded':
      await onIntentSucceeded(db, event.data.object);
      break;
    case 'payment_intent.payment_failed':
      await onIntentFailed(db, event.data.object);
      break;
    case 'payment_intent.canceled':
      await onIntentCanceled(db, event.data.object);
      break;
    case 'account.updated':
      await onAccountUpdated(db, env, event.data.object);
      break;
    case 'charge.dispute.created':
    case 'charge.dispute.updated':
    case 'charge.dispute.closed':
    case 'charge.dispute.funds_withdrawn':
    case 'charge.dispute.funds_reinstated':
      await applyDisputeEvent(db, env, event);
      break;
    default:
      break;
  }
  await db.update(stripeEvents).set({ processedAt: new Date() }).where(eq(stripeEvents.id, eventId));
}
