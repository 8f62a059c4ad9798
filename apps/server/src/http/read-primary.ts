import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/client';

/**
 * Read-your-writes with a read replica (DATABASE_READ_URL): a visitor who just wrote something (any tRPC mutation,
 * e.g. a guest checkout) carries this cookie for a few seconds, and meanwhile their catalog and search reads go to
 * the primary, so the stock they took or the review they left is never hidden behind replication lag. Signed-in
 * customers, staff and counters read the primary anyway (context.ts). The value is when the marker ends (ms).
 */
export const READ_PRIMARY_COOKIE = 'mk_rp';
/** far above a healthy replica's lag (milliseconds); a replica further behind than this is an incident to alert on */
const READ_PRIMARY_MS = 10_000;

export function readsPrimary(req: FastifyRequest, now = Date.now()): boolean {
  const until = Number(req.cookies[READ_PRIMARY_COOKIE]);
  return Number.isFinite(until) && until > now;
}

/** After a write (any POST to the API) when a replica is in use: mark this browser as reading the primary for a while. */
export function markWrite(req: FastifyRequest, reply: FastifyReply, database: Database, secure: boolean, now = Date.now()): void {
  if (!database.replica || req.method !== 'POST') return;
  const until = now + READ_PRIMARY_MS;
  void reply.setCookie(READ_PRIMARY_COOKIE, String(until), { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: new Date(until) });
}
