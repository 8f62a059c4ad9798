import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { jobs, products, variants } from '../../db/schema/index';
import { claimJob, LEASE_MS } from '../../jobs/queue';
import { DB_KINDS } from '../../test/db';
import { chooseLocation } from './connect';
import { IMPORT_APPLY_JOB, runImportApply } from './import-apply';
import { IMPORT_FETCH_JOB, runImportFetch } from './import-fetch';
import { applyImport, attentionPage, bridgeView, importPreview } from './manage';
import type { CreatedProduct } from './shopify/fake/index';
import { localId, MARKET, SHOP, startShopifyRig, type ShopifyRig } from './shopify-test-kit';
import { readStream } from './sync-state';

/** several bulk pages (250 products each) and apply chunks; the import under a real kill -9 is another suite's */
const ITEMS = 1_200;

/** A server "killed" holding a job: it was claimed (its lease runs) and did part of the work, then nothing. */
async function dieHolding(rig: ShopifyRig, kind: string, partial: () => Promise<unknown>): Promise<void> {
  rig.clock.t = Math.max(rig.clock.t, Date.now());
  const job = await claimJob(rig.db, [kind], new Date(rig.clock.t));
  expect(job?.kind).toBe(kind);
  await partial();
  rig.clock.t += LEASE_MS + 1_000; // the lease runs out; another instance takes the job over
}

