import { AppError, categoryEnsureInput, uuidv7, type CategoryEnsureInput, type TaxRateCreateInput, type TaxRateUpdateInput } from '@makeries/shared';
import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../db/client';
import { categories, taxRates } from '../db/schema/index';
import { uniqueViolation } from '../db/errors';
import { refreshProductDenorm } from './products/denorm';
import { recordSearchWords } from './search-words';

export interface CategorySummary {
  id: string;
  slug: string;
  name: string;
  sort: number;
  /** products a storefront visitor can see in this category, as of the last rollup refresh (every few minutes) */
  productCount: number;
}

/** more than any curated taxonomy has: the storefront shows them all as one row of chips */
const MAX_MARKET_CATEGORIES = 200;

/**
 * The marketplace taxonomy (not shops' own categories) with counts of publicly visible products (online, not
 * archived, approved vendor) as of the last rollup refresh.
 */
export async function listCategories(db: DbOrTx): Promise<CategorySummary[]> {
  // counts come from the rollup (services/rollups/refresh.ts, refreshed every few minutes), never from counting the
  // market's products per page view; the taxonomy itself is the operator's short curated list, capped all the same
  return queryRows<CategorySummary>(
    db,
    sql`SELECT c.id, c.slug, c.name, c.sort, coalesce(r.product_count, 0)::int AS "productCount"
        FROM categories c
        LEFT JOIN category_rollups r ON r.category_id = c.id
        WHERE c.vendor_id IS NULL
        ORDER BY c.sort, c.name
        LIMIT ${MAX_MARKET_CATEGORIES}`,
  );
}

/**
 * Creates or renames a marketplace category by slug (seeding and operator tooling only); returns its id. A rename is
 * written into its products' search text, and the name's words join the typo vocabulary.
 */
export async function ensureCategory(db: DbOrTx, input: CategoryEnsureInput): Promise<string> {
  const c = categoryEnsureInput.parse(input);
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ name: categories.name })
      .from(categories)
      .where(and(eq(categories.slug, c.slug), isNull(categories.vendorId)));
    const [row] = await tx
      .insert(categories)
      .values({ id: uuidv7(), slug: c.slug, name: c.name, sort: c.sort })
      .onConflictDoUpdate({ target: categories.slug, targetWhere: sql`vendor_id IS NULL`, set: { name: c.name, sort: c.sort } })
      .returning({ id: categories.id });
    if (!row) throw new AppError('INTERNAL', 'Could not save the category.');
    if (before?.name !== c.name) {
      await recordSearchWords(tx, [c.name]);
      if (before) await refreshProductDenorm(tx, { categoryId: row.id });
    }
    return row.id;
  });
}

// ---- tax rates ----

export interface TaxRate {
  id: string;
  taxClass: string;
  name: string;
  rateBps: number;
}

const rateColumns = { id: taxRates.id, taxClass: taxRates.taxClass, name: taxRates.name, rateBps: taxRates.rateBps };

export async function listTaxRates(db: DbOrTx, vendorId: string): Promise<TaxRate[]> {
  return db
    .select(rateColumns)
    .from(taxRates)
    .where(eq(taxRates.vendorId, vendorId))
    .orderBy(asc(taxRates.taxClass), asc(taxRates.name));
}

/** Every rate of a variant's tax class applies to it (e.g. VAT plus a local levy). */
export async function ratesForClasses(db: DbOrTx, vendorId: string): Promise<Map<string, number[]>> {
  const map = new Map<string, number[]>();
  for (const r of await listTaxRates(db, vendorId)) {
    const list = map.get(r.taxClass) ?? [];
    list.push(r.rateBps);
    map.set(r.taxClass, list);
  }
  return map;
}

async function assertNameFree(db: DbOrTx, vendorId: string, taxClass: string, name: string, exceptId?: string): Promise<void> {
  const [clash] = await db
    .select({ id: taxRates.id })
    .from(taxRates)
    .where(
      and(
        eq(taxRates.vendorId, vendorId),
        eq(taxRates.taxClass, taxClass),
        eq(taxRates.name, name),
        exceptId ? ne(taxRates.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  if (clash) throw duplicateRate(taxClass, name);
}

function duplicateRate(taxClass: string, name: string): AppError {
  return new AppError('DUPLICATE', `The ${taxClass} tax class already has a rate called "${name}".`, {
    details: { field: 'name', taxClass, name },
  });
}

async function guardUnique<T>(taxClass: string, name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    const constraint = uniqueViolation(e);
    if (constraint === 'tax_rates_pkey') throw new AppError('DUPLICATE', 'A tax rate with this id already exists.', { details: { field: 'id' } });
    if (constraint !== undefined) throw duplicateRate(taxClass, name);
    throw e;
  }
}

export async function createTaxRate(db: DbOrTx, vendorId: string, input: TaxRateCreateInput): Promise<TaxRate> {
  return db.transaction(async (tx) => {
    await assertNameFree(tx, vendorId, input.taxClass, input.name);
    const [row] = await guardUnique(input.taxClass, input.name, () =>
      tx
        .insert(taxRates)
        .values({ id: input.id ?? uuidv7(), vendorId, taxClass: input.taxClass, name: input.name, rateBps: input.rateBps })
        .returning(rateColumns),
    );
    if (!row) throw new AppError('INTERNAL', 'Could not save the tax rate.');
    return row;
  });
}

export async function updateTaxRate(db: DbOrTx, vendorId: string, input: TaxRateUpdateInput): Promise<TaxRate> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select(rateColumns)
      .from(taxRates)
      .where(and(eq(taxRates.id, input.id), eq(taxRates.vendorId, vendorId)))
      .for('update');
    if (!current) throw new AppError('NOT_FOUND', 'That tax rate does not exist.');
    const next = {
      taxClass: input.taxClass ?? current.taxClass,
      name: input.name ?? current.name,
      rateBps: input.rateBps ?? current.rateBps,
    };
    await assertNameFree(tx, vendorId, next.taxClass, next.name, current.id);
    const [row] = await guardUnique(next.taxClass, next.name, () =>
      tx.update(taxRates).set(next).where(eq(taxRates.id, current.id)).returning(rateColumns),
    );
    if (!row) throw new AppError('INTERNAL', 'Could not save the tax rate.');
    return row;
  });
}

/** Past orders keep the rate they were sold with (snapshots), so a rate can simply go. */
export async function removeTaxRate(db: DbOrTx, vendorId: string, id: string): Promise<{ id: string }> {
  const [row] = await db
    .delete(taxRates)
    .where(and(eq(taxRates.id, id), eq(taxRates.vendorId, vendorId)))
    .returning({ id: taxRates.id });
  if (!row) throw new AppError('NOT_FOUND', 'That tax rate does not exist.');
  return row;
}
