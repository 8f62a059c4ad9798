import { and, eq, notInArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { posEntityMap } from '../../db/schema/index';
import type { Env } from '../../env';
import { applyProducts, archiveDeleted, updateTaxRates } from './catalog-apply';
import { callPos } from './connections';
import { applyTarget, pullAllStock } from './stock-pull';
import { logSync } from './sync-log';
import { readStream, writeStream } from './sync-state';
import type { CatalogPage, ExtCategory, ExtTax } from './types';

export const CATALOG_JOB = 'pos.catalog';
export const FULL_COMPARE_JOB = 'pos.full-compare';
export const STOCK_SWEEP_JOB = 'pos.stock-sweep';
export const catalogJobKey = (connectionId: string) => `pos.catalog:${connectionId}`;

interface Known {
  taxes: Record<string, ExtTax>;
  categories: Record<string, ExtCategory>;
}

function known(data: Record<string, unknown>): Known {
  return { taxes: (data.taxes as Record<string, ExtTax> | undefined) ?? {}, categories: (data.categories as Record<string, ExtCategory> | undefined) ?? {} };
}

/** Taxes and categories seen so far (products name them by id; a page may not carry them). */
export async function rememberTaxesAndCategories(tx: Tx, connectionId: string, taxes: readonly ExtTax[], categories: readonly ExtCategory[]): Promise<Known> {
  const row = await readStream(tx, connectionId, 'catalog');
  const k = known(row?.data ?? {});
  for (const t of taxes) k.taxes[t.extId] = t;
  for (const c of categories) k.categories[c.extId] = c;
  if (taxes.length > 0 || categories.length > 0) await writeStream(tx, connectionId, 'catalog', { data: { ...(row?.data ?? {}), ...k } });
  return k;
}

async function applyPage(db: Db, connectionId: string, page: CatalogPage): Promise<{ changed: number; archived: number }> {
  const target = await applyTarget(db, connectionId, 'none');
  return db.transaction(async (tx) => {
    const k = await rememberTaxesAndCategories(tx, connectionId, page.taxes, page.categories);
    await updateTaxRates(tx, connectionId, page.taxes);
    const r = await applyProducts(tx, target, page.products, new Map(Object.entries(k.taxes)), new Map(Object.entries(k.categories)));
    const archived = await archiveDeleted(tx, connectionId, page.deleted);
    return { changed: r.created + r.updated, archived: archived.length };
  });
}

/** Archives the bridged products the POS no longer lists (`seen`: every product of its whole live catalog). */
async function archiveMissing(db: Db, connectionId: string, seen: readonly string[]): Promise<string[]> {
  const gone = await db
    .select({ extId: posEntityMap.extId })
    .from(posEntityMap)
    .where(and(eq(posEntityMap.connectionId, connectionId), eq(posEntityMap.entity, 'product'), seen.length > 0 ? notInArray(posEntityMap.extId, [...seen]) : sql`true`));
  return db.transaction((tx) =>
    archiveDeleted(
      tx,
      connectionId,
      gone.map((g) => ({ extId: g.extId, type: 'product', version: '0' })),
    ),
  );
}

/**
 * What changed in the POS since the last run (edits and tombstones, `begin_time` cursor), applied under the version
 * guard, so webhooks, sweeps and replays arriving in any order converge. The cursor moves only after every page.
 */
export async function runCatalogSync(db: Db, env: Env, connectionId: string, now: Date): Promise<{ changed: number; archived: number }> {
  const stream = await readStream(db, connectionId, 'catalog');
  const since = stream?.cursor;
  if (!since) return { changed: 0, archived: 0 };
  let pageCursor: string | null = null;
  let latest: string | null = null;
  const total = { changed: 0, archived: 0 };
  // a POS without tombstones (Toast) answers with the whole catalog: what it no longer lists is gone
  const seen: string[] = [];
  let complete = true;
  do {
    const page = await callPos(db, env, connectionId, (conn, connector) => connector.catalogSince(conn, since, pageCursor), now);
    const r = await applyPage(db, connectionId, page);
    total.changed += r.changed;
    total.archived += r.archived;
    latest = page.latest ?? latest;
    pageCursor = page.next;
    complete &&= page.complete === true;
    seen.push(...page.products.map((p) => p.extId));
  } while (pageCursor);
  if (complete && seen.length > 0) total.archived += (await archiveMissing(db, connectionId, seen)).length;
  await writeStream(db, connectionId, 'catalog', { cursor: latest ?? since, lastSuccessAt: now, lastError: null });
  if (total.changed + total.archived > 0) {
    await logSync(db, connectionId, 'info', `Took ${String(total.changed)} changed item${total.changed === 1 ? '' : 's'} and ${String(total.archived)} removal${total.archived === 1 ? '' : 's'} from {pos}.`);
  }
  return total;
}

/**
 * The nightly full compare: every live POS item applied (cheap when unchanged: the version guard skips it), every
 * bridged product the POS no longer has archived, and every stock count read again.
 */
export async function runFullCompare(db: Db, env: Env, connectionId: string, now: Date): Promise<{ archived: number; counted: number }> {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await callPos(db, env, connectionId, (conn, connector) => connector.catalogPage(conn, cursor), now);
    await applyPage(db, connectionId, page);
    seen.push(...page.products.map((p) => p.extId));
    cursor = page.next;
  } while (cursor);
  const archived = await archiveMissing(db, connectionId, seen);
  const counted = await pullAllStock(db, env, connectionId, now);
  await logSync(db, connectionId, 'info', `Nightly check: ${String(seen.length)} items compared, ${String(archived.length)} archived, ${String(counted)} stock counts updated.`);
  return { archived: archived.length, counted };
}
