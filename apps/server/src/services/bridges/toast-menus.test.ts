import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { posEntityMap, products, variants } from '../../db/schema/index';
import { claimJob, LEASE_MS } from '../../jobs/queue';
import { DB_KINDS } from '../../test/db';
import { runCatalogSync } from './catalog-sync';
import { chooseLocation } from './connect';
import { IMPORT_FETCH_JOB, runImportFetch } from './import-fetch';
import { applyImport, attentionPage, bridgeView, importPreview } from './manage';
import { readStream } from './sync-state';
import { PAGE_SIZE } from './toast/catalog';
import { RESTAURANT, startToastRig, type ToastRig } from './toast-test-kit';

const ITEMS = 1_000;
/** every 50th item has a REQUIRED modifier group */
const REQUIRED_EVERY = 50;

/** A server "killed" holding a job: it was claimed (its lease runs) and did part of the work, then nothing. */
async function dieHolding(rig: ToastRig, kind: string, partial: () => Promise<unknown>): Promise<void> {
  rig.clock.t = Math.max(rig.clock.t, Date.now());
  const job = await claimJob(rig.db, [kind], new Date(rig.clock.t));
  expect(job?.kind).toBe(kind);
  await partial();
  rig.clock.t += LEASE_MS + 1_000;
}

async function shopCounts(rig: ToastRig) {
  const c = await rig.connection();
  const [r] = await queryRows<{ products: number; names: number; variants: number; mapped: number; archived: number; offSale: number }>(
    rig.db,
    sql`SELECT (SELECT count(*) FROM products WHERE vendor_id = ${rig.vendor.vendorId})::int AS products,
               (SELECT count(DISTINCT name) FROM products WHERE vendor_id = ${rig.vendor.vendorId})::int AS names,
               (SELECT count(*) FROM variants WHERE vendor_id = ${rig.vendor.vendorId})::int AS variants,
               (SELECT count(DISTINCT local_id) FROM pos_entity_map WHERE connection_id = ${c.id} AND entity = 'variant')::int AS mapped,
               (SELECT count(*) FROM products WHERE vendor_id = ${rig.vendor.vendorId} AND archived)::int AS archived,
               (SELECT count(*) FROM variants WHERE vendor_id = ${rig.vendor.vendorId} AND archived)::int AS "offSale"`,
  );
  return r;
}

async function variantOf(rig: ToastRig, mlid: string) {
  const c = await rig.connection();
  const [row] = await rig.db
    .select({ archived: variants.archived, priceCents: variants.priceCents, productArchived: products.archived, visible: products.onlineVisible, name: products.name })
    .from(posEntityMap)
    .innerJoin(variants, eq(variants.id, posEntityMap.localId))
    .innerJoin(products, eq(products.id, variants.productId))
    .where(and(eq(posEntityMap.connectionId, c.id), eq(posEntityMap.entity, 'variant'), eq(posEntityMap.extId, mlid)));
  if (!row) throw new Error(`${mlid} not mapped`);
  return row;
}

