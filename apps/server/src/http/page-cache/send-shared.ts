import type { ShareablePage } from '@makeries/web/ssr';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Env } from '../../env';
import type { SharedAnswer } from './page-cache';

type SharedHeaderEnv = Pick<Env, 'PAGE_CACHE_S_MAXAGE' | 'PAGE_CACHE_STALE_WHILE_REVALIDATE'>;
import { pageTags } from './purge-hook';

/** Does If-None-Match name this page (either body's validator)? `*` matches any current page. */
function notModified(req: FastifyRequest, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  const gz = `${etag.slice(0, -1)}-gz"`;
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === etag || t === gz);
}

/**
 * Sends a shared page. A complete page (200) is public: a CDN may keep it for s-maxage seconds and serve it
 * stale while revalidating; browsers revalidate every time (max-age=0) with If-None-Match → 304. It varies only
 * by encoding. Exception: a page rendered for a saved location (cookie) is sent private, since a CDN keys on the
 * URL (the README says to bypass the CDN for requests carrying `mk_loc`). Error pages are never shared.
 */
export function sendShared(req: FastifyRequest, reply: FastifyReply, answer: SharedAnswer, shareable: ShareablePage, env: SharedHeaderEnv): FastifyReply {
  const page = answer.page;
  if (!page) throw new Error('a shared answer without a page');
  const complete = answer.status === 200;
  const personal = shareable.cookie !== '';
  const { PAGE_CACHE_S_MAXAGE: sMaxAge, PAGE_CACHE_STALE_WHILE_REVALIDATE: swr } = env;
  reply
    .type('text/html; charset=utf-8')
    .header('content-security-policy', page.csp)
    .header('x-page-cache', answer.hit ? 'hit' : 'miss');
  if (complete && !personal) {
    reply
      .header('cache-control', `public, max-age=0, s-maxage=${sMaxAge}, stale-while-revalidate=${swr}`)
      .header('vary', 'accept-encoding')
      .header('cache-tag', pageTags(page.scope, page.shopIds).join(','))
      .header('surrogate-key', pageTags(page.scope, page.shopIds).join(' '));
  } else {
    reply.header('cache-control', 'private, no-cache').header('vary', 'accept-encoding, cookie');
  }
  const gzip = (req.headers['accept-encoding'] ?? '').includes('gzip');
  const etag = gzip ? `${page.etag.slice(0, -1)}-gz"` : page.etag;
  if (complete) {
    reply.header('etag', etag);
    if (notModified(req, page.etag)) return reply.code(304).send();
  }
  reply.code(answer.status);
  return gzip ? reply.header('content-encoding', 'gzip').send(page.gzip) : reply.send(page.plain);
}
