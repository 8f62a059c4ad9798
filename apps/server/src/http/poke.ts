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

/** The device token, from `Authorization: Bearer` only: a token in the query string would end up in access logs. */
function tokenOf(req: FastifyRequest): string | undefined {
  const auth = req.headers.authorization;
  return auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
}

async function openStream(
  req: FastifyRequest,
  reply: FastifyReply,
  opts: PokeOptions,
  vendorId: string,
  open: OpenStreams,
): Promise<void> {
  const raw = reply.raw;
  const send = (chunk: string) => {
    if (!raw.writableEnded && !raw.destroyed) raw.write(chunk);
  };
  // subscribe before answering, so a dead LISTEN connection is a 503 rather than a silent stream
  const unsubscribe = await changeNotifier(opts.database).subscribe((changed) => {
    if (changed === vendorId || changed === '*') send('event: poke\ndata: {}\n\n');
  });
  if (open.closing) {
    unsubscribe();
    void reply.code(503).send({ code: 'INTERNAL', message: 'The server is restarting; the counter will reconnect.' });
    return;
  }
  reply.hijack();
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  raw.write('retry: 5000\n: connected\n\n');
  // every 3 s: a counter that hears nothing for 7 s shows Offline (a hung server is noticed within 10 s)
  const keepAlive = setInterval(() => send(': keep-alive\n\n'), opts.keepAliveMs ?? 3_000);
  const cleanup = () => {
    clearInterval(keepAlive);
    unsubscribe();
    open.streams.delete(raw);
  };
  open.streams.set(raw, cleanup);
  req.raw.on('close', cleanup);
}

/** Live streams and their clean-ups; once closing, new streams are refused so app.close() never waits on one. */
interface OpenStreams {
  closing: boolean;
  streams: Map<ServerResponse, () => void>;
}

/**
 * GET /sync/poke: a Server-Sent Events stream telling a paired counter to pull now (DESIGN §4). It carries no
 * data — the counter pulls through `sync.pull` — so a missed poke costs at most one poll interval. Pokes come
 * from the change-feed triggers' NOTIFY, so a change made by any server instance reaches every instance.
 */
export function registerPoke(app: FastifyInstance, opts: PokeOptions): void {
  const open: OpenStreams = { closing: false, streams: new Map() };
  const release = retainChangeNotifier(opts.database);
  app.get('/sync/poke', async (req, reply) => {
    if (open.closing) return reply.code(503).send({ code: 'INTERNAL', message: 'The server is restarting; the counter will reconnect.' });
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
  // open streams would hold app.close() forever: refuse new ones, release and drop the open ones (their sockets
  // too, or keep-alive holds the close), then stop listening
  app.addHook('preClose', (done) => {
    open.closing = true;
    for (const [raw, cleanup] of [...open.streams]) {
      cleanup();
      raw.end();
      raw.socket?.destroy();
    }
    done();
  });
  app.addHook('onClose', release);
}
