import type { ServerResponse } from 'node:http';
import { isAppError } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { createContextInner, SESSION_COOKIE } from '../context';
import type { Database } from '../db/client';
import { orders } from '../db/schema/index';
import type { Env } from '../env';
import { writeNewMessages } from '../services/messages/live';
import { findOrderFor } from '../services/orders/access';
import { changeNotifier, retainChangeNotifier } from '../services/sync/notifier';

export interface OrderLiveOptions {
  database: Database;
  env: Env;
  keepAliveMs?: number;
}

interface StatusEvent {
  status: string;
  updatedAt: string;
}

/**
 * GET /live/orders/:orderId — Server-Sent Events with the order's status for its tracking page: one event now,
 * then one per change. Changes are noticed through the change feed's NOTIFY (per vendor, so any server instance's
 * write reaches every instance); each notice re-reads the order and sends only a real change. Same access as
 * orders.byId: the ordering customer's cookie, or the guest's tracking token (`?t=`). The order's messages come on
 * the same stream (`event: messages`, services/messages/live.ts).
 */
export function registerOrderLive(app: FastifyInstance, opts: OrderLiveOptions): void {
  const streams = new Map<ServerResponse, () => void>();
  let closing = false;
  const release = retainChangeNotifier(opts.database);

  app.get<{ Params: { orderId: string }; Querystring: { t?: string } }>('/live/orders/:orderId', async (req, reply) => {
    if (closing) return reply.code(503).send({ code: 'INTERNAL', message: 'The server is restarting; the page will reconnect.' });
    const ctx = await createContextInner({ database: opts.database, env: opts.env, sessionCookie: req.cookies[SESSION_COOKIE] });
    let vendorId: string;
    try {
      const token = typeof req.query.t === 'string' && req.query.t.length > 0 ? req.query.t : undefined;
      if (!/^[0-9a-f-]{36}$/i.test(req.params.orderId)) throw new Error('bad id');
      vendorId = (await findOrderFor(ctx.db, opts.env, ctx.actor, req.params.orderId, token)).order.vendorId;
    } catch (e) {
      const code = isAppError(e) && e.code === 'UNAUTHENTICATED' ? 401 : 404;
      return reply.code(code).send({ code: code === 401 ? 'UNAUTHENTICATED' : 'NOT_FOUND', message: 'We could not find that order.' });
    }
    const orderId = req.params.orderId;
    const raw = reply.raw;
    let last = '';
    // the thread's newest messages on connect (and after a reconnect), then each new one (issue 18)
    const sentMessages = new Set<string>();
    let reading = Promise.resolve();
    const push = () => {
      // one read at a time, in order: a burst of notices collapses into the reads it needs
      reading = reading.then(async () => {
        const [row] = await opts.database.db.select({ status: orders.status, updatedAt: orders.updatedAt }).from(orders).where(eq(orders.id, orderId));
        if (!row || raw.writableEnded || raw.destroyed) return;
        const event: StatusEvent = { status: row.status, updatedAt: row.updatedAt.toISOString() };
        const text = JSON.stringify(event);
        if (text !== last) {
          last = text;
          raw.write(`event: status\ndata: ${text}\n\n`);
        }
        await writeNewMessages(opts.database.db, orderId, sentMessages, (chunk) => raw.write(chunk));
      }).catch((err: unknown) => req.log.warn({ err }, 'order status read failed'));
    };
    let unsubscribe: () => void;
    try {
      unsubscribe = await changeNotifier(opts.database).subscribe((changed) => {
        if (changed === vendorId || changed === '*') push();
      });
    } catch (err) {
      req.log.error({ err }, 'order stream could not subscribe');
      return reply.code(503).send({ code: 'INTERNAL', message: 'Live updates are unavailable; refresh to see the latest status.' });
    }
    reply.hijack();
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write('retry: 3000\n\n');
    push();
    const keepAlive = setInterval(() => {
      if (!raw.writableEnded && !raw.destroyed) raw.write(': keep-alive\n\n');
    }, opts.keepAliveMs ?? 25_000);
    const cleanup = () => {
      clearInterval(keepAlive);
      unsubscribe();
      streams.delete(raw);
    };
    streams.set(raw, cleanup);
    req.raw.on('close', cleanup);
  });

  // open streams would hold app.close() forever: end them (and their sockets) first
  app.addHook('preClose', (done) => {
    closing = true;
    for (const [raw, cleanup] of [...streams]) {
      cleanup();
      raw.end();
      raw.socket?.destroy();
    }
    done();
  });
  app.addHook('onClose', release);
}
