import { uuidv7 } from '@makeries/shared';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { emailOutbox, posEntityMap, posPushes, posWebhookEvents } from '../../db/schema/index';
import { DB_KINDS } from '../../test/db';
import { recordMovements } from '../inventory';
import { failure } from '../orders/test-kit';
import { drainPosWebhooks } from './webhooks';
import { READ_ONLY_SCOPES } from './toast/fake/index';
import { signToast } from './toast/webhook';
import { RESTAURANT, startToastRig, type ToastRig } from './toast-test-kit';

const WRITES = (r: { method: string; path: string }) => r.method === 'PUT' || (r.method === 'POST' && r.path.startsWith('/orders/'));

async function variantOf(rig: ToastRig, mlid: string): Promise<string> {
  const c = await rig.connection();
  const [m] = await rig.db.select({ id: posEntityMap.localId }).from(posEntityMap).where(and(eq(posEntityMap.connectionId, c.id), eq(posEntityMap.entity, 'variant'), eq(posEntityMap.extId, mlid)));
  if (!m) throw new Error(`${mlid} not mapped`);
  return m.id;
}

async function sell(rig: ToastRig, variantId: string, quantity: number): Promise<void> {
  await recordMovements(rig.db, rig.vendor.vendorId, [{ id: uuidv7(), variantId, kind: 'sale', quantity: -quantity, occurredAt: new Date(rig.clock.t), reference: uuidv7() }]);
}

async function sweep(rig: ToastRig): Promise<void> {
  rig.clock.t = Math.max(rig.clock.t, Date.now()) + 15 * 60_000;
  await rig.drain();
}

/** Webhook rows and jobs: what a delivery could write. */
async function stored(rig: ToastRig): Promise<number> {
  const [r] = await queryRows<{ n: number }>(rig.db, sql`SELECT (SELECT count(*) FROM pos_webhook_events)::int + (SELECT count(*) FROM jobs)::int AS n`);
  return r?.n ?? -1;
}

