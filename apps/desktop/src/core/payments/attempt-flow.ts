import { AppError, formatMoney } from '@makeries/shared';
import type { CoreContext } from '../context';
import { writeTx } from '../db/open';
import { activeLines, requireOpenCart } from '../cart/store';
import { cartTotals } from '../cart/view';
import { vendorSettings } from '../catalog/vendor';
import { conflict } from '../errors';
import { isUnreachable, type PaymentsGateway, type TerminalStatus } from './gateway';
import { stableUuid } from './stable-id';
import { attemptById, attemptsWithStatus, IN_PROGRESS, insertAttempt, moveAttempt, type CardAttemptRow } from './store';

export const OFFLINE_REASON = 'This counter is offline, so it cannot take cards on the Stripe reader. Take cash or use the card machine.';
const NO_ANSWER_START = 'The card service did not answer. Press “Check again” — if the reader shows the amount, the customer can still pay.';
const NO_ANSWER_WAIT = 'Cannot reach the card service right now. Still waiting for the reader…';

export function requireOnline(ctx: CoreContext): void {
  if (!ctx.connectivity.online) throw conflict(OFFLINE_REASON, { offline: true });
}

/** What cards may still pay on the open cart: its total less card payments already taken on the reader. */
function cardRoomCents(ctx: CoreContext, cartId: string): number {
  const cart = requireOpenCart(ctx.db);
  if (cart.id !== cartId) throw conflict('The sale on screen is no longer the open one. Refresh and try again.');
  const totals = cartTotals(vendorSettings(ctx.db), cart, activeLines(ctx.db, cart.id));
  const taken = attemptsWithStatus(ctx.db, cart.id, ['succeeded']).reduce((s, a) => s + a.amountCents, 0);
  return totals.totalCents - taken;
}

/** Writes a new attempt before the reader is asked, so a crash after the request still finds it. */
export function beginAttempt(ctx: CoreContext, input: { cartId: string; readerId: string; amountCents: number }): CardAttemptRow {
  const now = ctx.now();
  return writeTx(ctx.db, () => {
    if (activeLines(ctx.db, requireOpenCart(ctx.db).id).length === 0) throw new AppError('BAD_INPUT', 'The cart is empty. Scan or add an item first.');
    const room = cardRoomCents(ctx, input.cartId);
    if (attemptsWithStatus(ctx.db, input.cartId, IN_PROGRESS).length > 0) {
      throw conflict('A card payment is already on the reader. Wait for it, or cancel it first.');
    }
    if (input.amountCents > room) {
      const currency = vendorSettings(ctx.db).currency;
      throw new AppError('BAD_INPUT', `A card cannot pay more than the ${formatMoney(Math.max(0, room), currency)} left: cards give no change.`, {
        issues: [{ path: 'amountCents', message: 'More than is left to pay' }],
      });
    }
    return insertAttempt(ctx.db, now, input);
  });
}

/** Applies what the server said, only ever forward; an attempt already final stays as it is. */
function apply(ctx: CoreContext, id: string, status: TerminalStatus | 'starting', extra: { paymentIntentId?: string; message?: string | null }): CardAttemptRow {
  const now = ctx.now();
  return writeTx(ctx.db, () => {
    const cur = attemptById(ctx.db, id);
    if (cur.status !== 'starting' && cur.status !== 'waiting') return cur;
    if (status === cur.status && extra.paymentIntentId === undefined && (extra.message ?? null) === cur.message) return cur;
    return moveAttempt(ctx.db, now, id, { status, ...extra });
  });
}

const DECLINED = 'The card was declined. Ask for another card, or take cash.';

function messageFor(status: TerminalStatus, message: string | undefined): string | null {
  if (status === 'failed') return message && message.trim() ? message : DECLINED;
  if (status === 'canceled') return message ?? 'The card payment was cancelled.';
  return null;
}

/**
 * Asks the server to put the attempt on the reader. The attempt id is the server's `saleId`, so asking again
 * after no answer is the same request (same idempotency key) and can never make a second charge.
 */
