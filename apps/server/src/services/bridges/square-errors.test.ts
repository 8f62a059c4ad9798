import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../../test/db';
import { chooseLocation, completeConnect, startConnect } from './connect';
import { IMPORT_FETCH_JOB } from './import-fetch';
import { LOCATION, MERCHANT, startBridgeRig, type BridgeRig } from './square-test-kit';
import { writeStream } from './sync-state';
import { eq } from 'drizzle-orm';
import { jobs } from '../../db/schema/index';

for (const kind of DB_KINDS) {
  describe(`a bridge that fails says why and recovers [${kind}]`, () => {
    let rig: BridgeRig;
    beforeAll(async () => {
      rig = await startBridgeRig(kind);
      for (let i = 0; i < 3; i++) rig.fake.upsertItem(MERCHANT, { name: `Candle ${String(i)}`, variations: [{ name: 'Tin', sku: `CAN-${String(i)}`, price: 900 }] });
    }, 60_000);
    afterAll(async () => rig.close());

    it('an import Square refuses for good shows "error" with the reason; Retry from the failed list carries on', async () => {
      const owner = await rig.server.caller({ bearer: rig.vendor.ownerToken });
      const manager = await rig.server.caller({ bearer: rig.vendor.managerToken });
      const { url } = await startConnect(rig.db, rig.env, rig.vendor.vendorId, 'square', new Date(rig.clock.t));
      const back = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location') ?? '');
      await completeConnect(rig.db, rig.env, 'square', { code: back.searchParams.get('code') ?? '', state: back.searchParams.get('state') ?? '' });
      // a location in another currency is refused in words
      await expect(owner.bridges.chooseLocation({ locationId: 'L-EURO' })).rejects.toMatchObject({ message: 'It sells in EUR; this shop sells in GBP.' });
      await chooseLocation(rig.db, rig.env, rig.vendor.vendorId, LOCATION);
      const c = await rig.connection();
      await writeStream(rig.db, c.id, 'import', { cursor: 'not-a-cursor' }); // Square answers 400 INVALID_CURSOR
      await rig.drain();
      const view = await manager.bridges.status();
      expect(view.state).toBe('error');
      expect(view.reason).toMatch(/^Reading the catalog stopped: Square refused it: The cursor is not valid\./);
      const failed = await manager.bridges.failedJobs({ limit: 10 });
      expect(failed.items).toHaveLength(1);
      expect(failed.items[0]).toMatchObject({ what: 'Reading the Square catalog' });
      const log = await manager.bridges.log({ limit: 5 });
      expect(log.items[0]?.level).toBe('error');

      await writeStream(rig.db, c.id, 'import', { cursor: null });
      const retried = await manager.bridges.retryJob({ jobId: failed.items[0]?.id ?? '' });
      expect(retried.state).toBe('importing');
      await rig.drain();
      expect((await manager.bridges.status()).state).toBe('preview');
      expect((await manager.bridges.preview())?.products).toBe(3);
      const [job] = await rig.db.select({ status: jobs.status }).from(jobs).where(eq(jobs.kind, IMPORT_FETCH_JOB));
      expect(job?.status).toBe('done');
      // a job id of nobody's list is NOT_FOUND, a cashier is refused
      await expect(manager.bridges.retryJob({ jobId: failed.items[0]?.id ?? '' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const cashier = await rig.server.caller({ bearer: rig.vendor.cashierToken });
      await expect(cashier.bridges.status()).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(manager.bridges.applyImport({ match: 'none' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }, 60_000);

    it('disconnecting revokes Square’s access, stops pushes and makes the products the shop’s own again', async () => {
      const owner = await rig.server.caller({ bearer: rig.vendor.ownerToken });
      await owner.bridges.applyImport({ match: 'none' });
      await rig.drain();
      expect((await owner.bridges.status()).state).toBe('in_step');
      const revokes = rig.fake.calls('/oauth2/revoke').length;
      const after = await owner.bridges.disconnect();
      expect(after).toMatchObject({ state: 'revoked' });
      expect(after.reason).toMatch(/^Disconnected by the shop\./);
      expect(rig.fake.calls('/oauth2/revoke').length).toBe(revokes + 1);
      const list = await owner.products.list({ limit: 10 });
      const product = await owner.products.byId({ productId: list.items[0]?.id ?? '' });
      expect(product.pos).toBeNull();
      await owner.products.update({ productId: product.id, name: 'Candle, renamed here' });
      // connecting again is possible (and the same Square account finds its items again)
      const again = await owner.bridges.connectUrl({ provider: 'square' });
      expect(again.url).toMatch(/\/oauth2\/authorize\?/);
    }, 60_000);
  });
}