for (const kind of DB_KINDS) {
  describe(`first import of a Shopify catalog through a bulk operation [${kind}]`, () => {
    let rig: ShopifyRig;
    let seeded: CreatedProduct[];
    beforeAll(async () => {
      rig = await startShopifyRig(kind);
      seeded = rig.fake.seedCatalog(SHOP, ITEMS, { available: 0 });
      // items that need the owner's attention: a SKU another product has, a price beyond what the shop can sell at
      rig.fake.createProduct(SHOP, { title: 'Twin SKU', variants: [{ sku: 'ITEM-1-1', price: '3.00', tracked: true, available: 2 }] });
      rig.fake.createProduct(SHOP, { title: 'Gold bar', variants: [{ sku: 'GOLD-1', price: '2000000.00', tracked: true, available: 2 }] });
      for (const p of seeded.slice(0, 50)) for (const item of p.inventoryItemIds) rig.fake.setAvailable(item, 12, MARKET);
      rig.fake.takeWebhooks();
    }, 120_000);
    afterAll(async () => rig.close());

    it(`reads ${ITEMS.toLocaleString('en')} products from one bulk export, survives a failed export and being killed mid-read and mid-apply, and creates nothing twice`, async () => {
      expect((await bridgeView(rig.db, rig.env, rig.vendor.vendorId, 'owner')).state).toBe('not_connected');
      await rig.connect();
      expect((await bridgeView(rig.db, rig.env, rig.vendor.vendorId, 'owner')).state).toBe('choose_location');
      // Shopify fails the first export: it is started again, the import does not stop
      rig.fake.faults.failBulk({ times: 1 });
      await chooseLocation(rig.db, rig.env, rig.vendor.vendorId, MARKET);
      const conn = await rig.connection();

      // the server dies after 3 pages of the job (start, a failed export restarted, the first 250 products)
      await dieHolding(rig, IMPORT_FETCH_JOB, () => runImportFetch(rig.db, rig.env, conn.id, { now: () => new Date(rig.clock.t), pageLimit: 3 }));
      const halfway = await readStream(rig.db, conn.id, 'import');
      expect(halfway).toMatchObject({ phase: 'fetching', done: 250 });
      expect(halfway?.cursor).toMatch(/^bulk:\d+:250$/);
      await rig.drain();

      const preview = await importPreview(rig.db, rig.vendor.vendorId);
      const variantCount = seeded.reduce((n, p) => n + p.inventoryItemIds.length, 0) + 2;
      expect(preview).toMatchObject({ products: ITEMS + 2, variants: variantCount, taxes: 1, attention: 2 });
      expect(preview?.summary).toBe(`1,202 products, ${variantCount.toLocaleString('en')} variants, 1 tax; 2 items need attention (duplicate SKU / price out of range).`);
      const attention = await attentionPage(rig.db, rig.vendor.vendorId, undefined, 10);
      expect(attention.items.map((a) => a.name).sort()).toEqual(['Gold bar', 'Twin SKU']);
      // two exports were started (the failed one and its restart); the resumed read took the file it had
      expect(rig.fake.calls('bulkOperationRunQuery').filter((c) => c.status === 200)).toHaveLength(2);
      const [none] = await queryRows<{ n: number }>(rig.db, sql`SELECT count(*)::int AS n FROM products WHERE vendor_id = ${rig.vendor.vendorId}`);
      expect(none?.n).toBe(0);

      await applyImport(rig.db, rig.vendor.vendorId, 'none');
      await dieHolding(rig, IMPORT_APPLY_JOB, () => runImportApply(rig.db, rig.env, conn.id, { now: () => new Date(rig.clock.t), chunkLimit: 3 }));
      expect((await bridgeView(rig.db, rig.env, rig.vendor.vendorId, 'owner')).progress).toEqual({ phase: 'applying', done: 300, total: ITEMS + 2 });
      await rig.drain();

      const view = await bridgeView(rig.db, rig.env, rig.vendor.vendorId, 'owner');
      expect(view).toMatchObject({ state: 'in_step', account: SHOP, location: { id: MARKET, name: 'Market Street' }, bridged: { products: ITEMS + 2, variants: variantCount } });
      const [counts] = await queryRows<{ products: number; names: number; variants: number; mapped: number }>(
        rig.db,
        sql`SELECT (SELECT count(*) FROM products WHERE vendor_id = ${rig.vendor.vendorId})::int AS products,
                   (SELECT count(DISTINCT name) FROM products WHERE vendor_id = ${rig.vendor.vendorId})::int AS names,
                   (SELECT count(*) FROM variants WHERE vendor_id = ${rig.vendor.vendorId})::int AS variants,
                   (SELECT count(DISTINCT local_id) FROM pos_entity_map WHERE connection_id = ${conn.id} AND entity = 'variant')::int AS mapped`,
      );
      expect(counts).toEqual({ products: ITEMS + 2, names: ITEMS + 2, variants: variantCount, mapped: variantCount });
      const [failed] = await queryRows<{ n: number }>(rig.db, sql`SELECT count(*)::int AS n FROM jobs WHERE status = 'failed'`);
      expect(failed?.n).toBe(0);

      // Shopify's count is ours; an untracked item is not counted here; decimal prices became cents exactly
      const first = seeded[0];
      expect(await rig.onHand(await localId(rig, 'variant', first?.inventoryItemIds[0] ?? ''))).toBe(12);
      const untracked = seeded[4];
      const [u] = await rig.db.select({ track: variants.trackStock }).from(variants).where(eq(variants.id, await localId(rig, 'variant', untracked?.inventoryItemIds[0] ?? '')));
      expect(u?.track).toBe(false);
      const [priced] = await rig.db.select({ price: variants.priceCents }).from(variants).where(eq(variants.id, await localId(rig, 'variant', seeded[7]?.inventoryItemIds[1] ?? '')));
      expect(priced?.price).toBe(1000 + 7 * 100 + 250 + 3 * 5);
      const twin = await rig.db.select({ sku: variants.sku }).from(variants).innerJoin(products, eq(products.id, variants.productId)).where(eq(products.name, 'Twin SKU'));
      expect(twin[0]?.sku).toMatch(/^ITEM-1-1-[A-Z0-9]+$/);
      const [gold] = await rig.db.select({ archived: variants.archived, visible: products.onlineVisible, provider: products.posProvider, edit: products.posEditUrl }).from(variants).innerJoin(products, eq(products.id, variants.productId)).where(eq(products.name, 'Gold bar'));
      expect(gold).toMatchObject({ archived: true, visible: false, provider: 'shopify' });
      expect(gold?.edit).toMatch(/^https:\/\/admin\.shopify\.com\/store\/clay-corner\/products\/\d+$/);

      // applying again (a duplicate job, a retry) changes nothing
      await runImportApply(rig.db, rig.env, conn.id, { now: () => new Date(rig.clock.t) });
      const [again] = await queryRows<{ n: number }>(rig.db, sql`SELECT count(*)::int AS n FROM products WHERE vendor_id = ${rig.vendor.vendorId}`);
      expect(again?.n).toBe(ITEMS + 2);
      const [left] = await rig.db.select({ n: sql<number>`count(*)::int` }).from(jobs).where(eq(jobs.status, 'queued'));
      expect(left?.n).toBe(0);
    }, 300_000);
  });
}