export async function sendToReader(ctx: CoreContext, gateway: PaymentsGateway, a: CardAttemptRow): Promise<CardAttemptRow> {
  try {
    const r = await gateway.start({ saleId: a.id, amountCents: a.amountCents, readerId: a.readerId });
    return apply(ctx, a.id, r.status, { paymentIntentId: r.paymentIntentId, message: messageFor(r.status, r.message) });
  } catch (e) {
    // no answer: the payment may exist on the reader, so the attempt stays open until someone checks again
    if (isUnreachable(e)) return apply(ctx, a.id, 'starting', { message: NO_ANSWER_START });
    // the server said no: nothing was created, nothing can be charged
    return apply(ctx, a.id, 'failed', { message: e instanceof Error ? e.message : String(e) });
  }
}

/** One look at the reader: resends a start that got no answer, or asks the server how the payment is doing. */
export async function pollAttempt(ctx: CoreContext, gateway: PaymentsGateway, id: string): Promise<CardAttemptRow> {
  const a = attemptById(ctx.db, id);
  if (a.status === 'starting') {
    if (!ctx.connectivity.online) return { ...a, message: OFFLINE_REASON };
    return sendToReader(ctx, gateway, a);
  }
  if (a.status !== 'waiting' || !a.paymentIntentId) return a;
  try {
    const s = await gateway.paymentStatus(a.paymentIntentId);
    return apply(ctx, a.id, s.status, { message: messageFor(s.status, s.message) });
  } catch (e) {
    if (isUnreachable(e)) return { ...a, message: NO_ANSWER_WAIT };
    throw e;
  }
}

/**
 * Cancels a payment on the reader. The reader may have taken the card a moment before: the server's answer
 * after the cancel decides, so a payment that went through is recorded as paid, never as cancelled.
 */
export async function cancelAttempt(ctx: CoreContext, gateway: PaymentsGateway, id: string): Promise<CardAttemptRow> {
  let a = attemptById(ctx.db, id);
  if (a.status === 'succeeded') throw conflict('This card payment already went through. Use “Refund to card” to give it back.');
  // a start that got no answer may still have reached the reader: ask again (same key, no second payment) to
  // learn the payment, so it can be cancelled for real
  if (a.status === 'starting' && ctx.connectivity.online) a = await sendToReader(ctx, gateway, a);
  if (a.status !== 'starting' && a.status !== 'waiting') return a;
  if (a.status === 'starting' || !a.paymentIntentId) {
    // still no answer: stop here; the reader's own cancel button clears its screen
    return apply(ctx, a.id, 'canceled', { message: 'Cancelled. If the reader still shows the amount, press cancel on the reader.' });
  }
  requireOnline(ctx);
  let s: { status: TerminalStatus; message?: string };
  try {
    s = await gateway.cancel(a.paymentIntentId);
  } catch (e) {
    if (isUnreachable(e)) throw conflict('Could not reach the card service to cancel. Press cancel on the reader, then try again.', { cardService: 'unreachable' });
    throw e;
  }
  if (s.status === 'succeeded') return apply(ctx, a.id, 'succeeded', { message: 'The customer paid before the cancel reached the reader.' });
  return apply(ctx, a.id, s.status, { message: messageFor(s.status, s.message) });
}

/** Gives a card payment that is not on a sale back to the card (the customer changed their mind). */
export async function releaseAttempt(ctx: CoreContext, gateway: PaymentsGateway, id: string): Promise<CardAttemptRow> {
  const a = attemptById(ctx.db, id);
  if (a.status !== 'succeeded' || !a.paymentIntentId || a.saleId) {
    throw conflict('Only a card payment that went through and is not on a sale yet can be refunded here.');
  }
  requireOnline(ctx);
  try {
    // the refund id comes from the attempt, so pressing again after no answer never refunds twice
    await gateway.refund({ paymentIntentId: a.paymentIntentId, amountCents: a.amountCents, refundId: stableUuid(`release:${a.id}`) });
  } catch (e) {
    if (isUnreachable(e)) throw conflict('Could not reach the card service, so the refund may not have happened. Try again (it will not refund twice).', { cardService: 'unreachable' });
    throw e;
  }
  const now = ctx.now();
  return writeTx(ctx.db, () => moveAttempt(ctx.db, now, a.id, { status: 'canceled', message: 'Refunded to the card.' }));
}
