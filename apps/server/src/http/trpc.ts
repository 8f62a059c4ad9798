import { IMAGE_MAX_BYTES, RECEIPT_LOGO_MAX_BYTES, STAFF_PROOF_HEADER, toWireError } from '@makeries/shared';
import { fastifyRequestHandler } from '@trpc/server/adapters/fastify';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createContextInner, OPERATOR_COOKIE, OPERATOR_HEADER, SESSION_COOKIE, type CookieJar } from '../context';
import type { Database } from '../db/client';
import type { Env } from '../env';
import { appRouter } from '../routers/index';
import { markWrite, readsPrimary } from './read-primary';

const MB = 1024 * 1024;
/** Every request body, tRPC or not, unless its route says otherwise (Fastify's `bodyLimit`). */
export const DEFAULT_BODY_LIMIT = 1 * MB;
/** base64 makes bytes a third bigger; the rest is room for the JSON around it and wrapped base64 lines */
const base64Room = (bytes: number) => Math.ceil(bytes / 3) * 4 + 1 * MB;
/** The procedures with big bodies, each on its own route with a limit to match what it carries. */
const LARGE_BODY_LIMITS: Readonly<Record<string, number>> = {
  'products.uploadImage': base64Room(IMAGE_MAX_BYTES),
  'products.uploadImageFromCounter': base64Room(IMAGE_MAX_BYTES),
  'counterCustomers.uploadReceiptLogo': base64Room(RECEIPT_LOGO_MAX_BYTES),
  // an order message may carry one photo (issue 18)
  'messages.send': base64Room(IMAGE_MAX_BYTES),
  'messages.reply': base64Room(IMAGE_MAX_BYTES),
  // a counter back from a day offline pushes up to PUSH_BATCH_MAX sales at once (the limit all bodies had before)
  'sync.push': 12 * MB,
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cookie sessions only count on same-origin mutations (CSRF), on top of SameSite=Lax: the Origin must be ours,
 * or, when a browser sends no Origin, `Sec-Fetch-Site: same-origin` must vouch for it. Otherwise the request is
 * anonymous. Bearer tokens (staff, counters) are not cookies and are not affected.
 */
function sessionCookieFor(req: FastifyRequest, env: Pick<Env, 'PUBLIC_URL'>, name = SESSION_COOKIE, anyMethod = false): string | undefined {
  const value = req.cookies[name];
  if (!value) return undefined;
  if (SAFE_METHODS.has(req.method) && !anyMethod) return value;
  const origin = req.headers.origin;
  if (origin !== undefined) return origin === new URL(env.PUBLIC_URL).origin ? value : undefined;
  return req.headers['sec-fetch-site'] === 'same-origin' ? value : undefined;
}

/**
 * The operator's cookie counts only on the console's own calls (OPERATOR_HEADER) and, unlike the customer's, only
 * with same-origin proof on reads too (Origin, or Sec-Fetch-Site, which browsers send on every fetch): a console
 * read is as sensitive as a write.
 */
function operatorCookieFor(req: FastifyRequest, env: Pick<Env, 'PUBLIC_URL'>): string | undefined {
  return req.headers[OPERATOR_HEADER] === '1' ? sessionCookieFor(req, env, OPERATOR_COOKIE, true) : undefined;
}

/** A body over the limit, answered in tRPC's error shape (one per call of a batch) so clients show the message. */
function tooLarge(req: FastifyRequest<{ Params: { path: string } }>, reply: FastifyReply, limit: number) {
  const path = req.params.path ?? req.routeOptions.url?.replace(/^\/trpc\//, '') ?? '';
  const message = `This request is too large: the server takes at most ${(limit / MB).toFixed(limit % MB === 0 ? 0 : 1)} MB here.`;
  const wire = toWireError('PAYLOAD_TOO_LARGE', message, undefined, message);
  const error = {
    message,
    code: TRPC_ERROR_CODES_BY_KEY.PAYLOAD_TOO_LARGE,
    data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413, path, ...wire, details: { maxBytes: limit } },
  };
  const batch = (req.query as { batch?: unknown }).batch === '1' || (req.query as { batch?: unknown }).batch === 'true';
  const body = batch ? path.split(',').map(() => ({ error })) : { error };
  return reply.code(413).type('application/json').send(body);
}

/**
 * Mounts the API at /trpc/:path (DEFAULT_BODY_LIMIT), plus a route per big-body procedure with its own limit.
 * Same handling as `fastifyTRPCPlugin`, which cannot give one procedure a bigger body than the others.
 */
export async function registerTrpc(app: FastifyInstance, { database, env }: { database: Database; env: Env }): Promise<void> {
  const secure = env.PUBLIC_URL.startsWith('https://');
  await app.register((scope, _opts, done) => {
    // tRPC parses the JSON itself
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    scope.setErrorHandler((err: FastifyError, req: FastifyRequest<{ Params: { path: string } }>, reply) => {
      if (err.code !== 'FST_ERR_CTP_BODY_TOO_LARGE') throw err;
      return tooLarge(req, reply, req.routeOptions.bodyLimit ?? DEFAULT_BODY_LIMIT);
    });

    const handle = (req: FastifyRequest, reply: FastifyReply, path: string) =>
      fastifyRequestHandler({
        router: appRouter,
        req,
        res: reply,
        path,
        createContext: async () => {
          const auth = req.headers.authorization;
          const jar: CookieJar = {
            set: (name, value, opts) =>
              void reply.setCookie(name, value, { path: '/', httpOnly: true, sameSite: name === OPERATOR_COOKIE ? 'strict' : 'lax', secure, expires: opts.expires }),
            clear: (name) => void reply.clearCookie(name, { path: '/' }),
          };
          markWrite(req, reply, database, secure);
          return createContextInner({
            database,
            env,
            readPrimary: req.method === 'POST' || readsPrimary(req),
            log: req.log as never,
            bearer: auth?.startsWith('Bearer ') ? auth.slice(7) : undefined,
            sessionCookie: sessionCookieFor(req, env),
            operatorCookie: operatorCookieFor(req, env),
            staffProofs: req.headers[STAFF_PROOF_HEADER],
            ip: req.ip,
            requestId: req.id,
            cookies: jar,
          });
        },
        onError({ error, path: failed }) {
          if (error.code === 'INTERNAL_SERVER_ERROR') app.log.error({ err: error.cause ?? error, path: failed }, 'procedure failed');
        },
      });

    for (const [path, bodyLimit] of Object.entries(LARGE_BODY_LIMITS)) {
      scope.post<{ Params: { path: string } }>(`/trpc/${path}`, { bodyLimit }, (req, reply) => handle(req, reply, path));
    }
    scope.all<{ Params: { path: string } }>('/trpc/:path', { bodyLimit: DEFAULT_BODY_LIMIT }, (req, reply) =>
      handle(req, reply, req.params.path),
    );
    done();
  });
}
