import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { jobs, posEntityMap, products, variants } from '../../db/schema/index';
import { claimJob, LEASE_MS } from '../../jobs/queue';
import { DB_KINDS } from '../../test/db';
import { IMPORT_APPLY_JOB, runImportApply } from './import-apply';
import { IMPORT_FETCH_JOB, runImportFetch } from './import-fetch';
import { applyImport, attentionPage, bridgeView, importPreview } from './manage';
import { LOCATION, MERCHANT, startBridgeRig, type BridgeRig } from './square-test-kit';
import { readStream } from './sync-state';

const ITEMS = 5_000;

/** A server "killed" holding a job: it was claimed (its lease runs) and did part of the work, then nothing. */
async function dieHolding(rig: BridgeRig, kind: string, partial: () => Promise<unknown>): Promise<void> {
  rig.clock.t = Math.max(rig.clock.t, Date.now());
  const job = await claimJob(rig.db, [kind], new Date(rig.clock.t));
  expect(job?.kind).toBe(kind);
  await partial();
  rig.clock.t += LEASE_MS + 1_000; // the lease runs out; another instance takes the job over
}

for (const kind of DB_KINDS) {
  describe(`first import of a Square catalog [${kind}]`, () => {
    let rig: BridgeRig;
    let seeded: { itemIds: string[]; variationIds: string[] };
    beforeAll(async () => {
      rig = await startBridgeRig(kind);
      seeded = rig.fake.seedItems(MERCHANT, ITEMS, { currency: 'GBP', taxes: 2, categories: 4 });
      // a few items that need the owner's attention, and stock for some variations
      rig.fake.upsertItem(MERCHANT, { name: 'Cake by the slice', variations: [{ name: 'Slice', price: null, sku: 'CAKE-SLICE' }] });
      rig.fake.upsertItem(MERCHANT, { name: 'Twin SKU', variations: [{ name: 'Regular', price: 300, sku: 'SKU-000001-1' }] });
      for (const v of seeded.variationIds.slice(0, 50)) rig.fake.setCount(MERCHANT, v, LOCATION, 12);
    }, 120_000);
    afterAll(async () => rig.close());

    it(`reads ${ITEMS.toLocaleString('en')} items page by page, survives being killed mid-read and mid-apply, and creates nothing twice`, async () => {
      const before = await bridgeView(rig.db, rig.env, rig.vendor.vendorId, 'owner');
      expect(before.state).toBe('not_connected');

      // connect through Square's authorize page and our callback, then choose the location: reading starts
      const { url } = await (await import('./connect')).startConnect(rig.db, rig.env, rig.vendor.vendorId, 'square', new Date(rig.clock.t));
      const back = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location') ?? '');
      const callback = await rig.app.inject({ method: 'GET', url: `/oauth/pos/square/callback?${back.searchParams.toString()}` });
      expect(callback.statusCode).toBe(200);
      expect(callback.body).toContain('Square is connected');
      // the link works once
      expect((await rig.app.inject({ method: 'GET', url: `/oauth/pos/square/callback?${back.searchParams.toString()}` })).statusCode).toBe(400);
      expect((await bridgeView(rig.db, rig.env, rig.vendor.vendorId, 'owner')).state).toBe('choose_location');
      await (await import('./connect')).chooseLocation(rig.db, rig.env, rig.vendor.vendorId, LOCATION);
      const conn = await rig.connection();

      // the server dies after 20 pages, holding the job
      await dieHolding(rig, IMPORT_FETCH_JOB, () => runImportFetch(rig.db, rig.env, conn.id, { now: () => new Date(rig.clock.t), pageLimit: 20 }));
      const halfway = await readStream(rig.db, conn.id, 'import');
      expect(halfway?.phase).toBe('fetching');
      expect(halfway?.done).toBe(20 * 100 - 6); // 100 objects a page; the first page also carries the 2 taxes and 4 categories
      await rig.drain();

      const preview = await importPreview(rig.db, rig.vendor.vendorId);
      expect(preview).toMatchObject({ products: ITEMS + 2, taxes: 2, categories: 4 });
      expect(preview?.summary).toMatch(/^5,002 products, 10,00\d variants, 2 taxes; 2 items need attention \((variable price|duplicate SKU) \/ (variable price|duplicate SKU)\)\.$/);
      const attention = await attentionPage(rig.db, rig.vendor.vendorId, undefined, 10);
      expect(attention.items.map((a) => a.name).sort()).toEqual(['Cake by the slice', 'Twin SKU']);
      const listPages = rig.fake.calls('/v2/catalog/list').length;
      expect(listPages).toBeLessThanOrEqual(52 + 1); // 51 pages, the one in flight at the kill read again

      // nothing was created before the owner applies
      const [none] = await queryRows<{ n: number }>(rig.db, sql`SELECT count(*)::int AS n FROM products WHERE vendor_id = ${rig.vendor.vendorId}`);
      expect(none?.n).toBe(0);

      await applyImport(rig.db, rig.vendor.vendorId, 'none');
      await dieHolding(rig, IMPORT_APPLY_JOB, () => runImportApply(rig.db, rig.env, conn.id, { now: () => new Date(rig.clock.t), chunkLimit: 13 }));
      expect((await readStream(rig.db, conn.id, 'import'))?.done).toBe(1_300);
      expect((await bridgeView(rig.db, rig.env, rig.vendor.vendorId, 'owner')).progress).toEqual({ phase: 'applying', done: 1_300, total: ITEMS + 2 });
      await rig.drain();

      const view = await bridgeView(rig.db, rig.env, rig.vendor.vendorId, 'owner');
      expect(view).toMatchObject({ state: 'in_step', location: { id: LOCATION, name: 'Market Street' }, bridged: { products: ITEMS + 2 } });
      const [counts] = await queryRows<{ products: number; names: number; variants: number; mapped: number }>(
        rig.db,
        sql`SELECT (SELECT count(*) FROM products WHERE vendor_id = ${rig.vendor.vendorId})::int AS products,
                   (SELECT count(DISTINCT name) FROM products WHERE vendor_id = ${rig.vendor.vendorId})::int AS names,
                   (SELECT count(*) FROM variants WHERE vendor_id = ${rig.vendor.vendorId})::int AS variants,
                   (SELECT count(DISTINCT local_id) FROM pos_entity_map WHERE connection_id = ${conn.id} AND entity = 'variant')::int AS mapped`,
      );
      expect(counts).toEqual({ products: ITEMS + 2, names: ITEMS + 2, variants: seeded.variationIds.length + 2, mapped: seeded.variationIds.length + 2 });
      const [failed] = await queryRows<{ n: number }>(rig.db, sql`SELECT count(*)::int AS n FROM jobs WHERE status = 'failed'`);
      expect(failed?.n).toBe(0);

      // the stock Square counts is ours; the twin SKU got its own; the variable price is off sale; Square owns the fields
      const [first] = await rig.db.select({ localId: posEntityMap.localId }).from(posEntityMap).where(and(eq(posEntityMap.connectionId, conn.id), eq(posEntityMap.extId, seeded.variationIds[0] ?? '')));
      expect(await rig.onHand(first?.localId ?? '')).toBe(12);
      const twin = await rig.db.select({ sku: variants.sku }).from(variants).innerJoin(products, eq(products.id, variants.productId)).where(eq(products.name, 'Twin SKU'));
      expect(twin[0]?.sku).toMatch(/^SKU-000001-1-[A-Z0-9]+$/);
      const [cake] = await rig.db.select({ archived: variants.archived, visible: products.onlineVisible, provider: products.posProvider, edit: products.posEditUrl }).from(variants).innerJoin(products, eq(products.id, variants.productId)).where(eq(products.name, 'Cake by the slice'));
      expect(cake).toMatchObject({ archived: true, visible: false, provider: 'square' });
      expect(cake?.edit).toMatch(/^https:\/\/app\.squareupsandbox\.com\/dashboard\/items\/library\//);

      // applying again (a duplicate job, a retry) changes nothing
      await runImportApply(rig.db, rig.env, conn.id, { now: () => new Date(rig.clock.t) });
      const [again] = await queryRows<{ n: number }>(rig.db, sql`SELECT count(*)::int AS n FROM products WHERE vendor_id = ${rig.vendor.vendorId}`);
      expect(again?.n).toBe(ITEMS + 2);
      const [left] = await rig.db.select({ n: sql<number>`count(*)::int` }).from(jobs).where(eq(jobs.status, 'queued'));
      expect(left?.n).toBe(0);
    }, 600_000);
  });
}
