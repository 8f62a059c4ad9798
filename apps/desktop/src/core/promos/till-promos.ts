import { AppError, formatDate, formatMoney, promoCodeEntrySchema, type PromoRefusal } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { CoreContext } from '../context';
import { createCartModule } from '../cart/carts';
import { activeLines, requireOpenCart } from '../cart/store';
import { goodsBeforeAdjustments, type CartView } from '../cart/view';
import { vendorSettings } from '../catalog/vendor';
import { writeTx } from '../db/open';
import { carts, mirrorPromoCodes } from '../db/schema/index';
import { notFound, parseInput } from '../errors';
import { requireStaff } from '../staff/auth';
import { promoShortfall, type TillPromo } from './cart-promo';

export const tillPromoApplyInput = z.object({ code: promoCodeEntrySchema });

const refuse = (refusal: PromoRefusal, message: string) => new AppError('PROMO_NOT_APPLICABLE', message, { details: { refusal } });

/**
 * Promo codes at the till (issue 18): the shop's own codes, as this counter last synced them (the change feed keeps
 * them current while online), so a code works the same online and offline. Uses and limits are the server's: a sale
 * past a limit is never refused here — the server records it on sync and reports the over-use to the shop.
 */
function createTillPromoModule(ctx: CoreContext) {
  const cart = createCartModule(ctx);

  function synced(code: string): TillPromo & { active: boolean; startsAt: string | null; endsAt: string | null } {
    const row = ctx.db.select().from(mirrorPromoCodes).where(eq(mirrorPromoCodes.code, code)).get();
    if (!row) {
      const where = ctx.connectivity.online ? '' : ' (offline: only codes this counter has synced work)';
      throw refuse('unknown', `${code} is not one of this shop's promo codes${where}. Check the spelling.`);
    }
    const discount = row.discountKind === 'percent' ? { kind: 'percent' as const, bps: row.percentBps } : { kind: 'amount' as const, amountCents: row.amountCents };
    return {
      promoId: row.id, code: row.code, description: row.description, discount, minBasketCents: row.minBasketCents,
      firstOrderOnly: row.firstOrderOnly, active: row.active, startsAt: row.startsAt ?? null, endsAt: row.endsAt ?? null,
    };
  }

  function setPromo(value: TillPromo | null): CartView {
    writeTx(ctx.db, () => {
      const open = requireOpenCart(ctx.db);
      ctx.db.update(carts).set({ promo: value ? JSON.stringify(value) : null }).where(eq(carts.id, open.id)).run();
    });
    const view = cart.current();
    if (!view) throw notFound('There is no open sale.');
    return view;
  }

  return {
    /** Applies a code to the open sale; a code that does not apply is refused with the reason and nothing written. */
    apply(input: { code: string }): CartView {
      const { code } = parseInput(tillPromoApplyInput, input);
      requireStaff(ctx);
      const view = cart.current();
      if (!view || view.lines.length === 0) throw refuse('below_minimum', `Add something to the sale before the code ${code}.`);
      const p = synced(code);
      const now = ctx.now();
      if (!p.active) throw refuse('inactive', `The code ${p.code} is no longer active.`);
      if (p.startsAt && Date.parse(p.startsAt) > now) throw refuse('not_started', `The code ${p.code} starts on ${formatDate(p.startsAt, 'dayMonthYear')}.`);
      if (p.endsAt && Date.parse(p.endsAt) <= now) throw refuse('expired', `The code ${p.code} expired on ${formatDate(p.endsAt, 'dayMonthYear')}.`);
      const vendor = vendorSettings(ctx.db);
      const open = requireOpenCart(ctx.db);
      const goods = goodsBeforeAdjustments(vendor, open, activeLines(ctx.db, open.id));
      const short = promoShortfall(p, goods, view.customerId, (c) => formatMoney(c, vendor.currency));
      if (short) throw refuse(p.firstOrderOnly && !view.customerId ? 'first_order_only' : 'below_minimum', short);
      return setPromo({ promoId: p.promoId, code: p.code, description: p.description, discount: p.discount, minBasketCents: p.minBasketCents, firstOrderOnly: p.firstOrderOnly });
    },

    remove(): CartView {
      requireStaff(ctx);
      return setPromo(null);
    },
  };
}

export type TillPromoModule = ReturnType<typeof createTillPromoModule>;
const modules = new WeakMap<CoreContext, TillPromoModule>();

export function tillPromosOf(ctx: CoreContext): TillPromoModule {
  let m = modules.get(ctx);
  if (!m) {
    m = createTillPromoModule(ctx);
    modules.set(ctx, m);
  }
  return m;
}
