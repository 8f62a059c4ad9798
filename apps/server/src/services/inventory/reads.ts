import { AppError, type StockLevelsInput, type StockMovementsInput } from '@makeries/shared';
import { and, asc, desc, eq, gt, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { inventoryLevels, inventoryMovements, products, stockAlerts, variants } from '../../db/schema/index';

export interface StockLevel {
  variantId: string;
  productId: string;
  productName: string;
  variantName: string;
  sku: string;
  trackStock: boolean;
  lowStockThreshold: number;
  onHand: number;
  reserved: number;
  /** on_hand − reserved: what the storefront may still sell */
  available: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const onHand = sql<number>`coalesce(${inventoryLevels.onHand}, 0)`.mapWith(Number);
const reserved = sql<number>`coalesce(${inventoryLevels.reserved}, 0)`.mapWith(Number);

async function levelRows(db: DbOrTx, where: SQL | undefined, limit: number): Promise<Page<StockLevel>> {
  const rows = await db
    .select({
      variantId: variants.id,
      productId: variants.productId,
      productName: products.name,
      variantName: variants.name,
      sku: variants.sku,
      trackStock: variants.trackStock,
      lowStockThreshold: variants.lowStockThreshold,
      onHand,
      reserved,
    })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .leftJoin(inventoryLevels, eq(inventoryLevels.variantId, variants.id))
    .where(where)
    .orderBy(asc(variants.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit).map((r) => ({ ...r, available: r.onHand - r.reserved }));
  return { items: page, nextCursor: rows.length > limit ? (page.at(-1)?.variantId ?? null) : null };
}

const active = and(eq(variants.archived, false), eq(products.archived, false));

/** Levels per variant of the vendor. Archived variants/products are left out unless asked for by id. */
export async function listStockLevels(db: DbOrTx, vendorId: string, input: StockLevelsInput): Promise<Page<StockLevel>> {
  return levelRows(
    db,
    and(
      eq(variants.vendorId, vendorId),
      input.variantIds ? inArray(variants.id, input.variantIds) : active,
      input.productId ? eq(variants.productId, input.productId) : undefined,
      input.cursor ? gt(variants.id, input.cursor) : undefined,
    ),
    input.limit,
  );
}

/** Tracked, active variants at or below their low-stock level. */
export async function listLowStock(db: DbOrTx, vendorId: string, input: { cursor?: string | undefined; limit: number }): Promise<Page<StockLevel>> {
  return levelRows(
    db,
    and(
      eq(variants.vendorId, vendorId),
      active,
      eq(variants.trackStock, true),
      lte(onHand, variants.lowStockThreshold),
      input.cursor ? gt(variants.id, input.cursor) : undefined,
    ),
    input.limit,
  );
}

export interface StockMovement {
  id: string;
  kind: string;
  quantity: number;
  occurredAt: string;
  recordedAt: string;
  reference: string | null;
  note: string;
  staffId: string | null;
  deviceId: string | null;
}

function movementCursor(m: { occurredAt: Date; id: string }): string {
  return `${m.occurredAt.toISOString()}|${m.id}`;
}

function parseMovementCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = cursor.split('|');
  const date = new Date(at ?? '');
  if (!id || Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new AppError('BAD_INPUT', 'That page cursor is not valid; start again from the first page.');
  }
  return { at: date, id };
}

/** A variant's ledger, newest first (by when it happened). */
export async function listMovements(db: DbOrTx, vendorId: string, input: StockMovementsInput): Promise<Page<StockMovement>> {
  const [variant] = await db
    .select({ id: variants.id })
    .from(variants)
    .where(and(eq(variants.id, input.variantId), eq(variants.vendorId, vendorId)));
  if (!variant) throw new AppError('NOT_FOUND', 'That product variant does not exist.');
  const c = input.cursor ? parseMovementCursor(input.cursor) : undefined;
  const rows = await db
    .select()
    .from(inventoryMovements)
    .where(
      and(
        eq(inventoryMovements.variantId, input.variantId),
        eq(inventoryMovements.vendorId, vendorId),
        c
          ? or(lt(inventoryMovements.occurredAt, c.at), and(eq(inventoryMovements.occurredAt, c.at), lt(inventoryMovements.id, c.id)))
          : undefined,
      ),
    )
    .orderBy(desc(inventoryMovements.occurredAt), desc(inventoryMovements.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((m) => ({
      id: m.id,
      kind: m.kind,
      quantity: m.quantity,
      occurredAt: m.occurredAt.toISOString(),
      recordedAt: m.recordedAt.toISOString(),
      reference: m.reference,
      note: m.note,
      staffId: m.staffId,
      deviceId: m.deviceId,
    })),
    nextCursor: rows.length > input.limit && last ? movementCursor(last) : null,
  };
}

export interface StockAlert {
  id: string;
  variantId: string;
  productId: string;
  productName: string;
  variantName: string;
  kind: 'oversold' | 'low_stock';
  onHand: number;
  message: string;
  createdAt: string;
  resolvedAt: string | null;
}

const alertColumns = {
  id: stockAlerts.id,
  variantId: stockAlerts.variantId,
  productId: variants.productId,
  productName: products.name,
  variantName: variants.name,
  kind: stockAlerts.kind,
  onHand: stockAlerts.onHand,
  message: stockAlerts.message,
  createdAt: stockAlerts.createdAt,
  resolvedAt: stockAlerts.resolvedAt,
};

function alertOut(a: Omit<StockAlert, 'createdAt' | 'resolvedAt'> & { createdAt: Date; resolvedAt: Date | null }): StockAlert {
  return { ...a, createdAt: a.createdAt.toISOString(), resolvedAt: a.resolvedAt ? a.resolvedAt.toISOString() : null };
}

/** Open alerts (or all), newest first. */
export async function listStockAlerts(
  db: DbOrTx,
  vendorId: string,
  input: { includeResolved: boolean; cursor?: string | undefined; limit: number },
): Promise<Page<StockAlert>> {
  const rows = await db
    .select(alertColumns)
    .from(stockAlerts)
    .innerJoin(variants, eq(variants.id, stockAlerts.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    .where(
      and(
        eq(stockAlerts.vendorId, vendorId),
        input.includeResolved ? undefined : isNull(stockAlerts.resolvedAt),
        input.cursor ? lt(stockAlerts.id, input.cursor) : undefined,
      ),
    )
    .orderBy(desc(stockAlerts.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit).map(alertOut);
  return { items: page, nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null };
}

/** Staff acknowledge an alert; resolving twice is harmless. */
export async function resolveStockAlert(db: DbOrTx, vendorId: string, alertId: string): Promise<StockAlert> {
  await db
    .update(stockAlerts)
    .set({ resolvedAt: sql`now()` })
    .where(and(eq(stockAlerts.id, alertId), eq(stockAlerts.vendorId, vendorId), isNull(stockAlerts.resolvedAt)));
  const [row] = await db
    .select(alertColumns)
    .from(stockAlerts)
    .innerJoin(variants, eq(variants.id, stockAlerts.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    .where(and(eq(stockAlerts.id, alertId), eq(stockAlerts.vendorId, vendorId)));
  if (!row) throw new AppError('NOT_FOUND', 'That stock alert does not exist.');
  return alertOut(row);
}
