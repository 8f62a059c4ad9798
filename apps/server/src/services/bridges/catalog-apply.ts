import { uuidv7, type BridgeAttention, type BridgeMatch, type PosProvider } from '@makeries/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client';
import { categories, posEntityMap, products, taxRates, variants } from '../../db/schema/index';
import { refreshProductDenorm } from '../products/denorm';
import { recordSearchWords } from '../search-words';
import { dedupedSku, newerVersion, planProduct, type PlannedProduct, type PlannedVariant } from './plan';
import type { ExtCategory, ExtProduct, ExtTax } from './types';

export interface ApplyTarget {
  connectionId: string;
  vendorId: string;
  provider: PosProvider;
  taxMode: 'inclusive' | 'exclusive';
  currency: string;
  /** first import only: link to the shop's existing products by this key (an explicit, previewed choice) */
  match: BridgeMatch;
}

export interface ApplyResult {
  created: number;
  updated: number;
  stale: number;
  productIds: string[];
  attention: BridgeAttention[];
}

interface MapRow {
  entity: string;
  extId: string;
  localId: string;
  extVersion: string | null;
}

const PREFIX: Record<PosProvider, string> = { square: 'sq', shopify: 'sh', toast: 'tt' };

async function maps(tx: Tx, connectionId: string, entity: 'product' | 'variant', extIds: string[]): Promise<Map<string, MapRow>> {
  if (extIds.length === 0) return new Map();
  const rows = await tx
    .select({ entity: posEntityMap.entity, extId: posEntityMap.extId, localId: posEntityMap.localId, extVersion: posEntityMap.extVersion })
    .from(posEntityMap)
    .where(and(eq(posEntityMap.connectionId, connectionId), eq(posEntityMap.entity, entity), inArray(posEntityMap.extId, extIds)));
  return new Map(rows.map((r) => [r.extId, r]));
}

async function putMap(tx: Tx, connectionId: string, entity: 'product' | 'variant' | 'tax' | 'category', extId: string, localId: string, version: string | null, updatedAt: string | null): Promise<void> {
  const at = updatedAt ? new Date(updatedAt) : null;
  await tx
    .insert(posEntityMap)
    .values({ connectionId, entity, extId, localId, extVersion: version, extUpdatedAt: at })
    .onConflictDoUpdate({ target: [posEntityMap.connectionId, posEntityMap.entity, posEntityMap.extId], set: { localId, extVersion: version, extUpdatedAt: at } });
}

/** The tax class of a set of POS taxes: one rate row per tax, kept at the POS's rate. */
async function ensureTaxClass(tx: Tx, t: ApplyTarget, taxClass: string, taxes: readonly ExtTax[], done: Set<string>): Promise<void> {
  if (done.has(taxClass)) return;
  done.add(taxClass);
  for (const tax of taxes) {
    const extKey = `${taxClass}/${tax.extId}`;
    const [mapped] = await tx
      .select({ localId: posEntityMap.localId })
      .from(posEntityMap)
      .where(and(eq(posEntityMap.connectionId, t.connectionId), eq(posEntityMap.entity, 'tax'), eq(posEntityMap.extId, extKey)));
    if (mapped) {
      await tx.update(taxRates).set({ rateBps: tax.rateBps }).where(eq(taxRates.id, mapped.localId));
      continue;
    }
    const id = uuidv7();
    const name = `${tax.name.slice(0, 80)} (${tax.extId.slice(-4)})`;
    const [row] = await tx
      .insert(taxRates)
      .values({ id, vendorId: t.vendorId, taxClass, name, rateBps: tax.rateBps })
      .onConflictDoUpdate({ target: [taxRates.vendorId, taxRates.taxClass, taxRates.name], set: { rateBps: tax.rateBps } })
      .returning({ id: taxRates.id });
    await putMap(tx, t.connectionId, 'tax', extKey, row?.id ?? id, null, null);
  }
}

/** A POS tax changed (rate): every class it is part of follows. */
export async function updateTaxRates(tx: Tx, connectionId: string, taxes: readonly ExtTax[]): Promise<void> {
  for (const tax of taxes) {
    await tx.execute(sql`
      UPDATE tax_rates SET rate_bps = ${tax.enabled ? tax.rateBps : 0}
      WHERE id IN (SELECT local_id FROM pos_entity_map WHERE connection_id = ${connectionId} AND entity = 'tax' AND ext_id LIKE ${`%/${tax.extId}`})`);
  }
}

function slugOf(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'category'
  );
}

