import {
  AppError,
  uuidv7,
  type TerminalStartInput,
  type TerminalStartResult,
  type TerminalStatusResult,
} from '@makeries/shared';
import { and, desc, eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Db } from '../../db/client';
import { payments } from '../../db/schema/index';
import type { Env } from '../../env';
import { markPaymentFinal, type PaymentRow } from './payment-rows';
import { callStripe, requireStripe, stripeProblem } from './stripe-client';
import { requireOwnReader } from './terminal-readers';
import { platformFee, requireCardVendor, vendorPayments } from './vendor-account';

const FINAL = { succeeded: 'succeeded', failed: 'failed', canceled: 'canceled' } as const;

function result(row: PaymentRow): TerminalStartResult {
  return { paymentIntentId: row.stripePaymentIntentId ?? '', status: row.status === 'pending' ? 'waiting' : FINAL[row.status] };
}

async function latestAttempt(db: Db, vendorId: string, saleId: string): Promise<PaymentRow | undefined> {
  const [row] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.kind, 'terminal'), eq(payments.vendorId, vendorId), eq(payments.saleId, saleId)))
    .orderBy(desc(payments.attempt))
    .limit(1);
  return row;
}

/**
 * Takes a card payment for a counter sale on one of the shop's readers. A destination charge: the
 * marketplace's account takes the card, the shop's connected account receives it minus the platform fee at
 * once (a card-present sale is complete at the counter, no acceptance step). The idempotency key is the
 * sale id + attempt number, so a retried call after a lost response never starts a second charge, and a
 * sale that already succeeded is never charged again.
 */
export async function startTerminalPayment(db: Db, env: Env, vendorId: string, input: TerminalStartInput): Promise<TerminalStartResult> {
  const stripe = requireStripe(env);
  const vendor = requireCardVendor(await vendorPayments(db, env, vendorId));
  await requireOwnReader(db, vendorId, input.readerId);
  const last = await latestAttempt(db, vendorId, input.saleId);
  if (last?.status === 'succeeded') return result(last);
  if (last?.status === 'pending') {
    if (last.amountCents === input.amountCents && last.readerId === input.readerId) {
      return pushToReader(db, stripe, await withIntent(db, stripe, last, vendor.stripeAccountId));
    }
    await cancelAttempt(db, stripe, await withIntent(db, stripe, last, vendor.stripeAccountId));
  }
  const attempt = (last?.attempt ?? 0) + 1;
  const row: PaymentRow = {
    id: uuidv7(),
    kind: 'terminal',
    checkoutId: null,
    vendorId,
    saleId: input.saleId,
    attempt,
    readerId: input.readerId,
    idempotencyKey: `terminal-${input.saleId}-${attempt}`,
    stripePaymentIntentId: null,
    clientSecret: null,
    amountCents: input.amountCents,
    feeCents: platformFee(input.amountCents, vendor.feeBps),
    refundedCents: 0,
    currency: vendor.currency,
    status: 'pending',
    failureMessage: null,
    lastFailedAt: null,
    stripeChargeId: null,
    succeededAt: null,
    createdAt: new Date(),
    updatedAt: new Date(),
  };
  // the key is stored before Stripe hears of it: a crash between the two replays the same key next time
  const inserted = await db.insert(payments).values(row).onConflictDoNothing().returning();
  if (inserted.length === 0) {
    const again = await latestAttempt(db, vendorId, input.saleId);
    if (!again) throw new AppError('CONFLICT', 'This card payment is already being started. Try again in a moment.');
    return again.status === 'pending' ? pushToReader(db, stripe, await withIntent(db, stripe, again, vendor.stripeAccountId)) : result(again);
  }
  return pushToReader(db, stripe, await withIntent(db, stripe, inserted[0] ?? row, vendor.stripeAccountId));
}

/**
 * Creates the attempt's PaymentIntent, or — same key, same parameters — gets back the one Stripe already made
 * when an earlier call timed out after Stripe had created it.
 */
async function withIntent(db: Db, stripe: Stripe, row: PaymentRow, destination: string): Promise<PaymentRow> {
  if (row.stripePaymentIntentId) return row;
  const intent = await callStripe(() =>
    stripe.paymentIntents.create(
      {
        amount: row.amountCents,
        currency: row.currency.toLowerCase(),
        allowed_payment_method_types: ['card_present'],
        capture_method: 'automatic',
        application_fee_amount: row.feeCents,
        on_behalf_of: destination,
        transfer_data: { destination },
        metadata: { paymentId: row.id, saleId: row.saleId ?? '', vendorId: row.vendorId ?? '', attempt: String(row.attempt) },
      },
      { idempotencyKey: row.idempotencyKey },
    ),
  );
  await db.update(payments).set({ stripePaymentIntentId: intent.id, updatedAt: new Date() }).where(eq(payments.id, row.id));
  return { ...row, stripePaymentIntentId: intent.id };
}