for (const kind of DB_KINDS) {
  describe(`a read-only Toast connection (Standard API access) [${kind}]`, () => {
    let rig: ToastRig;
    let ids: string[];
    beforeAll(async () => {
      rig = await startToastRig(kind, { scopes: READ_ONLY_SCOPES });
      ids = rig.fake.seedMenu(RESTAURANT, 5);
      for (const item of rig.fake.restaurant(RESTAURANT).items.values()) item.image = null;
      rig.fake.setStock(RESTAURANT, ids[0] ?? '', 'QUANTITY', 9);
      await rig.importAll();
      rig.fake.takeWebhooks();
    }, 120_000);
    afterAll(async () => rig.close());

    it('says so in the back office and refuses to show web orders in Toast, in words; nothing changes', async () => {
      const owner = await rig.server.caller({ bearer: rig.vendor.ownerToken });
      const view = await owner.bridges.status();
      expect(view).toMatchObject({ state: 'in_step', capabilities: { stockWrite: false, orderWrite: false }, options: { webOrdersInPos: false } });
      const logBefore = (await owner.bridges.log({ limit: 50 })).items.length;
      expect(await failure(owner.bridges.setOptions({ webOrdersInPos: true }))).toMatchObject({
        appCode: 'FORBIDDEN',
        message: 'This Toast connection may not create orders (it was granted read-only access), so web orders cannot show in Toast. Connect again granting order access.',
      });
      expect((await owner.bridges.status()).options).toEqual({ webOrdersInPos: false });
      expect((await owner.bridges.log({ limit: 50 })).items).toHaveLength(logBefore);
      // turning it off is allowed (it is off)
      expect((await owner.bridges.setOptions({ webOrdersInPos: false })).options).toEqual({ webOrdersInPos: false });
    });

    it('imports and follows Toast’s stock; a sale here is not sent and the level follows Toast', async () => {
      const bread = await variantOf(rig, ids[0] ?? '');
      expect(await rig.onHand(bread)).toBe(9);
      rig.fake.sellAtPos(RESTAURANT, ids[0] ?? '', 5);
      const hooks = rig.fake.takeWebhooks();
      expect(await rig.deliver(hooks)).toEqual(hooks.map(() => 200));
      await rig.drain();
      expect(await rig.onHand(bread)).toBe(4);
      await sell(rig, bread, 1);
      await rig.drain();
      const c = await rig.connection();
      const pushes = await rig.db.select({ state: posPushes.state, lastError: posPushes.lastError }).from(posPushes).where(eq(posPushes.connectionId, c.id));
      expect(pushes).toEqual([{ state: 'skipped', lastError: 'The connection is read-only.' }]);
      // the level is Toast's count: the sale here never reaches Toast, so it is not counted twice
      expect(await rig.onHand(bread)).toBe(4);
      rig.fake.sellAtPos(RESTAURANT, ids[0] ?? '', 1);
      await sweep(rig);
      expect(await rig.onHand(bread)).toBe(3);
      expect(rig.fake.stockOf(RESTAURANT, ids[0] ?? '')).toEqual({ status: 'QUANTITY', quantity: 3 });
      expect(rig.fake.requests.filter(WRITES)).toEqual([]);
    });

    it('the restaurant removing Makeries is noticed by polling when its webhook is lost', async () => {
      rig.fake.removePartner(RESTAURANT);
      rig.fake.takeWebhooks();
      await sweep(rig);
      const c = await rig.connection();
      expect(c.status).toBe('revoked');
      expect(c.statusReason).toBe('The shop removed Makeries’ access in Toast. Connect again to resume.');
    });
  });

  describe(`Toast webhooks: signatures, and the restaurant removing Makeries [${kind}]`, () => {
    let rig: ToastRig;
    let ids: string[];
    beforeAll(async () => {
      rig = await startToastRig(kind);
      ids = rig.fake.seedMenu(RESTAURANT, 3);
      for (const item of rig.fake.restaurant(RESTAURANT).items.values()) item.image = null;
      rig.fake.setStock(RESTAURANT, ids[0] ?? '', 'QUANTITY', 10);
      await rig.importAll();
      rig.fake.takeWebhooks();
    }, 120_000);
    afterAll(async () => rig.close());

    it('a bad signature is refused with 401 and stores nothing; the genuine delivery is stored once', async () => {
      rig.fake.setStock(RESTAURANT, ids[0] ?? '', 'QUANTITY', 3);
      const [hook] = rig.fake.takeWebhooks();
      if (!hook) throw new Error('no webhook');
      const before = await stored(rig);
      const { timestamp } = JSON.parse(hook.body) as { timestamp: string };
      const tampered = hook.body.replace('"quantity":3', '"quantity":30');
      const bad = [
        { headers: hook.headers, body: tampered },
        { headers: { ...hook.headers, 'toast-signature': signToast('another-secret', hook.body, timestamp) }, body: hook.body },
        { headers: { ...hook.headers, 'toast-signature': signToast(rig.fake.webhookSecret, tampered, timestamp) }, body: hook.body },
        { headers: { ...hook.headers, 'toast-signature': 'not base64 at all' }, body: hook.body },
        { headers: Object.fromEntries(Object.entries(hook.headers).filter(([k]) => k !== 'toast-signature')), body: hook.body },
      ];
      expect(await rig.deliver(bad)).toEqual([401, 401, 401, 401, 401]);
      expect(await stored(rig)).toBe(before);
      expect(await rig.deliver([hook, hook, rig.fake.redeliver(hook)])).toEqual([200, 200, 200]);
      const { guid } = JSON.parse(hook.body) as { guid: string };
      expect(await rig.db.select().from(posWebhookEvents).where(eq(posWebhookEvents.dedupeKey, guid))).toHaveLength(1);
      await rig.drain();
      expect(await rig.onHand(await variantOf(rig, ids[0] ?? ''))).toBe(3);
    });

    it('partner_removed revokes: the pushes still owed are dropped, nothing more is sent, the owner is told', async () => {
      const bread = await variantOf(rig, ids[0] ?? '');
      const writes = rig.fake.requests.filter(WRITES).length;
      await sell(rig, bread, 1);
      await sell(rig, bread, 2);
      rig.fake.removePartner(RESTAURANT);
      const hooks = rig.fake.takeWebhooks();
      expect(hooks.map((h) => h.headers['toast-event-type'])).toEqual(['partner_removed']);
      expect(await rig.deliver(hooks)).toEqual([200]);
      // the webhook is processed before the push jobs get their turn
      await drainPosWebhooks(rig.db, rig.env, 'toast', RESTAURANT, new Date(rig.clock.t));
      const c = await rig.connection();
      expect(c).toMatchObject({ status: 'revoked', statusReason: 'The shop removed Makeries’ access in Toast. Connect again to resume.' });
      const owed = await rig.db.select({ state: posPushes.state, lastError: posPushes.lastError }).from(posPushes).where(eq(posPushes.connectionId, c.id));
      expect(owed).toEqual([
        { state: 'skipped', lastError: 'The connection was revoked.' },
        { state: 'skipped', lastError: 'The connection was revoked.' },
      ]);
      await rig.drain();
      await sell(rig, bread, 1);
      await sweep(rig);
      expect(rig.fake.requests.filter(WRITES)).toHaveLength(writes);
      expect(await rig.db.select().from(posPushes).where(eq(posPushes.connectionId, c.id))).toHaveLength(2);
      const alerts = await rig.db.select({ subject: emailOutbox.subject }).from(emailOutbox).where(eq(emailOutbox.kind, 'pos_alert'));
      expect(alerts).toEqual([{ subject: 'Makeries: the link to Toast stopped' }]);
      expect((await rig.server.caller({ bearer: rig.vendor.ownerToken }).then((o) => o.bridges.status())).state).toBe('revoked');
    });
  });
}
