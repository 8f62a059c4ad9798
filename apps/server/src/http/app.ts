import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import { createContextInner, SESSION_COOKIE, type CookieJar } from '../context';
import type { Database } from '../db/client';
import type { Env } from '../env';
import { appRouter, type AppRouter } from '../routers/index';
import { releasesDirOf } from '../services/releases/platforms';
import { registerMedia } from './media';
import { registerOrderLive } from './order-live';
import { registerPoke } from './poke';
import { registerUpdates } from './updates';
import { registerStorefront } from './storefront';
import { registerStripeWebhook } from './stripe-webhook';

export interface AppOptions {
  database: Database;
  env: Env;
}

/** Cookie sessions only count on same-origin mutations (CSRF): SameSite=Lax plus an Origin check. */
function sessionCookieFor(req: FastifyRequest, env: Env): string | undefined {
  const value = req.cookies[SESSION_COOKIE];
  if (!value) return undefined;
  const origin = req.headers.origin;
  if (req.method !== 'GET' && origin && origin !== new URL(env.PUBLIC_URL).origin) return undefined;
  return value;
}

export async function buildApp({ database, env }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: env.LOG_LEVEL === 'silent' ? false : { level: env.LOG_LEVEL },
    genReqId: (req) => (typeof req.headers['x-request-id'] === 'string' ? req.headers['x-request-id'] : randomUUID()),
    requestIdHeader: 'x-request-id',
    bodyLimit: 12 * 1024 * 1024, // image uploads arrive base64 inside tRPC bodies
    trustProxy: true,
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  await app.register(cookie);

  const secure = env.PUBLIC_URL.startsWith('https://');
  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      createContext: async ({ req, res }) => {
        const auth = req.headers.authorization;
        const jar: CookieJar = {
          set: (name, value, opts) =>
            void res.setCookie(name, value, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: opts.expires }),
          clear: (name) => void res.clearCookie(name, { path: '/' }),
        };
        return createContextInner({
          database,
          env,
          log: req.log as never,
          bearer: auth?.startsWith('Bearer ') ? auth.slice(7) : undefined,
          sessionCookie: sessionCookieFor(req, env),
          ip: req.ip,
          requestId: String(req.id),
          cookies: jar,
        });
      },
      onError({ error, path }) {
        if (error.code === 'INTERNAL_SERVER_ERROR') app.log.error({ err: error.cause ?? error, path }, 'procedure failed');
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
  });

  await registerStripeWebhook(app, { database, env });

  app.get('/healthz', async (_req, reply) => {
    try {
      await database.db.execute(sql`select 1`);
      return { ok: true, database: database.kind };
    } catch {
      return reply.code(503).send({ ok: false, database: database.kind });
    }
  });

  registerMedia(app, env);
  registerUpdates(app, { releasesDir: releasesDirOf(env) });
  registerPoke(app, { database, env });
  registerOrderLive(app, { database, env });
  await registerStorefront(app, { database, env });
  return app;
}
