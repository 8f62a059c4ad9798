import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createContextInner, OPERATOR_COOKIE, SESSION_COOKIE, type Context } from '../context';
import type { Database } from '../db/client';
import type { Env } from '../env';
import { appRouter } from '../routers/index';
import { retainChangeNotifier } from '../services/sync/notifier';
import { PageCache } from './page-cache/page-cache';
import { sendShared } from './page-cache/send-shared';
import { readsPrimary } from './read-primary';
import { scriptNonce } from './security-headers';
import { registerSeoFiles } from './seo-files';
import { registerStaticFiles } from './static-files';

type Ssr = typeof import('@makeries/web/ssr');

/** Paths the storefront never renders: API, media, health, live streams. They 404 as JSON, not as a page. */
const NOT_PAGES = /^\/(trpc|media|assets|live|sync|healthz)(\/|$)/;

async function loadSsr(): Promise<Ssr | null> {
  try {
    return await import('@makeries/web/ssr');
  } catch {
    return null;
  }
}

const UNBUILT = `<!doctype html><meta charset="utf-8"><title>Makeries</title>
<p>The storefront is not built yet. Run <code>pnpm build</code> (or <code>pnpm start</code>, which builds it) and restart.</p>`;

const gzipAsync = promisify(gzip);

const FAILED = '<!doctype html><meta charset="utf-8"><title>Makeries</title><p>Something went wrong on our side. Please try again.</p>';

async function sendHtml(req: FastifyRequest, reply: FastifyReply, status: number, html: string, cacheControl = 'private, no-cache') {
  reply
    .code(status)
    .type('text/html; charset=utf-8')
    // pages can show who is signed in and the shop's live state: revalidate every time, never share
    .header('cache-control', cacheControl)
    .header('vary', 'accept-encoding, cookie');
  if (html.length > 1024 && (req.headers['accept-encoding'] ?? '').includes('gzip')) {
    // off the event loop: a large page's compression no longer stalls every other request
    return reply.header('content-encoding', 'gzip').send(await gzipAsync(html, { level: 6 }));
  }
  return reply.send(html);
}

/**
 * The customer storefront (apps/web): server-rendered React pages for every GET that is not API, with data
 * loaded through the same tRPC procedures, called in-process as the visitor (their session cookie, if any).
 */
export async function registerStorefront(app: FastifyInstance, { database, env }: { database: Database; env: Env }): Promise<void> {
  registerSeoFiles(app, { database, env });
  const ssr = await loadSsr();
  if (!ssr) app.log.warn('the storefront is not built (apps/web/dist); pages answer 503 until `pnpm build` has run');
  else await registerStaticFiles(app, ssr.clientDir);
  const pages = new PageCache({ database, env, log: app.log });
  const release = retainChangeNotifier(database);
  app.addHook('onClose', async () => {
    await pages.close();
    await release();
  });

  app.get('/*', async (req, reply) => {
    const url = new URL(req.url, env.PUBLIC_URL);
    if (NOT_PAGES.test(url.pathname)) return reply.code(404).send({ code: 'NOT_FOUND', message: 'Not found' });
    if (!ssr) return reply.code(503).type('text/html; charset=utf-8').send(UNBUILT);
    const consolePage = isConsolePath(url.pathname);
    // the operator console: never from the shared page cache, never kept by any cache, never indexed
    if (consolePage) reply.header('x-robots-tag', 'noindex, nofollow');
    const shareable = consolePage ? null : ssr.shareablePage(url, req.headers.cookie);
    if (shareable) {
      // rendered as anyone sees it (no session, only the saved location), so one copy serves every visitor
      const answer = await pages.page(shareable, async () => {
        try {
          const request = new Request(url, { headers: { cookie: shareable.cookie } });
          let anonymous: Promise<Context> | undefined;
          // from the primary: a copy filled from a lagging replica right after a change notification would keep
          // the old price until the next change (renders are rare with the cache, so the primary carries them)
          const createContext = () =>
            (anonymous ??= createContextInner({ database, env, log: req.log as never, ip: req.ip, requestId: req.id, readPrimary: true }));
          return await ssr.renderPage(request, { router: appRouter, createContext, shared: true });
        } catch (err) {
          req.log.error({ err, url: req.url }, 'storefront render failed');
          return { status: 500, html: FAILED, shopIds: [] };
        }
      });
      if (answer.location !== undefined) return reply.redirect(answer.location, answer.status);
      return sendShared(req, reply, answer, shareable, env);
    }
    const request = new Request(url, { headers: { cookie: req.headers.cookie ?? '' } });
    let ctx: Promise<Context> | undefined;
    const createContext = () =>
      (ctx ??= createContextInner({
        database,
        env,
        log: req.log as never,
        sessionCookie: req.cookies[SESSION_COOKIE],
        // the operator console's pages (/admin) render as the signed-in operator; no other page sees that cookie
        operatorCookie: consolePage ? req.cookies[OPERATOR_COOKIE] : undefined,
        ip: req.ip,
        requestId: req.id,
        // a visitor who just wrote (checkout, review) reads the primary for a while: never behind their own write
        readPrimary: readsPrimary(req),
      }));
    // only rendering can fail here; the reply is returned outside the try (it is a thenable, not to be awaited)
    let page: Awaited<ReturnType<typeof ssr.renderPage>>;
    try {
      page = await ssr.renderPage(request, { router: appRouter, createContext, scriptNonce: scriptNonce(req.raw) });
    } catch (err) {
      req.log.error({ err, url: req.url }, 'storefront render failed');
      return sendHtml(req, reply, 500, FAILED);
    }
    if (page.location) return reply.redirect(page.location, page.status);
    return sendHtml(req, reply, page.status, page.html, consolePage ? 'no-store' : undefined);
  });
}

/** The operator console: /admin and below. */
function isConsolePath(pathname: string): boolean {
  return pathname === '/admin' || pathname.startsWith('/admin/');
}
