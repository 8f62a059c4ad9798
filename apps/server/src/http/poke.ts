import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createContextInner } from '../context';
import type { Database } from '../db/client';
import type { Env } from '../env';
import { changeNotifier, retainChangeNotifier } from '../services/sync/notifier';

export interface PokeOptions {
  database: Database;
  env: Env;
  /** keep-alive comment interval; proxies drop idle streams after ~30–60 s */
  keepAliveMs?: number;
}

function tokenOf(req: FastifyRequest): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7);
  const q = (req.query as { token?: unknown } | undefined)?.token;
  // EventSource cannot set headers, so a browser-mode counter passes its token in the query string
  return typeof q === 'string' && q.length > 0 ? q : undefined;
}

async function openStream(
  req: FastifyRequest,
  reply: FastifyReply,
  opts: PokeOptions,
  vendorId: string,
  open: Set<ServerResponse>,
): Promise<void> {
  const raw = reply.raw;
  const send = (chunk: string) => {
    if (!raw.writableEnded && !raw.destroyed) raw.write(chunk);
  };
  // subscribe before answering, so a dead LISTEN connection is a 503 rather than a silent stream
  const unsubscribe = await changeNotifier(opts.database).subscribe((changed) => {
    if (changed === vendorId || changed === '*') send('event: poke\ndata: {}\n\n');
  });
  reply.hijack();
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  raw.write('retry: 5000\n: connected\n\n');
  open.add(raw);
  const keepAlive = setInterval(() => send(': keep-alive\n\n'), opts.keepAliveMs ?? 25_000);
  req.raw.on('close', () => {
    clearInterval(keepAlive);
    unsubscribe();
    open.delete(raw);
  });
}

/**
 * GET /sync/poke: a Server-Sent Events stream telling a paired counter to pull now (DESIGN §4). It carries no
 * data — the counter pulls through `sync.pull` — so a missed poke costs at most one poll interval. Pokes come
 * from the change-feed triggers' NOTIFY, so a change made by any server instance reaches every instance.
 */
export function registerPoke(app: FastifyInstance, opts: PokeOptions): void {
  const open = new Set<ServerResponse>();
  const release = retainChangeNotifier(opts.database);
  app.get('/sync/poke', async (req, reply) => {
    const ctx = await createContextInner({ database: opts.database, env: opts.env, bearer: tokenOf(req) });
    if (ctx.actor.kind !== 'device') {
      return reply.code(401).send({ code: 'UNAUTHENTICATED', message: 'This is for paired counters only.' });
    }
    try {
      await openStream(req, reply, opts, ctx.actor.vendorId, open);
    } catch (e) {
      req.log.error({ err: e }, 'poke stream could not subscribe');
      return reply.code(503).send({ code: 'INTERNAL', message: 'Live updates are unavailable; the counter keeps polling.' });
    }
    return reply;
  });
  // open streams would hold app.close() forever: end them first, then stop listening
  app.addHook('preClose', async () => {
    for (const raw of open) raw.end();
    open.clear();
  });
  app.addHook('onClose', release);
}
