import {
  AppError,
  uuidv7,
  type CreateMarketplacePromoInput,
  type CreateShopPromoInput,
  type ListPromosInput,
  type PromoPage,
  type PromoRedemptionPage,
  type PromoView,
  type UpdatePromoInput,
} from '@makeries/shared';
import { and, desc, eq, inArray, isNull, lt, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { orders, promoCodes, promoRedemptions, vendors } from '../../db/schema/index';
import type { PromoRow } from './rules';

/** Whose codes a caller manages: one shop's (owner/manager) or the marketplace's (operator). */
export type PromoScope = { kind: 'shop'; vendorId: string } | { kind: 'marketplace' };

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function scopeWhere(scope: PromoScope): SQL {
  return scope.kind === 'shop' ? eq(promoCodes.vendorId, scope.vendorId) : isNull(promoCodes.vendorId);
}

function toPromoView(r: PromoRow): PromoView {
  return {
    id: r.id,
    code: r.code,
    description: r.description,
    fundedBy: r.fundedBy,
    vendorId: r.vendorId,
    shopIds: r.shopIds,
    discount: r.discountKind === 'percent' ? { kind: 'percent', bps: r.percentBps } : { kind: 'amount', amountCents: r.amountCents },
    minBasketCents: r.minBasketCents,
    firstOrderOnly: r.firstOrderOnly,
    perCustomerLimit: r.perCustomerLimit,
    totalLimit: r.totalLimit,
    startsAt: r.startsAt?.toISOString() ?? null,
    endsAt: r.endsAt?.toISOString() ?? null,
    active: r.active,
    uses: r.uses,
    discountCents: r.discountGivenCents,
    overLimitUses: r.overLimitUses,
    createdAt: r.createdAt.toISOString(),
  };
}

function ruleValues(input: CreateShopPromoInput) {
  return {
    code: input.code,
    description: input.description,
    discountKind: input.discount.kind,
    percentBps: input.discount.kind === 'percent' ? input.discount.bps : 0,
    amountCents: input.discount.kind === 'amount' ? input.discount.amountCents : 0,
    minBasketCents: input.minBasketCents,
    firstOrderOnly: input.firstOrderOnly,
    perCustomerLimit: input.perCustomerLimit,
    totalLimit: input.totalLimit,
    startsAt: input.startsAt ? new Date(input.startsAt) : null,
    endsAt: input.endsAt ? new Date(input.endsAt) : null,
  };
}

async function assertCodeFree(db: DbOrTx, scope: PromoScope, code: string): Promise<void> {
  const [clash] = await db.select({ id: promoCodes.id }).from(promoCodes).where(and(scopeWhere(scope), eq(promoCodes.code, code))).limit(1);
  if (clash) throw new AppError('DUPLICATE', `There is already a code ${code}. Choose another name.`, { issues: [{ path: 'code', message: 'Already used' }] });
}

export async function createShopPromo(db: DbOrTx, vendorId: string, staffId: string | null, input: CreateShopPromoInput): Promise<PromoView> {
  await assertCodeFree(db, { kind: 'shop', vendorId }, input.code);
  const [row] = await db
    .insert(promoCodes)
    .values({ id: uuidv7(), fundedBy: 'shop', vendorId, createdByStaffId: staffId, ...ruleValues(input) })
    .returning();
  if (!row) throw new AppError('INTERNAL', 'The code was not saved.');
  return toPromoView(row);
}

export async function createMarketplacePromo(db: DbOrTx, operatorId: string, input: CreateMarketplacePromoInput): Promise<PromoView> {
  await assertCodeFree(db, { kind: 'marketplace' }, input.code);
  const shopIds = [...new Set(input.shopIds)];
  if (shopIds.length > 0) {
    const found = await db.select({ id: vendors.id }).from(vendors).where(inArray(vendors.id, shopIds));
    if (found.length !== shopIds.length) {
      throw new AppError('BAD_INPUT', 'One of the chosen shops does not exist.', { issues: [{ path: 'shopIds', message: 'Unknown shop' }] });
    }
  }
  const [row] = await db
    .insert(promoCodes)
    .values({ id: uuidv7(), fundedBy: 'marketplace', vendorId: null, shopIds, createdByOperatorId: operatorId, ...ruleValues(input) })
    .returning();
  if (!row) throw new AppError('INTERNAL', 'The code was not saved.');
  return toPromoView(row);
}

/** One code of the scope, locked for an update; another shop's code is NOT_FOUND (never revealed). */
async function promoInScope(db: DbOrTx, scope: PromoScope, promoId: string): Promise<PromoRow> {
  const [row] = await db.select().from(promoCodes).where(and(eq(promoCodes.id, promoId), scopeWhere(scope))).limit(1).for('update');
  if (!row) throw new AppError('NOT_FOUND', 'We could not find that promo code.');
  return row;
}

export async function updatePromo(db: DbOrTx, scope: PromoScope, input: UpdatePromoInput): Promise<{ before: PromoView; after: PromoView }> {
  const before = await promoInScope(db, scope, input.promoId);
  const set: Partial<typeof promoCodes.$inferInsert> = { updatedAt: new Date() };
  if (input.active !== undefined) set.active = input.active;
  if (input.description !== undefined) set.description = input.description;
  if (input.endsAt !== undefined) set.endsAt = input.endsAt ? new Date(input.endsAt) : null;
  if (input.totalLimit !== undefined) set.totalLimit = input.totalLimit;
  if (input.perCustomerLimit !== undefined) set.perCustomerLimit = input.perCustomerLimit;
  const endsAt = set.endsAt === undefined ? before.endsAt : set.endsAt;
  if (endsAt && before.startsAt && endsAt <= before.startsAt) {
    throw new AppError('BAD_INPUT', 'The end must be after the start.', { issues: [{ path: 'endsAt', message: 'Before the start' }] });
  }
  const [after] = await db.update(promoCodes).set(set).where(eq(promoCodes.id, before.id)).returning();
  if (!after) throw new AppError('INTERNAL', 'The code was not saved.');
  return { before: toPromoView(before), after: toPromoView(after) };
}

function cursorWhere(column: typeof promoCodes.id | typeof promoRedemptions.id, cursor: string | undefined): SQL | undefined {
  if (cursor === undefined) return undefined;
  if (!UUID_RE.test(cursor)) throw new AppError('BAD_INPUT', 'This page link is not valid. Go back to the first page.', { issues: [{ path: 'cursor', message: 'Not a page link' }] });
  return lt(column, cursor);
}

/** Newest first, paged by id (UUIDv7 ids are in creation order). */
export async function listPromos(db: DbOrTx, scope: PromoScope, input: ListPromosInput): Promise<PromoPage> {
  const where = [scopeWhere(scope), cursorWhere(promoCodes.id, input.cursor)];
  if (input.activeOnly) where.push(eq(promoCodes.active, true));
  const rows = await db.select().from(promoCodes).where(and(...where)).orderBy(desc(promoCodes.id)).limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  return { items: page.map(toPromoView), nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null };
}

/** A code's redemptions (orders and counter sales that used it), newest first, over-limit ones flagged. */
export async function listRedemptions(db: DbOrTx, scope: PromoScope, input: { promoId: string; cursor?: string | undefined; limit: number }): Promise<PromoRedemptionPage> {
  const [promo] = await db.select({ id: promoCodes.id }).from(promoCodes).where(and(eq(promoCodes.id, input.promoId), scopeWhere(scope))).limit(1);
  if (!promo) throw new AppError('NOT_FOUND', 'We could not find that promo code.');
  const rows = await db
    .select({ r: promoRedemptions, number: orders.number })
    .from(promoRedemptions)
    .innerJoin(orders, eq(orders.id, promoRedemptions.orderId))
    .where(and(eq(promoRedemptions.promoCodeId, promo.id), cursorWhere(promoRedemptions.id, input.cursor)))
    .orderBy(desc(promoRedemptions.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  return {
    items: page.map(({ r, number }) => ({
      id: r.id,
      orderId: r.orderId,
      orderNumber: number,
      vendorId: r.vendorId,
      channel: r.channel,
      discountCents: r.discountCents,
      overLimit: r.overLimit,
      createdAt: r.createdAt.toISOString(),
    })),
    nextCursor: rows.length > input.limit ? (page.at(-1)?.r.id ?? null) : null,
  };
}
