import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { AppError, uuidv7 } from '@makeries/shared';
import { isoAt } from '../context';
import type { CounterDb } from '../db/open';
import { preparedFor } from '../db/prepared';
import { cartLines, carts } from '../db/schema/index';

export type CartRow = typeof carts.$inferSelect;
export type CartLineRow = typeof cartLines.$inferSelect;

const p = (name: string) => sql.placeholder(name);
/** placeholders in UPDATE … SET need wrapping in sql`` for drizzle's types */
const ps = (name: string) => sql`${sql.placeholder(name)}`;

export const cartQueries = preparedFor((db) => ({
  open: db.select().from(carts).where(eq(carts.status, 'open')).orderBy(asc(carts.createdAt)).prepare(),
  byId: db.select().from(carts).where(eq(carts.id, p('id'))).prepare(),
  insert: db
    .insert(carts)
    .values({ id: p('id'), status: 'open', staffId: p('staffId'), createdAt: p('at'), updatedAt: p('at') })
    .prepare(),
  touch: db.update(carts).set({ updatedAt: ps('at') }).where(eq(carts.id, p('id'))).prepare(),
  activeLines: db
    .select()
    .from(cartLines)
    .where(and(eq(cartLines.cartId, p('cartId')), isNull(cartLines.voidedAt)))
    .orderBy(asc(cartLines.position))
    .prepare(),
  openLine: db
    .select()
    .from(cartLines)
    .where(and(eq(cartLines.id, p('id')), eq(cartLines.cartId, p('cartId')), isNull(cartLines.voidedAt)))
    .prepare(),
  nextPosition: db
    .select({ n: sql<number>`coalesce(max(${cartLines.position}), 0) + 1` })
    .from(cartLines)
    .where(eq(cartLines.cartId, p('cartId')))
    .prepare(),
  /** same variant, same price, no discount or note: a repeat scan bumps this line */
  mergeTarget: db
    .select()
    .from(cartLines)
    .where(
      and(
        eq(cartLines.cartId, p('cartId')),
        eq(cartLines.variantId, p('variantId')),
        eq(cartLines.soldBy, 'each'),
        eq(cartLines.unitPriceCents, p('price')),
        isNull(cartLines.voidedAt),
        isNull(cartLines.discountKind),
        eq(cartLines.note, ''),
      ),
    )
    .prepare(),
  insertLine: db
    .insert(cartLines)
    .values({
      id: p('id'),
      cartId: p('cartId'),
      position: p('position'),
      productId: p('productId'),
      variantId: p('variantId'),
      name: p('name'),
      variantName: p('variantName'),
      sku: p('sku'),
      scannedCode: p('scannedCode'),
      soldBy: p('soldBy'),
      unitPriceCents: p('unitPriceCents'),
      quantity: p('quantity'),
      taxRatesBps: p('taxRatesBps'),
      trackStock: p('trackStock'),
      createdAt: p('createdAt'),
    })
    .prepare(),
  setQuantity: db.update(cartLines).set({ quantity: ps('quantity') }).where(eq(cartLines.id, p('id'))).prepare(),
}));

export function openCart(db: CounterDb): CartRow | undefined {
  return cartQueries(db).open.get();
}

/** The register has one open cart at a time; the first item scanned starts it. */
export function ensureOpenCart(db: CounterDb, staffId: string, nowMs: number): CartRow {
  const cur = openCart(db);
  if (cur) return cur;
  cartQueries(db).insert.run({ id: uuidv7(nowMs), staffId, at: isoAt(nowMs) });
  const created = openCart(db);
  if (!created) throw new AppError('INTERNAL', 'Could not start a cart.');
  return created;
}

export function requireOpenCart(db: CounterDb): CartRow {
  const cur = openCart(db);
  if (!cur) throw new AppError('NOT_FOUND', 'There is no sale in progress. Scan an item to start one.');
  return cur;
}

export function cartById(db: CounterDb, cartId: string): CartRow | undefined {
  return cartQueries(db).byId.get({ id: cartId });
}

export function activeLines(db: CounterDb, cartId: string): CartLineRow[] {
  return cartQueries(db).activeLines.all({ cartId });
}

/** A line of the open cart (voided lines are history, not editable). */
export function requireOpenLine(db: CounterDb, lineId: string): { cart: CartRow; line: CartLineRow } {
  const cart = requireOpenCart(db);
  const line = cartQueries(db).openLine.get({ id: lineId, cartId: cart.id });
  if (!line) throw new AppError('NOT_FOUND', 'That line is not in the current sale (it may have been voided).');
  return { cart, line };
}

export function nextPosition(db: CounterDb, cartId: string): number {
  return cartQueries(db).nextPosition.get({ cartId })?.n ?? 1;
}

export function touchCart(db: CounterDb, cartId: string, nowMs: number): void {
  cartQueries(db).touch.run({ id: cartId, at: isoAt(nowMs) });
}
