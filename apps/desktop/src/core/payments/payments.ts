import { AppError } from '@makeries/shared';
import type { CoreContext } from '../context';
import { writeTx } from '../db/open';
import { openCart, requireOpenCart } from '../cart/store';
import { requirePaired } from '../device/device';
import { conflict, parseInput } from '../errors';
import type { SaleView } from '../sales/views';
import type { CompleteSaleInput } from '../schemas/sale';
import { requireStaff } from '../staff/auth';
import { beginAttempt, cancelAttempt, OFFLINE_REASON, pollAttempt, releaseAttempt, requireOnline, sendToReader } from './attempt-flow';
import type { CardReader, PaymentsGateway } from './gateway';
import { attemptIdInput, completeWithCardsInput, registerReaderInput, startCardInput, type CompleteWithCardsInput, type RegisterReaderInput, type StartCardInput } from './schemas';
import { IN_PROGRESS, latestAttempt, moveAttempt, openAttempts, type CardAttemptRow } from './store';

export interface CardAvailability {
  available: boolean;
  /** why not, as a code for the UI (registering a reader is possible when the only problem is `no_reader`) */
  blocked: 'unpaired' | 'offline' | 'not_configured' | 'unreachable' | 'no_reader' | null;
  /** why not, in words for staff */
  reason: string | null;
  readers: CardReader[];
}

export interface CartCardPayments {
  cartId: string;
  /** taken on the reader, not on a sale yet: they pay part of this cart */
  paid: CardAttemptRow[];
  paidCents: number;
  /** on the reader now (or sent without an answer yet) */
  active: CardAttemptRow | null;
  /** the most recent attempt, for its message (declined, cancelled…) */
  last: CardAttemptRow | null;
}

export interface PaymentsDeps {
  gateway: PaymentsGateway;
  /** the facade's sales.complete (with its drawer kick) */
  completeSale(input: CompleteSaleInput): SaleView;
}

/**
 * Card payments on a Stripe Terminal reader for the open cart (DESIGN §5): only online, never silently tried
 * offline. Every attempt is a row in `card_attempts` written before the reader is asked, so a crash mid-payment
 * leaves it on the cart to resume, record or cancel; a sale records taken card payments in its own transaction.
 */
