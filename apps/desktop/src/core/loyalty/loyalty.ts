import { AppError, loyaltyBestRedemption, loyaltyEarned, loyaltyRedemption, type SaleLoyalty } from '@makeries/shared';
import { z } from 'zod';
import type { CoreContext } from '../context';
import { createCartModule } from '../cart/carts';
import type { CartView } from '../cart/view';
import { requireOpenCart } from '../cart/store';
import { writeTx } from '../db/open';
import { carts } from '../db/schema/index';
import { conflict, notFound, parseInput } from '../errors';
import { requireStaff } from '../staff/auth';
import { counterServerApi, online } from '../store/server-api';
import { eq } from 'drizzle-orm';
import { cardOf, findCachedCard, rememberCard, type CounterCard } from './cards';
import { cartRedemption } from './cart-loyalty';

const OFFLINE = 'Offline: showing the balance this counter last had from the marketplace. The sale still counts; the card is updated when the counter syncs.';

export const loyaltyLookupInput = z.object({ query: z.string().trim().min(3, 'Type the full phone number or email, or scan the QR code').max(300) });
export const loyaltyRedeemInput = z.object({
  /** stamps or points to use; absent = the most the card and the basket allow */
  units: z.number().int('Use a whole number of stamps or points').min(1, 'Use at least 1 stamp or point').max(10_000_000).optional(),
});

interface LoyaltyCurrent {
  card: CounterCard | null;
  redemption: SaleLoyalty | null;
  /** what the sale on screen will earn (the server records it when the sale syncs) */
  expectedEarn: number;
  online: boolean;
}

/**
 * Loyalty at the till (issue 18): find a customer's card (online by QR, phone or email; offline only cards this
 * counter knows), redeem on the open sale, show the expected earning. Never refused for the balance offline:
 * the server records the redemption on sync and reports a card taken below zero.
 */
function createLoyaltyModule(ctx: CoreContext, opts: { fetch?: typeof fetch } = {}) {
  const cart = createCartModule(ctx);
  const api = () => counterServerApi(ctx.sqlite, opts.fetch);

  async function refresh(customerId: string): Promise<CounterCard | null> {
    const cached = cardOf(ctx, customerId);
    try {
      const fresh = await online(OFFLINE, () => api().loyalty.counterBalance.query({ customerId }));
      if (!cached) return null;
      return rememberCard(ctx, { customer: cached.customer, programme: fresh.programme, units: fresh.units });
    } catch (e) {
      if (e instanceof AppError && e.details?.reason === 'offline') return cached;
      throw e;
    }
  }

  function current(): LoyaltyCurrent {
    const view = cart.current();
    const card = view?.customerId ? cardOf(ctx, view.customerId) : null;
    const row = view ? requireOpenCart(ctx.db) : null;
    const redemption = row ? cartRedemption(row) : null;
    const expectedEarn = card && view ? loyaltyEarned(card.programme, view.totals.totalCents) : 0;
    return { card, redemption, expectedEarn, online: ctx.connectivity.online };
  }

  function setRedemption(value: SaleLoyalty | null): CartView {
    writeTx(ctx.db, () => {
      const open = requireOpenCart(ctx.db);
      const stored = value ? JSON.stringify({ ...value, customerId: open.customerId }) : null;
      ctx.db.update(carts).set({ loyalty: stored }).where(eq(carts.id, open.id)).run();
    });
    const view = cart.current();
    if (!view) throw notFound('There is no open sale.');
    return view;
  }

  return {
    /** Finds a customer's card: online from the marketplace (and remembered), offline from this counter's cards. */
    async lookup(input: { query: string }): Promise<(CounterCard & { offline: boolean }) | null> {
      const { query } = parseInput(loyaltyLookupInput, input);
      requireStaff(ctx);
      try {
        const found = await online(OFFLINE, () => api().loyalty.counterLookup.query({ query }));
        return found ? { ...rememberCard(ctx, found), offline: false } : null;
      } catch (e) {
        if (!(e instanceof AppError && e.details?.reason === 'offline')) throw e;
        const cached = findCachedCard(ctx, query);
        if (!cached) throw conflict('Offline, and this counter has not seen that customer before. Sell without the card; ask them to show it next time.', { reason: 'offline' });
        return { ...cached, offline: true };
      }
    },

    current,

    /** Checks the attached customer's balance online (offline: the last one this counter had). */
    async refresh(): Promise<LoyaltyCurrent> {
      requireStaff(ctx);
      const id = cart.current()?.customerId;
      if (id) await refresh(id);
      return current();
    },

    /**
     * Puts a redemption on the open sale: whole rewards for stamps, points as asked. Online the balance is checked
     * fresh and a redemption beyond it refused; offline the last known balance (plus this till's later sales) is
     * the limit shown, and the server has the final word on sync.
     */
    async redeem(input: { units?: number | undefined }): Promise<LoyaltyCurrent> {
      const p = parseInput(loyaltyRedeemInput, input);
      requireStaff(ctx);
      const view = cart.current();
      if (!view?.customerId) throw conflict('Add the customer to the sale first (find them by phone, email or their QR code).');
      const card = (await refresh(view.customerId)) ?? cardOf(ctx, view.customerId);
      if (!card) throw conflict('Look the customer’s card up first (by phone, email or QR code).');
      if (card.programme.kind === 'off') throw conflict('This shop has no loyalty programme. Set one up in the back office.');
      const basket = view.totals.totalCents + (cartRedemption(requireOpenCart(ctx.db))?.cents ?? 0);
      const asked = p.units === undefined ? loyaltyBestRedemption(card.programme, card.units, basket) : loyaltyRedemption(card.programme, p.units);
      if (asked.units === 0) {
        throw new AppError('BAD_INPUT', card.programme.kind === 'stamps' ? `A reward takes ${card.programme.stampsForReward} stamps; the card has ${card.units}.` : 'Not enough points for any discount yet.');
      }
      if (asked.units > card.units) {
        throw new AppError('DISCOUNT_TOO_LARGE', `The card has ${card.units} ${card.programme.kind}; ${asked.units} cannot be used.`, { details: { balance: card.units } });
      }
      setRedemption({ scheme: card.programme.kind, units: asked.units, cents: asked.cents });
      return current();
    },

    removeRedemption(): LoyaltyCurrent {
      requireStaff(ctx);
      setRedemption(null);
      return current();
    },
  };
}

export type LoyaltyModule = ReturnType<typeof createLoyaltyModule>;
const modules = new WeakMap<CoreContext, LoyaltyModule>();

export function loyaltyOf(ctx: CoreContext, opts: { fetch?: typeof fetch } = {}): LoyaltyModule {
  let m = modules.get(ctx);
  if (!m) {
    m = createLoyaltyModule(ctx, opts);
    modules.set(ctx, m);
  }
  return m;
}