/** Asks the reader to collect the card; a busy or offline reader ends this attempt so the cashier can choose again. */
async function pushToReader(db: Db, stripe: Stripe, row: PaymentRow): Promise<TerminalStartResult> {
  const intentId = row.stripePaymentIntentId ?? '';
  try {
    await stripe.terminal.readers.processPaymentIntent(row.readerId ?? '', { payment_intent: intentId }, { idempotencyKey: `${row.idempotencyKey}-process` });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'payment_intent_unexpected_state') return { paymentIntentId: intentId, status: (await refreshStatus(db, stripe, row)).status };
    if (code === 'terminal_reader_busy' || code === 'terminal_reader_offline') {
      await cancelAttempt(db, stripe, row);
      const what = code === 'terminal_reader_busy' ? 'is busy with another payment' : 'is offline';
      throw new AppError('CONFLICT', `The card reader ${what}. Check the reader, then try again or take cash.`);
    }
    throw stripeProblem(err);
  }
  return { paymentIntentId: intentId, status: 'waiting' };
}

async function cancelAttempt(db: Db, stripe: Stripe, row: PaymentRow): Promise<void> {
  if (row.stripePaymentIntentId) {
    if (row.readerId) {
      await stripe.terminal.readers.cancelAction(row.readerId, {}, { idempotencyKey: `${row.idempotencyKey}-cancel-action` }).catch(() => undefined);
    }
    try {
      await stripe.paymentIntents.cancel(row.stripePaymentIntentId, {}, { idempotencyKey: `${row.idempotencyKey}-cancel` });
    } catch (err) {
      if ((err as { code?: string }).code !== 'payment_intent_unexpected_state') throw err;
      // already succeeded or canceled: Stripe's answer wins
      await refreshStatus(db, stripe, row);
      return;
    }
  }
  await markPaymentFinal(db, row.id, 'canceled', null);
}

function declineMessage(intent: Stripe.PaymentIntent, action: Stripe.Terminal.Reader.Action | null): string | null {
  if (intent.last_payment_error) return intent.last_payment_error.message ?? 'The card was declined.';
  if (action?.status === 'failed') return action.failure_message ?? 'The reader could not take the card.';
  return null;
}

/** Asks Stripe where the payment is and records a final outcome (the webhook may record it too — forward only). */
async function refreshStatus(db: Db, stripe: Stripe, row: PaymentRow): Promise<TerminalStatusResult> {
  const intentId = row.stripePaymentIntentId ?? '';
  const intent = await callStripe(() => stripe.paymentIntents.retrieve(intentId));
  if (intent.status === 'succeeded') {
    await markPaymentFinal(db, row.id, 'succeeded', null);
    return { status: 'succeeded' };
  }
  if (intent.status === 'canceled') {
    await markPaymentFinal(db, row.id, 'canceled', null);
    return { status: 'canceled' };
  }
  let action: Stripe.Terminal.Reader.Action | null = null;
  if (row.readerId) {
    const reader = await callStripe(() => stripe.terminal.readers.retrieve(row.readerId ?? ''));
    if (!('deleted' in reader && reader.deleted)) {
      const live = reader as Stripe.Terminal.Reader;
      if (live.action?.process_payment_intent?.payment_intent === intentId) action = live.action;
    }
  }
  if (action?.status === 'failed' && action.failure_code === 'canceled') {
    await cancelAttempt(db, stripe, row);
    return { status: 'canceled', message: 'The payment was cancelled on the reader.' };
  }
  const message = declineMessage(intent, action);
  if (message && action?.status !== 'in_progress') {
    // this attempt is over; the PaymentIntent is cancelled so it can never be charged later by mistake
    await stripe.paymentIntents.cancel(intentId, {}, { idempotencyKey: `${row.idempotencyKey}-cancel` }).catch(() => undefined);
    await markPaymentFinal(db, row.id, 'failed', message);
    return { status: 'failed', message };
  }
  return { status: 'waiting' };
}

export async function terminalPaymentFor(db: Db, vendorId: string, paymentIntentId: string): Promise<PaymentRow> {
  const [row] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.stripePaymentIntentId, paymentIntentId), eq(payments.vendorId, vendorId), eq(payments.kind, 'terminal')))
    .limit(1);
  if (!row) throw new AppError('NOT_FOUND', 'We could not find that card payment for this shop.');
  return row;
}

export async function terminalStatus(db: Db, env: Env, vendorId: string, paymentIntentId: string): Promise<TerminalStatusResult> {
  const row = await terminalPaymentFor(db, vendorId, paymentIntentId);
  if (row.status !== 'pending') return { status: FINAL[row.status], ...(row.failureMessage ? { message: row.failureMessage } : {}) };
  return refreshStatus(db, requireStripe(env), row);
}

/** Cancels a payment still waiting on the reader. If the card went through first, says so: the sale is paid. */
export async function cancelTerminalPayment(db: Db, env: Env, vendorId: string, paymentIntentId: string): Promise<TerminalStatusResult> {
  const row = await terminalPaymentFor(db, vendorId, paymentIntentId);
  if (row.status !== 'pending') return { status: FINAL[row.status], ...(row.failureMessage ? { message: row.failureMessage } : {}) };
  const stripe = requireStripe(env);
  await callStripe(() => cancelAttempt(db, stripe, row));
  const [after] = await db.select().from(payments).where(eq(payments.id, row.id));
  const status = after?.status ?? 'canceled';
  return { status: status === 'pending' ? 'waiting' : FINAL[status] };
}
