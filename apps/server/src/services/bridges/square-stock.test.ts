import { mulberry32, uuidv7 } from '@makeries/shared';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { emailOutbox, posConnections, posEntityMap, posPushes } from '../../db/schema/index';
import { DB_KINDS } from '../../test/db';
import { recordMovements } from '../inventory';
import { bridgeView } from './manage';
import { sendPush } from './push';
import { callPos, sealFor } from './connections';
import { LOCATION, MERCHANT, startBridgeRig, type BridgeRig } from './square-test-kit';
import type { FakeWebhookEvent } from './square/fake/index';

const BATCH_CREATE = '/v2/inventory/changes/batch-create';

async function mapped(rig: BridgeRig, extIds: string[]): Promise<Map<string, string>> {
  const c = await rig.connection();
  const rows = await rig.db.select({ extId: posEntityMap.extId, localId: posEntityMap.localId }).from(posEntityMap).where(and(eq(posEntityMap.connectionId, c.id), eq(posEntityMap.entity, 'variant')));
  const m = new Map(rows.map((r) => [r.extId, r.localId]));
  return new Map(extIds.map((e) => [e, m.get(e) ?? '']));
}

async function counterSale(rig: BridgeRig, variantId: string, quantity = 1): Promise<string> {
  const id = uuidv7();
  await recordMovements(rig.db, rig.vendor.vendorId, [{ id, variantId, kind: 'sale', quantity: -quantity, occurredAt: new Date(rig.clock.t), reference: uuidv7() }]);
  return id;
}

