import { Writable } from 'node:stream';
import { uuidv7 } from '@makeries/shared';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerStripeWebhook, STRIPE_WEBHOOK_PATH } from '../http/stripe-webhook';
import { registerTrpc } from '../http/trpc';
import { createShop, envelope, epochOf } from '../services/sync/sync-test-kit';
import { DB_KINDS } from '../test/db';
import { testEnv } from '../test/harness';
import { callerAs, openServer, outcomeOf, securityFixture, type SecurityFixture } from './security-kit';

/** Every line a pino logger writes, parsed. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n')) if (l.trim()) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  const events = (kind: string) => lines.filter((l) => l.event === 'security' && l.kind === kind);
  return { log: pino({ level: 'info' }, stream), lines, events };
}

for (const kind of DB_KINDS) {
  describe(`security events carry the request id [${kind}]`, () => {
    let fx: SecurityFixture;
    beforeAll(async () => {
      fx = await securityFixture(await openServer(kind));
    });
    afterAll(async () => {
      await fx?.server.database.destroy();
    });

    it('logs a signed-in actor refused by role, not an anonymous visitor meeting a sign-in wall', async () => {
      const { log, events } = capture();
      const cashier = await callerAs(fx, 'cashier', { log, requestId: 'req-role-1' });
      expect((await outcomeOf(cashier.staff.list())).ok).toBe(false);
      const anonymous = await callerAs(fx, 'anonymous', { log, requestId: 'req-anon-1' });
      expect((await outcomeOf(anonymous.staff.list())).ok).toBe(false);
      const device = await callerAs(fx, 'device', { log, requestId: 'req-device-1' });
      expect((await outcomeOf(device.vendors.mine())).ok).toBe(false);

      expect(events('auth_refused')).toEqual([
        expect.objectContaining({ level: 40, requestId: 'req-role-1', path: 'staff.list', code: 'FORBIDDEN', role: 'cashier', vendorId: fx.shop.vendorId }),
        expect.objectContaining({ requestId: 'req-device-1', path: 'vendors.mine', code: 'UNAUTHENTICATED', actor: 'device' }),
      ]);
    });

    it('logs a sign-in lockout with the request id and without the password', async () => {
      const { log, events } = capture();
      const email = fx.customer.email;
      let limited = false;
      let lastRequest = '';
      // 10 a place per window by default; 25 tries still get there if a window boundary falls inside the loop
      for (let i = 0; i < 25 && !limited; i++) {
        // one address for every attempt, as one guesser would
        lastRequest = `req-login-${i}`;
        const caller = await callerAs(fx, 'anonymous', { log, requestId: lastRequest, ip: '203.0.113.9' });
        const outcome = await outcomeOf(caller.auth.customerLogin({ email, password: 'not the password at all' }));
        limited = !outcome.ok && outcome.code === 'RATE_LIMITED';
      }
      expect(limited).toBe(true);
      expect(events('rate_limited')).toEqual([
        expect.objectContaining({ level: 40, requestId: lastRequest, path: 'auth.customerLogin', actor: 'anonymous', ip: '203.0.113.9' }),
      ]);
      expect(JSON.stringify(events('rate_limited'))).not.toContain('not the password');
    });

    it('logs a counter’s sync mutation naming another shop’s staff member', async () => {
      const { log, events } = capture();
      const other = await createShop(fx.server.database.db);
      const device = await callerAs(fx, 'device', { log, requestId: 'req-sync-9' });
      const me = await device.devices.me();
      const m = envelope(me.device.lastMutationId + 1, 'shift.event', {
        id: uuidv7(),
        shiftId: uuidv7(),
        kind: 'open',
        staffId: other.ownerId,
        occurredAt: new Date().toISOString(),
        amountCents: 0,
      });
      const res = await device.sync.push({ epoch: await epochOf(fx.server.database.db), mutations: [m] });
      expect(res.results[0]).toMatchObject({ status: 'rejected', code: 'NOT_FOUND' });
      expect(events('cross_tenant_refused')).toEqual([
        expect.objectContaining({ requestId: 'req-sync-9', mutation: 'shift.event', id: m.id, code: 'NOT_FOUND', vendorId: fx.shop.vendorId }),
      ]);
    });

    describe('over HTTP, with the x-request-id header', () => {
      let app: FastifyInstance;
      let seen: ReturnType<typeof capture>;
      beforeAll(async () => {
        seen = capture();
        const env = testEnv({ STRIPE_WEBHOOK_SECRET: 'whsec_security_events_test' });
        // the options of http/app.ts that matter here: our logger, the request id from the header
        // typed as Fastify's base logger so the instance type matches `app` (pino's own type would not)
        const log: FastifyBaseLogger = seen.log;
        app = Fastify({ loggerInstance: log, requestIdHeader: 'x-request-id' });
        await app.register(cookie);
        await registerTrpc(app, { database: fx.server.database, env });
        await registerStripeWebhook(app, { database: fx.server.database, env });
        await app.ready();
      });
      afterAll(async () => {
        await app?.close();
      });

      it('logs a webhook with a bad or missing signature', async () => {
        const body = JSON.stringify({ id: 'evt_1', type: 'account.updated' });
        const bad = await app.inject({
          method: 'POST',
          url: STRIPE_WEBHOOK_PATH,
          headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=deadbeef', 'x-request-id': 'hook-42' },
          payload: body,
        });
        expect(bad.statusCode).toBe(400);
        const missing = await app.inject({
          method: 'POST',
          url: STRIPE_WEBHOOK_PATH,
          headers: { 'content-type': 'application/json', 'x-request-id': 'hook-43' },
          payload: body,
        });
        expect(missing.statusCode).toBe(400);
        expect(seen.events('bad_webhook_signature')).toEqual([
          expect.objectContaining({ requestId: 'hook-42', reqId: 'hook-42', reason: 'mismatch' }),
          expect.objectContaining({ requestId: 'hook-43', reason: 'missing' }),
        ]);
      });

      it('logs a refusal of a tRPC call with the id of the HTTP request', async () => {
        const res = await app.inject({
          method: 'GET',
          url: '/trpc/staff.list',
          headers: { authorization: `Bearer ${fx.deviceToken}`, 'x-request-id': 'trpc-7' },
        });
        expect(res.statusCode).toBe(401);
        expect(seen.events('auth_refused')).toEqual([expect.objectContaining({ requestId: 'trpc-7', path: 'staff.list', actor: 'device' })]);
      });
    });
  });
}
