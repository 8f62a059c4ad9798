import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import { setMarketLocale } from '@makeries/shared';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import type { Env } from '../env';
import { fastifyTrustProxy } from '../trust-proxy';
import { releasesDirOf } from '../services/releases/platforms';
import { registerMedia } from './media';
import { registerOrderLive } from './order-live';
import { registerPoke } from './poke';
import { registerSecurityHeaders } from './security-headers';
import { registerUpdates } from './updates';
import { registerStorefront } from './storefront';
import { registerStripeWebhook } from './stripe-webhook';
import { registerSmsWebhook } from './sms-webhook';
import { registerPosHooks } from './pos-hooks';
import { DEFAULT_BODY_LIMIT, registerTrpc } from './trpc';

export interface AppOptions {
  database: Database;
  env: Env;
}

export async function buildApp({ database, env }: AppOptions): Promise<FastifyInstance> {
  // messages and pages without a locale of their own (a minimum-order refusal) speak the marketplace's
  setMarketLocale(env.MARKET_LOCALE);
  const app = Fastify({
    logger: env.LOG_LEVEL === 'silent' ? false : { level: env.LOG_LEVEL },
    genReqId: (req) => (typeof req.headers['x-request-id'] === 'string' ? req.headers['x-request-id'] : randomUUID()),
    requestIdHeader: 'x-request-id',
    bodyLimit: DEFAULT_BODY_LIMIT, // the upload procedures have their own routes and limits (./trpc.ts)
    // a batched call names every procedure in the path (/trpc/a.b,c.d,…): Fastify's default of 100 characters 404s a batch of four
    maxParamLength: 2000,
    trustProxy: fastifyTrustProxy(env.TRUST_PROXY), // none unless configured: X-Forwarded-For from anyone else is ignored
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  await app.register(cookie);
  await registerSecurityHeaders(app, env);

  await registerTrpc(app, { database, env });

  await registerStripeWebhook(app, { database, env });
  await registerSmsWebhook(app, { database, env });
  await registerPosHooks(app, { database, env });

  app.get('/healthz', async (_req, reply) => {
    try {
      await database.db.execute(sql`select 1`);
      return { ok: true, database: database.kind };
    } catch {
      return reply.code(503).send({ ok: false, database: database.kind });
    }
  });

  // anything no route serves (a missing image or asset included) answers in the API's words
  app.setNotFoundHandler((_req, reply) => reply.code(404).send({ code: 'NOT_FOUND', message: 'Not found' }));
  await registerMedia(app, env);
  registerUpdates(app, { releasesDir: releasesDirOf(env) });
  registerPoke(app, { database, env });
  registerOrderLive(app, { database, env });
  await registerStorefront(app, { database, env });
  return app;
}