for (const kind of DB_KINDS) {
  describe(`stock both ways with Square, never double-counted [${kind}]`, () => {
    let rig: BridgeRig;
    let vars: string[];
    let local: Map<string, string>;
    beforeAll(async () => {
      rig = await startBridgeRig(kind);
      vars = [];
      for (let i = 0; i < 8; i++) {
        const item = rig.fake.upsertItem(MERCHANT, { name: `Jam ${String(i)}`, variations: [{ name: 'Jar', sku: `JAM-${String(i)}`, price: 450, trackInventory: true }] });
        vars.push(...item.variationIds);
      }
      for (const v of vars) rig.fake.setCount(MERCHANT, v, LOCATION, 500);
      await rig.importAll();
      rig.fake.takeEvents();
      local = await mapped(rig, vars);
    }, 120_000);
    afterAll(async () => rig.close());

    it('1,000+ shuffled, duplicated stock webhooks and the echoes of our own sales converge to Square’s count exactly', async () => {
      for (const v of vars) expect(await rig.onHand(local.get(v) ?? '')).toBe(500);
      const rnd = mulberry32(14);
      const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)] as T;
      const events: FakeWebhookEvent[] = [];
      let counterSales = 0;
      for (let op = 0; op < 700; op++) {
        const v = pick(vars);
        const r = rnd();
        if (r < 0.55) rig.fake.sellAtPos(MERCHANT, v, LOCATION, 1 + Math.floor(rnd() * 2));
        else if (r < 0.85) {
          await counterSale(rig, local.get(v) ?? '', 1);
          counterSales++;
          if (rnd() < 0.5) await rig.drain(); // sometimes the push goes out at once, sometimes later
        } else rig.fake.setCount(MERCHANT, v, LOCATION, 300 + Math.floor(rnd() * 200));
        events.push(...rig.fake.takeEvents());
        // deliveries arrive late, twice, and out of order
        if (op % 60 === 59) {
          const batch = events.splice(0, events.length);
          const withDupes = batch.flatMap((e) => (rnd() < 0.6 ? [e, e] : [e]));
          for (let i = withDupes.length - 1; i > 0; i--) {
            const j = Math.floor(rnd() * (i + 1));
            [withDupes[i], withDupes[j]] = [withDupes[j] as FakeWebhookEvent, withDupes[i] as FakeWebhookEvent];
          }
          const statuses = await rig.deliver(withDupes);
          expect(statuses.every((s) => s === 200)).toBe(true);
          deliveries += withDupes.length;
          if (rnd() < 0.7) await rig.drain();
        }
      }
      await rig.drain();
      events.push(...rig.fake.takeEvents());
      const rest = [...events, ...events.slice(0, 200)].reverse();
      await rig.deliver(rest);
      deliveries += rest.length;
      await rig.drain();
      for (const v of vars) expect({ v, onHand: await rig.onHand(local.get(v) ?? '') }).toEqual({ v, onHand: rig.fake.count(MERCHANT, v, LOCATION) });
      // one adjustment per counter sale, each key once in Square
      const keys = rig.fake.calls(BATCH_CREATE).filter((c) => c.status === 200).map((c) => c.idempotencyKey);
      expect(new Set(keys).size).toBe(counterSales);
      const [open] = await queryRows<{ n: number }>(rig.db, sql`SELECT count(*)::int AS n FROM pos_pushes WHERE state IN ('pending', 'sent', 'failed')`);
      expect(open?.n).toBe(0);
      expect(deliveries).toBeGreaterThanOrEqual(1_000);
    }, 300_000);
    let deliveries = 0;

    it('a counter sale reaches Square exactly once through a 5xx after commit, a rate limit and a server killed mid-push', async () => {
      const [a, b] = [vars[0] ?? '', vars[1] ?? ''];
      const beforeA = rig.fake.count(MERCHANT, a, LOCATION);
      rig.fake.faults.failAfterCommit({ times: 1, path: BATCH_CREATE });
      await counterSale(rig, local.get(a) ?? '', 2);
      await rig.drain();
      expect(rig.fake.count(MERCHANT, a, LOCATION)).toBe(beforeA - 2);

      rig.fake.faults.rateLimit({ times: 1, retryAfterSeconds: 1, path: BATCH_CREATE });
      await counterSale(rig, local.get(a) ?? '', 1);
      await rig.drain();
      expect(rig.fake.count(MERCHANT, a, LOCATION)).toBe(beforeA - 3);

      // killed mid-push: Square took the adjustment, we never recorded its answer; the job runs again
      const beforeB = rig.fake.count(MERCHANT, b, LOCATION);
      const movementId = await counterSale(rig, local.get(b) ?? '', 1);
      const [push] = await rig.db.select().from(posPushes).where(eq(posPushes.localRef, movementId));
      if (!push) throw new Error('no push');
      await callPos(rig.db, rig.env, push.connectionId, (c, connector) =>
        connector.pushStockDelta(c, { idempotencyKey: push.idempotencyKey, variantExtId: b, delta: -1, occurredAt: push.occurredAt.toISOString(), reference: movementId }),
      );
      await sendPush(rig.db, rig.env, push.id, new Date(rig.clock.t));
      await rig.drain();
      expect(rig.fake.count(MERCHANT, b, LOCATION)).toBe(beforeB - 1);
      await rig.deliver(rig.fake.takeEvents());
      await rig.drain();
      expect(await rig.onHand(local.get(a) ?? '')).toBe(rig.fake.count(MERCHANT, a, LOCATION));
      expect(await rig.onHand(local.get(b) ?? '')).toBe(rig.fake.count(MERCHANT, b, LOCATION));
      expect(rig.fake.calls(BATCH_CREATE).filter((c) => c.idempotencyKey === push.idempotencyKey).length).toBe(2);
    }, 120_000);

    it('an expired token is renewed mid-sync and the call goes through', async () => {
      const tokenCalls = rig.fake.calls('/oauth2/token').length;
      rig.fake.faults.expireTokensAfter(0);
      await counterSale(rig, local.get(vars[2] ?? '') ?? '', 1);
      await rig.drain();
      expect(rig.fake.calls('/oauth2/token').length).toBe(tokenCalls + 1);
      const [open] = await queryRows<{ n: number }>(rig.db, sql`SELECT count(*)::int AS n FROM pos_pushes WHERE state <> 'acknowledged'`);
      expect(open?.n).toBe(0);
    }, 60_000);

    it('five refused calls in a row pause the link and email the owner; resume restarts it', async () => {
      const c = await rig.connection();
      const good = c.credentialsEnc;
      await rig.db.update(posConnections).set({ credentialsEnc: sealFor(rig.env, { accessToken: 'not-a-token', refreshToken: null, expiresAt: null }) }).where(eq(posConnections.id, c.id));
      for (let i = 0; i < 5; i++) {
        await counterSale(rig, local.get(vars[3] ?? '') ?? '', 1);
        await rig.drain();
      }
      const view = await bridgeView(rig.db, rig.env, rig.vendor.vendorId, 'owner');
      expect(view.state).toBe('paused');
      expect(view.reason).toMatch(/Paused after 5 refused calls in a row/);
      expect(view.pendingPushes).toBe(5);
      const mails = await rig.db.select().from(emailOutbox).where(eq(emailOutbox.kind, 'pos_alert'));
      expect(mails.map((m) => m.subject)).toEqual(['Makeries: the link to Square stopped']);
      const before = rig.fake.count(MERCHANT, vars[3] ?? '', LOCATION);
      await rig.db.update(posConnections).set({ credentialsEnc: good }).where(eq(posConnections.id, c.id));
      const owner = await rig.server.caller({ bearer: rig.vendor.ownerToken });
      expect((await owner.bridges.resume()).state).toBe('in_step');
      await rig.drain();
      expect(rig.fake.count(MERCHANT, vars[3] ?? '', LOCATION)).toBe(before - 5);
      await rig.deliver(rig.fake.takeEvents());
      await rig.drain();
      expect(await rig.onHand(local.get(vars[3] ?? '') ?? '')).toBe(rig.fake.count(MERCHANT, vars[3] ?? '', LOCATION));
    }, 120_000);

    it('revoked in Square: every push stops, owed ones are dropped, the state says why', async () => {
      const applied = () => rig.fake.calls(BATCH_CREATE).filter((x) => x.status === 200).length;
      const callsBefore = applied();
      const c = await rig.connection();
      await rig.db.update(posConnections).set({ status: 'paused' }).where(eq(posConnections.id, c.id));
      await counterSale(rig, local.get(vars[4] ?? '') ?? '', 1);
      await rig.db.update(posConnections).set({ status: 'connected' }).where(eq(posConnections.id, c.id));
      rig.fake.revokeFromSquare(MERCHANT);
      const revoked = rig.fake.takeEvents().filter((e) => e.type === 'oauth.authorization.revoked');
      expect(revoked).toHaveLength(1);
      await rig.deliver(revoked);
      await rig.drain();
      await counterSale(rig, local.get(vars[4] ?? '') ?? '', 1);
      await rig.drain();
      expect(applied()).toBe(callsBefore);
      const view = await bridgeView(rig.db, rig.env, rig.vendor.vendorId, 'owner');
      expect(view).toMatchObject({ state: 'revoked', pendingPushes: 0 });
      expect(view.reason).toMatch(/removed Makeries’ access in Square/);
      const states = await rig.db.select({ state: posPushes.state }).from(posPushes).where(and(eq(posPushes.connectionId, c.id), eq(posPushes.state, 'skipped')));
      expect(states).toHaveLength(1);
    }, 60_000);
  });
}