/** The shop category a POS category becomes (created once, then kept: the category is Makeries' to change). */
async function shopCategory(tx: Tx, t: ApplyTarget, extId: string | null, names: ReadonlyMap<string, ExtCategory>): Promise<string | null> {
  if (!extId) return null;
  const [mapped] = await tx
    .select({ localId: posEntityMap.localId })
    .from(posEntityMap)
    .where(and(eq(posEntityMap.connectionId, t.connectionId), eq(posEntityMap.entity, 'category'), eq(posEntityMap.extId, extId)));
  if (mapped) return mapped.localId;
  const c = names.get(extId);
  if (!c) return null;
  const slug = slugOf(c.name);
  await tx.insert(categories).values({ id: uuidv7(), vendorId: t.vendorId, slug, name: c.name.slice(0, 80) }).onConflictDoNothing();
  const [row] = await tx
    .select({ id: categories.id })
    .from(categories)
    .where(and(eq(categories.vendorId, t.vendorId), eq(categories.slug, slug)));
  if (!row) return null;
  await putMap(tx, t.connectionId, 'category', extId, row.id, null, null);
  return row.id;
}

interface KeyOwner {
  id: string;
  productId: string;
  sku: string;
  barcode: string | null;
}

/** The shop's variants holding any of these SKUs or barcodes (one query per chunk). */
async function keyOwners(tx: Tx, vendorId: string, planned: readonly PlannedProduct[]): Promise<KeyOwner[]> {
  const skus = planned.flatMap((p) => p.variants.map((v) => v.sku));
  const barcodes = planned.flatMap((p) => p.variants.flatMap((v) => (v.barcode ? [v.barcode] : [])));
  if (skus.length === 0) return [];
  return queryRows<KeyOwner>(
    tx,
    sql`SELECT id, product_id AS "productId", sku, barcode FROM variants
        WHERE vendor_id = ${vendorId} AND (sku IN (${sql.join(
          skus.map((s) => sql`${s}`),
          sql`, `,
        )})${barcodes.length > 0 ? sql` OR barcode IN (${sql.join(
          barcodes.map((b) => sql`${b}`),
          sql`, `,
        )})` : sql``})`,
  );
}

class KeyIndex {
  private readonly sku = new Map<string, KeyOwner>();
  private readonly barcode = new Map<string, KeyOwner>();
  constructor(owners: readonly KeyOwner[]) {
    for (const o of owners) this.claim(o);
  }
  claim(o: KeyOwner): void {
    this.sku.set(o.sku, o);
    if (o.barcode) this.barcode.set(o.barcode, o);
  }
  bySku(sku: string): KeyOwner | undefined {
    return this.sku.get(sku);
  }
  byBarcode(code: string): KeyOwner | undefined {
    return this.barcode.get(code);
  }
}

/** The shop's existing product an unmapped POS product links to, when the owner chose to match by SKU or barcode. */
function matchFor(p: PlannedProduct, keys: KeyIndex, match: BridgeMatch, mappedLocal: ReadonlySet<string>): Map<string, KeyOwner> {
  const found = new Map<string, KeyOwner>();
  if (match === 'none') return found;
  for (const v of p.variants) {
    const owner = match === 'sku' ? (v.skuFromPos ? keys.bySku(v.sku) : undefined) : v.barcode ? keys.byBarcode(v.barcode) : undefined;
    if (owner && !mappedLocal.has(owner.id)) found.set(v.extId, owner);
  }
  return found;
}

/**
 * Writes a batch of POS products (first import, incremental sync, nightly compare) in the caller's transaction:
 * mapped ones are updated when the POS version is newer (POS-owned fields only; the description only until it is
 * edited here), new ones are created — or linked to the shop's product when the owner chose a match key. Every
 * write goes with its entity-map row, so a run cut short and started again creates nothing twice.
 */