for (const kind of DB_KINDS) {
  describe(`a 1,000-item Toast menu through the engine [${kind}]`, () => {
    let rig: ToastRig;
    let ids: string[];
    const menuReads = () => rig.fake.requests.filter((r) => r.path === '/menus/v2/menus').length;

    beforeAll(async () => {
      rig = await startToastRig(kind);
      ids = rig.fake.seedMenu(RESTAURANT, ITEMS, { requiredEvery: REQUIRED_EVERY });
      for (const item of rig.fake.restaurant(RESTAURANT).items.values()) item.image = null;
      rig.fake.takeWebhooks();
    }, 120_000);
    afterAll(async () => rig.close());

    it('reads the menu page by page, resumes after a kill, starts over when the menu is republished meanwhile, and stages nothing twice', async () => {
      await rig.connect();
      await chooseLocation(rig.db, rig.env, rig.vendor.vendorId, RESTAURANT);
      const conn = await rig.connection();
      await dieHolding(rig, IMPORT_FETCH_JOB, () => runImportFetch(rig.db, rig.env, conn.id, { now: () => new Date(rig.clock.t), pageLimit: 2 }));
      const halfway = await readStream(rig.db, conn.id, 'import');
      expect(halfway).toMatchObject({ phase: 'fetching', done: 2 * PAGE_SIZE });
      expect(halfway?.cursor).toMatch(/^menu:400:/);
      expect(menuReads()).toBe(1);

      // the restaurant publishes its menu while the import is stopped: every guid changes, the multiLocationIds stay
      rig.fake.republish(RESTAURANT);
      rig.fake.takeWebhooks();
      await rig.drain();
      const state = await readStream(rig.db, conn.id, 'import');
      expect(state?.phase).toBe('preview');
      // the cursor named the old publish: the read started over on the new menu (read once more), from its first page
      expect(menuReads()).toBe(2);
      expect(state?.done).toBe(2 * PAGE_SIZE + ITEMS);
      const [staged] = await queryRows<{ n: number; distinct: number }>(rig.db, sql`SELECT count(*) FILTER (WHERE type = 'product')::int AS n, count(DISTINCT ext_id) FILTER (WHERE type = 'product')::int AS distinct FROM pos_import_staging WHERE connection_id = ${conn.id}`);
      expect(staged).toEqual({ n: ITEMS, distinct: ITEMS });

      const preview = await importPreview(rig.db, rig.vendor.vendorId);
      expect(preview).toMatchObject({ products: ITEMS, variants: ITEMS, attention: ITEMS / REQUIRED_EVERY });
      expect(preview?.summary).toBe(`1,000 products, 1,000 variants, 4 taxes; ${String(ITEMS / REQUIRED_EVERY)} items need attention (in-store only).`);
      const attention = await attentionPage(rig.db, rig.vendor.vendorId, undefined, 100);
      expect(attention.items).toHaveLength(ITEMS / REQUIRED_EVERY);
      expect(new Set(attention.items.map((a) => a.reason))).toEqual(new Set(['in_store_only']));
      expect(new Set(attention.items.map((a) => a.extId))).toEqual(new Set(ids.filter((_, i) => (i + 1) % REQUIRED_EVERY === 0).map((m) => `item:${m}`)));
    }, 120_000);

    it('imports each item once; items with a required choice stay off sale, listed in-store only', async () => {
      await applyImport(rig.db, rig.vendor.vendorId, 'none');
      await rig.drain();
      expect(await shopCounts(rig)).toEqual({ products: ITEMS, names: ITEMS, variants: ITEMS, mapped: ITEMS, archived: 0, offSale: ITEMS / REQUIRED_EVERY });
      expect(await variantOf(rig, ids[REQUIRED_EVERY - 1] ?? '')).toMatchObject({ archived: true, visible: false, productArchived: false });
      expect(await variantOf(rig, ids[0] ?? '')).toMatchObject({ archived: false, visible: true, priceCents: 199 });
      expect((await bridgeView(rig.db, rig.env, rig.vendor.vendorId, 'owner')).state).toBe('in_step');
    }, 120_000);

    it('a republished menu (new guids, same multiLocationIds) creates nothing new; an edit in it is applied', async () => {
      rig.fake.editItem(RESTAURANT, ids[1] ?? '', { price: 7.25 });
      const hooks = rig.fake.takeWebhooks();
      expect(hooks.map((h) => h.headers['toast-event-type'])).toEqual(['menus_updated']);
      expect(await rig.deliver(hooks)).toEqual([200]);
      await rig.drain();
      expect(await shopCounts(rig)).toEqual({ products: ITEMS, names: ITEMS, variants: ITEMS, mapped: ITEMS, archived: 0, offSale: ITEMS / REQUIRED_EVERY });
      expect((await variantOf(rig, ids[1] ?? '')).priceCents).toBe(725);
      // nothing changed since: the next sync reads the metadata only
      const reads = menuReads();
      expect(await runCatalogSync(rig.db, rig.env, (await rig.connection()).id, new Date(rig.clock.t))).toEqual({ changed: 0, archived: 0 });
      expect(menuReads()).toBe(reads);
    }, 120_000);

    it('items taken off the menu are archived by the next sync (Toast sends no tombstones); an item given a required choice goes off sale', async () => {
      const gone = [ids[3] ?? '', ids[500] ?? '', ids[ITEMS - 1] ?? ''];
      for (const mlid of gone) rig.fake.removeItem(RESTAURANT, mlid);
      const item = rig.fake.restaurant(RESTAURANT).items.get(ids[7] ?? '');
      if (!item) throw new Error('no item');
      item.requiredChoice = true;
      rig.fake.republish(RESTAURANT);
      // the webhooks are lost: the 15-minute sweep's catalog sync finds the changes all the same
      rig.fake.takeWebhooks();
      rig.clock.t += 15 * 60_000;
      await rig.runtime.tick();
      await rig.drain();
      for (const mlid of gone) expect(await variantOf(rig, mlid)).toMatchObject({ productArchived: true });
      // its variant goes off sale (the product's "shown online" flag is the owner's, left as it was)
      expect(await variantOf(rig, ids[7] ?? '')).toMatchObject({ archived: true, productArchived: false });
      expect(await variantOf(rig, ids[4] ?? '')).toMatchObject({ archived: false, productArchived: false });
      expect(await shopCounts(rig)).toEqual({ products: ITEMS, names: ITEMS, variants: ITEMS, mapped: ITEMS, archived: 3, offSale: ITEMS / REQUIRED_EVERY + 1 });
      expect(await runCatalogSync(rig.db, rig.env, (await rig.connection()).id, new Date(rig.clock.t))).toEqual({ changed: 0, archived: 0 });
    }, 120_000);
  });
}