export function createPaymentsModule(ctx: CoreContext, deps: PaymentsDeps) {
  const { gateway } = deps;

  const cardPayments = (cartId: string): CartCardPayments => {
    const open = openAttempts(ctx.db, cartId);
    const paid = open.filter((a) => a.status === 'succeeded');
    return {
      cartId,
      paid,
      paidCents: paid.reduce((s, a) => s + a.amountCents, 0),
      active: open.find((a) => IN_PROGRESS.includes(a.status)) ?? null,
      last: latestAttempt(ctx.db, cartId) ?? null,
    };
  };

  return {
    /** Whether the "Card (reader)" button works now, and if not, why (offline, not set up, no reader). */
    async availability(): Promise<CardAvailability> {
      requireStaff(ctx);
      const none = (blocked: NonNullable<CardAvailability['blocked']>, reason: string): CardAvailability => ({ available: false, blocked, reason, readers: [] });
      if (!requirePairedOrNull(ctx)) return none('unpaired', 'This counter is not paired with the marketplace, so it cannot take cards on a reader.');
      if (!ctx.connectivity.online) return none('offline', OFFLINE_REASON);
      try {
        const s = await gateway.status();
        if (!s.terminalAvailable) {
          return none(
            'not_configured',
            s.cardConfigured
              ? 'This shop’s Stripe account cannot take card payments yet. Take cash or use the card machine.'
              : 'Card payments are not set up for this shop. Take cash or use the card machine.',
          );
        }
        const readers = await gateway.readers();
        if (readers.length === 0) return none('no_reader', 'No card reader is registered yet. A manager can add one in Settings → Card readers.');
        return { available: true, blocked: null, reason: null, readers };
      } catch (e) {
        const refused = e instanceof AppError && e.details?.cardService === 'refused';
        return none(refused ? 'not_configured' : 'unreachable', refused && e instanceof AppError ? e.message : 'Cannot reach the card service right now. Take cash or use the card machine.');
      }
    },

    async readers(): Promise<CardReader[]> {
      requireStaff(ctx);
      requirePaired(ctx.db);
      requireOnline(ctx);
      return gateway.readers();
    },

    async registerReader(input: RegisterReaderInput): Promise<CardReader> {
      const p = parseInput(registerReaderInput, input);
      requireStaff(ctx);
      requirePaired(ctx.db);
      requireOnline(ctx);
      return gateway.registerReader(p);
    },

    /** The card payments of the open cart (after a restart too), or null with no cart open. */
    current(): CartCardPayments | null {
      requireStaff(ctx);
      const cart = openCart(ctx.db);
      return cart ? cardPayments(cart.id) : null;
    },

    /** Puts `amountCents` of the open cart on the reader; answers with the attempt (usually `waiting`). */
    async start(input: StartCardInput): Promise<CardAttemptRow> {
      const p = parseInput(startCardInput, input);
      requireStaff(ctx);
      requirePaired(ctx.db);
      requireOnline(ctx);
      return sendToReader(ctx, gateway, beginAttempt(ctx, p));
    },

    poll: (input: { attemptId: string }) => withStaff(ctx, () => pollAttempt(ctx, gateway, parseInput(attemptIdInput, input).attemptId)),
    cancel: (input: { attemptId: string }) => withStaff(ctx, () => cancelAttempt(ctx, gateway, parseInput(attemptIdInput, input).attemptId)),
    /** A card payment taken for a sale that will not go ahead goes back to the card. */
    release: (input: { attemptId: string }) => withStaff(ctx, () => releaseAttempt(ctx, gateway, parseInput(attemptIdInput, input).attemptId)),

    /**
     * Completes the open cart with every card payment taken on the reader plus `tenders` (cash, card machine),
     * and marks those attempts recorded on the sale, all in one transaction: a crash leaves either the open cart
     * with its taken card payments, or the sale with them — never a half-paid sale.
     */
    complete(input: CompleteWithCardsInput): SaleView {
      const p = parseInput(completeWithCardsInput, input);
      requireStaff(ctx);
      const now = ctx.now();
      return writeTx(ctx.db, () => {
        const cart = requireOpenCart(ctx.db);
        if (cart.id !== p.cartId) throw conflict('The sale on screen is no longer the open one. Refresh and try again.');
        const mine = cardPayments(cart.id);
        if (mine.active) throw conflict('A card payment is still on the reader. Wait for it, or cancel it first.');
        const cards = mine.paid.map((a) => ({ kind: 'stripe_terminal' as const, amountCents: a.amountCents, reference: a.paymentIntentId ?? '' }));
        const tenders = [...cards, ...p.tenders];
        if (tenders.length === 0) throw new AppError('BAD_INPUT', 'Choose how the customer pays.');
        const sale = recordingTakenCards(ctx, () => deps.completeSale({ cartId: cart.id, tenders }));
        for (const a of mine.paid) moveAttempt(ctx.db, now, a.id, { status: 'recorded', saleId: sale.id });
        return sale;
      });
    },
  };
}

function requirePairedOrNull(ctx: CoreContext): boolean {
  try {
    requirePaired(ctx.db);
    return true;
  } catch {
    return false;
  }
}

async function withStaff<T>(ctx: CoreContext, fn: () => Promise<T>): Promise<T> {
  requireStaff(ctx);
  return fn();
}

/**
 * sales.complete refuses Stripe tenders while offline, so that a card is never *attempted* offline. These
 * payments were already taken on the reader (the server confirmed them), so recording them must work even if
 * the connection dropped since — otherwise the customer's money would sit on no sale.
 */
function recordingTakenCards<T>(ctx: CoreContext, fn: () => T): T {
  const was = ctx.connectivity.online;
  ctx.connectivity.online = true;
  try {
    return fn();
  } finally {
    ctx.connectivity.online = was;
  }
}