export async function applyProducts(tx: Tx, t: ApplyTarget, list: readonly ExtProduct[], taxes: ReadonlyMap<string, ExtTax>, cats: ReadonlyMap<string, ExtCategory>): Promise<ApplyResult> {
  const result: ApplyResult = { created: 0, updated: 0, stale: 0, productIds: [], attention: [] };
  if (list.length === 0) return result;
  const prefix = PREFIX[t.provider];
  const planned = list.map((p) => planProduct(p, { taxMode: t.taxMode, currency: t.currency, taxes }, prefix));
  const productMap = await maps(
    tx,
    t.connectionId,
    'product',
    planned.map((p) => p.extId),
  );
  const variantMap = await maps(
    tx,
    t.connectionId,
    'variant',
    planned.flatMap((p) => p.variants.map((v) => v.extId)),
  );
  const mappedLocal = new Set([...variantMap.values()].map((m) => m.localId));
  const keys = new KeyIndex(await keyOwners(tx, t.vendorId, planned));
  const classes = new Set<string>();
  const categoryOf = new Map<string, string | null>();
  const created: (typeof products.$inferInsert)[] = [];
  const updated: { id: string; p: PlannedProduct }[] = [];
  const variantRows: (typeof variants.$inferInsert)[] = [];
  const mapRows: (typeof posEntityMap.$inferInsert)[] = [];
  const live: string[] = [];
  const words: string[] = [];
  // everything is worked out in memory first; then one statement per table for the whole batch
  for (const p of planned) {
    const mapped = productMap.get(p.extId);
    if (mapped && !newerVersion(p.version, mapped.extVersion)) {
      result.stale++;
      continue;
    }
    await ensureTaxClass(tx, t, p.taxClass, p.taxes, classes);
    const matched = mapped ? new Map<string, KeyOwner>() : matchFor(p, keys, t.match, mappedLocal);
    const productId = mapped?.localId ?? [...matched.values()][0]?.productId ?? uuidv7();
    const at = new Date(p.updatedAt);
    if (mapped || matched.size > 0) {
      updated.push({ id: productId, p });
      result.updated++;
    } else {
      const catExt = p.categoryExtId;
      if (catExt && !categoryOf.has(catExt)) categoryOf.set(catExt, await shopCategory(tx, t, catExt, cats));
      created.push({
        id: productId,
        vendorId: t.vendorId,
        categoryId: catExt ? (categoryOf.get(catExt) ?? null) : null,
        name: p.name,
        description: p.description,
        onlineVisible: p.variants.some((v) => !v.archived),
        archived: p.archived,
        posProvider: t.provider,
        posEditUrl: p.editUrl,
      });
      result.created++;
    }
    mapRows.push({ connectionId: t.connectionId, entity: 'product', extId: p.extId, localId: productId, extVersion: p.version, extUpdatedAt: at });
    for (const [i, v] of p.variants.entries()) {
      const variantId = variantMap.get(v.extId)?.localId ?? matched.get(v.extId)?.id ?? uuidv7();
      live.push(variantId);
      const k = resolveKeys(v, variantId, productId, keys, p, result.attention);
      variantRows.push({ id: variantId, productId, vendorId: t.vendorId, name: v.name, sku: k.sku, barcode: k.barcode, priceCents: v.priceCents, taxClass: p.taxClass, trackStock: v.trackStock, sort: i, archived: v.archived });
      mapRows.push({ connectionId: t.connectionId, entity: 'variant', extId: v.extId, localId: variantId, extVersion: v.version, extUpdatedAt: at });
    }
    result.attention.push(...p.attention);
    result.productIds.push(productId);
    words.push(p.name);
  }
  if (result.productIds.length === 0) return result;
  if (created.length > 0) await tx.insert(products).values(created);
  if (updated.length > 0) {
    const rows = sql.join(
      updated.map((u) => sql`(${u.id}::uuid, ${u.p.name}, ${u.p.archived}::boolean, ${u.p.editUrl}, ${u.p.description})`),
      sql`, `,
    );
    await tx.execute(sql`
      UPDATE products p SET name = u.name, archived = u.archived, pos_provider = ${t.provider}, pos_edit_url = u.edit_url,
        description = CASE WHEN p.description_edited THEN p.description ELSE u.description END, updated_at = now()
      FROM (VALUES ${rows}) AS u(id, name, archived, edit_url, description)
      WHERE p.id = u.id AND p.vendor_id = ${t.vendorId}`);
  }
  if (variantRows.length > 0) {
    // a variant moving its SKU to another variant of the batch: free the old values first, so the unique index holds
    await tx.execute(sql`UPDATE variants SET sku = 'moving-' || id::text, barcode = NULL WHERE id IN (${sql.join(
      variantRows.map((v) => sql`${v.id}::uuid`),
      sql`, `,
    )}) AND vendor_id = ${t.vendorId}`);
    await tx
      .insert(variants)
      .values(variantRows)
      .onConflictDoUpdate({
        target: variants.id,
        set: {
          productId: sql`excluded.product_id`,
          name: sql`excluded.name`,
          sku: sql`excluded.sku`,
          barcode: sql`excluded.barcode`,
          priceCents: sql`excluded.price_cents`,
          taxClass: sql`excluded.tax_class`,
          trackStock: sql`excluded.track_stock`,
          sort: sql`excluded.sort`,
          archived: sql`excluded.archived`,
          updatedAt: sql`now()`,
        },
      });
  }
  await tx
    .insert(posEntityMap)
    .values(mapRows)
    .onConflictDoUpdate({
      target: [posEntityMap.connectionId, posEntityMap.entity, posEntityMap.extId],
      set: { localId: sql`excluded.local_id`, extVersion: sql`excluded.ext_version`, extUpdatedAt: sql`excluded.ext_updated_at` },
    });
  // variations gone from a POS item: archived here, never deleted (sales and orders refer to them)
  await tx.execute(sql`
    UPDATE variants SET archived = true, updated_at = now()
    WHERE product_id IN (${sql.join(
      result.productIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}) AND NOT archived
      AND id IN (SELECT local_id FROM pos_entity_map WHERE connection_id = ${t.connectionId} AND entity = 'variant')
      ${live.length > 0 ? sql`AND id NOT IN (${sql.join(
        live.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})` : sql``}`);
  await refreshProductDenorm(tx, { productIds: result.productIds });
  await recordSearchWords(tx, words);
  return result;
}

function resolveKeys(v: PlannedVariant, variantId: string, productId: string, keys: KeyIndex, p: PlannedProduct, attention: BridgeAttention[]): { sku: string; barcode: string | null } {
  let sku = v.sku;
  const skuOwner = keys.bySku(sku);
  if (skuOwner && skuOwner.id !== variantId) {
    const renamed = dedupedSku(sku, v.extId);
    attention.push({ extId: p.extId, name: p.name, reason: 'duplicate_sku', detail: `SKU ${sku} is already used in this shop; this one is saved as ${renamed}. Give it its own SKU in the point of sale.` });
    sku = renamed;
  }
  let barcode = v.barcode;
  const codeOwner = barcode ? keys.byBarcode(barcode) : undefined;
  if (barcode && codeOwner && codeOwner.id !== variantId) {
    attention.push({ extId: p.extId, name: p.name, reason: 'duplicate_barcode', detail: `Barcode ${barcode} is already used in this shop; this one is imported without it.` });
    barcode = null;
  }
  keys.claim({ id: variantId, productId, sku, barcode });
  return { sku, barcode };
}

/** Archives the mapped products (or variants) of these POS ids; returns the products touched. */
async function archiveMapped(tx: Tx, connectionId: string, entity: 'product' | 'variant', extIds: readonly string[]): Promise<string[]> {
  if (extIds.length === 0) return [];
  const table = sql.raw(entity === 'product' ? 'products' : 'variants');
  const productColumn = sql.raw(entity === 'product' ? 'id' : 'product_id');
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`UPDATE ${table} SET archived = true, updated_at = now()
        WHERE id IN (SELECT local_id FROM pos_entity_map WHERE connection_id = ${connectionId} AND entity = ${entity} AND ext_id IN (${sql.join(
          extIds.map((e) => sql`${e}`),
          sql`, `,
        )})) AND NOT archived RETURNING ${productColumn} AS id`,
  );
  return rows.map((r) => r.id);
}

/** POS tombstones: the product (or variant) is archived here, never deleted. */
export async function archiveDeleted(tx: Tx, connectionId: string, deleted: readonly { extId: string; type: string; version: string }[]): Promise<string[]> {
  // the tombstone's version is the newest: an edit of the object replayed after it is then dropped as stale
  for (const d of deleted) {
    if (d.type !== 'product' && d.type !== 'variant') continue;
    await tx.execute(sql`
      UPDATE pos_entity_map SET ext_version = ${d.version}
      WHERE connection_id = ${connectionId} AND entity = ${d.type} AND ext_id = ${d.extId}
        AND (ext_version IS NULL OR ext_version !~ '^[0-9]+$' OR ext_version::numeric < ${d.version}::numeric)`);
  }
  const touched = [
    ...(await archiveMapped(
      tx,
      connectionId,
      'product',
      deleted.filter((d) => d.type === 'product').map((d) => d.extId),
    )),
    ...(await archiveMapped(
      tx,
      connectionId,
      'variant',
      deleted.filter((d) => d.type === 'variant').map((d) => d.extId),
    )),
  ];
  if (touched.length > 0) await refreshProductDenorm(tx, { productIds: touched });
  return touched;
}
