import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createContextInner, SESSION_COOKIE, type Context } from '../context';
import type { Database } from '../db/client';
import type { Env } from '../env';
import { appRouter } from '../routers/index';
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

function sendHtml(req: FastifyRequest, reply: FastifyReply, status: number, html: string) {
  reply
    .code(status)
    .type('text/html; charset=utf-8')
    // pages can show who is signed in and the shop's live state: revalidate every time, never share
    .header('cache-control', 'private, no-cache')
    .header('vary', 'accept-encoding, cookie');
  if (html.length > 1024 && (req.headers['accept-encoding'] ?? '').includes('gzip')) {
    return reply.header('content-encoding', 'gzip').send(gzipSync(html, { level: 6 }));
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

  app.get('/*', async (req, reply) => {
    const url = new URL(req.url, env.PUBLIC_URL);
    if (NOT_PAGES.test(url.pathname)) return reply.code(404).send({ code: 'NOT_FOUND', message: 'Not found' });
    if (!ssr) return reply.code(503).type('text/html; charset=utf-8').send(UNBUILT);
    const request = new Request(url, { headers: { cookie: req.headers.cookie ?? '' } });
    let ctx: Promise<Context> | undefined;
    const createContext = () =>
      (ctx ??= createContextInner({
        database,
        env,
        log: req.log as never,
        sessionCookie: req.cookies[SESSION_COOKIE],
        ip: req.ip,
        requestId: req.id,
      }));
    // only rendering can fail here; the reply is returned outside the try (it is a thenable, not to be awaited)
    let page: Awaited<ReturnType<typeof ssr.renderPage>>;
    try {
      page = await ssr.renderPage(request, { router: appRouter, createContext, scriptNonce: scriptNonce(req.raw) });
    } catch (err) {
      req.log.error({ err, url: req.url }, 'storefront render failed');
      return sendHtml(req, reply, 500, '<!doctype html><meta charset="utf-8"><title>Makeries</title><p>Something went wrong on our side. Please try again.</p>');
    }
    if (page.location) return reply.redirect(page.location, page.status);
    return sendHtml(req, reply, page.status, page.html);
  });
}
