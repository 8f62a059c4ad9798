import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { AppError } from '@makeries/shared';
import { isoAt, type CoreContext } from '../context';
import { cardAttempts, cartLines, carts } from '../db/schema/index';
import { conflict, notFound, parseInput } from '../errors';
import { attachCustomerInput, cartIdInput, cartNoteInput, parkInput } from '../schemas/cart';
import { logActivity } from '../staff/activity';
import { requireStaff } from '../staff/auth';
import { setLineDiscount, setOrderDiscount } from './discounts';
import { addScan, addVariant, setLineNote, setQuantity, voidLine } from './lines';
import { activeLines, cartById, openCart, requireOpenCart, touchCart } from './store';
import { buildCartView, type CartView } from './view';
import { writeTx } from '../db/open';

export interface ParkedCart {
  id: string;
  label: string;
  staffId: string;
  lineCount: number;
  totalCents: number;
  parkedAt: string;
}

export function createCartModule(ctx: CoreContext) {
  const updateOpen = (set: Partial<typeof carts.$inferInsert>): CartView => {
    requireStaff(ctx);
    const now = ctx.now();
    return writeTx(ctx.db, () => {
      const cart = requireOpenCart(ctx.db);
      ctx.db.update(carts).set(set).where(eq(carts.id, cart.id)).run();
      touchCart(ctx.db, cart.id, now);
      return buildCartView(ctx.db, requireOpenCart(ctx.db));
    });
  };

  return {
    /** The sale in progress, or null before the first item is scanned. */
    current(): CartView | null {
      const cart = openCart(ctx.db);
      return cart ? buildCartView(ctx.db, cart) : null;
    },

    addScan: (input: Parameters<typeof addScan>[1]) => addScan(ctx, input),
    addVariant: (input: Parameters<typeof addVariant>[1]) => addVariant(ctx, input),
    setQuantity: (input: { lineId: string; quantity: number }) => setQuantity(ctx, input),
    voidLine: (input: { lineId: string }) => voidLine(ctx, input),
    setLineNote: (input: { lineId: string; note: string }) => setLineNote(ctx, input),
    setLineDiscount: (input: Parameters<typeof setLineDiscount>[1]) => setLineDiscount(ctx, input),
    setOrderDiscount: (input: Parameters<typeof setOrderDiscount>[1]) => setOrderDiscount(ctx, input),

    setNote: (input: { note: string }): CartView => updateOpen({ note: parseInput(cartNoteInput, input).note }),

    attachCustomer(input: { customerId: string | null; name?: string }): CartView {
      const p = parseInput(attachCustomerInput, input);
      return updateOpen({ customerId: p.customerId, customerName: p.customerId ? (p.name ?? null) : null });
    },

    /** Puts the sale aside (customer fetching their wallet) so the next customer can be served. */
    park(input: { label?: string } = {}): ParkedCart {
      const p = parseInput(parkInput, input);
      requireStaff(ctx);
      const now = ctx.now();
      return writeTx(ctx.db, () => {
        const cart = requireOpenCart(ctx.db);
        const view = buildCartView(ctx.db, cart);
        if (view.lines.length === 0) throw new AppError('BAD_INPUT', 'There is nothing to park: the cart is empty.');
        ctx.db.update(carts).set({ status: 'parked', parkedLabel: p.label, updatedAt: isoAt(now) }).where(eq(carts.id, cart.id)).run();
        return { id: cart.id, label: p.label, staffId: cart.staffId, lineCount: view.lines.length, totalCents: view.totals.totalCents, parkedAt: isoAt(now) };
      });
    },

    parked(): ParkedCart[] {
      return ctx.db
        .select()
        .from(carts)
        .where(eq(carts.status, 'parked'))
        .orderBy(desc(carts.updatedAt))
        .all()
        .map((c) => {
          const v = buildCartView(ctx.db, c);
          return { id: c.id, label: c.parkedLabel ?? '', staffId: c.staffId, lineCount: v.lines.length, totalCents: v.totals.totalCents, parkedAt: c.updatedAt };
        });
    },

    /** Brings a parked sale back. An open cart with items must be finished or parked first. */
    resume(input: { cartId: string }): CartView {
      const p = parseInput(cartIdInput, input);
      requireStaff(ctx);
      const now = ctx.now();
      return writeTx(ctx.db, () => {
        const target = cartById(ctx.db, p.cartId);
        if (!target || target.status !== 'parked') throw notFound('That parked sale no longer exists.');
        const cur = openCart(ctx.db);
        if (cur && activeLines(ctx.db, cur.id).length > 0) throw conflict('Finish or park the current sale before resuming another.');
        if (cur) {
          // an empty cart is just a placeholder; it has no lines and nothing refers to it
          ctx.db.delete(cartLines).where(eq(cartLines.cartId, cur.id)).run();
          ctx.db.delete(carts).where(eq(carts.id, cur.id)).run();
        }
        ctx.db.update(carts).set({ status: 'open', parkedLabel: null, updatedAt: isoAt(now) }).where(eq(carts.id, target.id)).run();
        return buildCartView(ctx.db, requireOpenCart(ctx.db));
      });
    },

    /** Abandons the sale before payment (DESIGN §3: void before completion). Kept for the audit trail. */
    voidCart(input: { reason?: string } = {}): void {
      const staff = requireStaff(ctx);
      const now = ctx.now();
      writeTx(ctx.db, () => {
        const cart = requireOpenCart(ctx.db);
        // the 0004 trigger refuses this too; asking first gives staff the reason in words, with a code
        const card = ctx.db
          .select({ id: cardAttempts.id })
          .from(cardAttempts)
          .where(and(eq(cardAttempts.cartId, cart.id), isNull(cardAttempts.saleId), inArray(cardAttempts.status, ['starting', 'waiting', 'succeeded'])))
          .get();
        if (card) throw conflict('This sale has a card payment on the reader or taken. Cancel it or refund it to the card before voiding the sale.');
        const n = activeLines(ctx.db, cart.id).length;
        ctx.db.update(carts).set({ status: 'voided', updatedAt: isoAt(now) }).where(eq(carts.id, cart.id)).run();
        logActivity(ctx.db, now, staff.staffId, 'void_cart', { cartId: cart.id, lines: n, reason: (input.reason ?? '').slice(0, 300) });
      });
    },
  };
}
