import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { dirname, join } from 'node:path';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { AppError } from '@makeries/shared';
import type { CounterCore } from '../index';
import { counterRouter } from '../router/index';
import { createCounterContext } from '../router/context';
import { createCredentialStore } from '../sync/credentials';
import type { SyncController } from '../sync/types';
import { checkRequest, sendJson, type GuardOptions } from './guard';
import { createMediaCache, MEDIA_PREFIX, type MediaCache, type MediaCacheOptions } from './media-cache';
import { createStaticSite } from './static-files';

export const TRPC_PATH = '/trpc';
const DEFAULT_HOST = '127.0.0.1';

export interface CounterServerOptions extends GuardOptions {
  core: CounterCore;
  sync: SyncController;
  /** 0 picks a free port (tests) */
  port: number;
  host?: string;
  /** the built counter UI (dist-renderer) to serve on the same origin; absent or not built = API only */
  uiDir?: string;
  /** product photos under /media/ (tests point them elsewhere); by default the paired marketplace's, kept in <data>/media-cache */
  media?: Partial<MediaCacheOptions>;
  /** unexpected errors (not AppErrors staff already see) go here */
  onInternalError?: (error: unknown, path: string | undefined) => void;
}

export interface RunningCounterServer {
  /** e.g. http://127.0.0.1:4319 */
  url: string;
  port: number;
  /** true when the counter UI is served at `url` */
  servesUi: boolean;
  close(): Promise<void>;
}

/** What /healthz answers: cheap, no staff needed, enough for a supervisor or a test to know it is up. */
function health(core: CounterCore, sync: SyncController) {
  const s = sync.status();
  const d = core.device.get();
  return { ok: true, paired: s.paired, registerCode: d.registerCode, online: s.online, pending: s.pending, rejected: s.rejected };
}

function defaultMedia(core: CounterCore, given: Partial<MediaCacheOptions> = {}): MediaCache {
  const dataDir = dirname(core.file);
  const creds = createCredentialStore(dataDir);
  return createMediaCache({ dir: join(dataDir, 'media-cache'), serverUrl: () => creds.read()?.serverUrl ?? null, ...given });
}

/** A photo from the cache (or fetched into it): the page's img-src stays 'self'. */
async function serveMedia(media: MediaCache, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') { sendJson(res, 405, { ok: false, message: 'Photos are read-only.' }); return; }
  const answer = await media.get(path.slice(MEDIA_PREFIX.length));
  if (answer.status !== 200) { sendJson(res, answer.status, { ok: false, message: answer.message }); return; }
  res.writeHead(200, {
    'content-type': answer.type,
    'content-length': answer.body.length,
    'cache-control': 'private, max-age=86400',
    'x-content-type-options': 'nosniff',
  });
  res.end(req.method === 'HEAD' ? undefined : answer.body);
}

/** No WebSocket is served (live updates are server-sent events): 403 for a foreign page, 404 otherwise. */
function refuseUpgrade(socket: Duplex, status: 403 | 404): void {
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * Serves the CounterRouter on 127.0.0.1 with @trpc/server's standalone adapter: queries and mutations over
 * plain HTTP (httpLink / httpBatchLink), subscriptions as server-sent events (httpSubscriptionLink).
 */
export async function startCounterServer(opts: CounterServerOptions): Promise<RunningCounterServer> {
  const ctx = createCounterContext(opts.core, opts.sync);
  const trpc = createHTTPHandler({
    router: counterRouter,
    basePath: `${TRPC_PATH}/`,
    createContext: () => ctx,
    // a sale has at most 500 lines; nothing the UI sends comes near 1 MB
    maxBodySize: 1024 * 1024,
    onError: ({ error, path }) => {
      // AppErrors carry a sentence for staff (even INTERNAL ones like "cannot reach the marketplace")
      if (error.code === 'INTERNAL_SERVER_ERROR' && !(error.cause instanceof AppError)) opts.onInternalError?.(error.cause ?? error, path);
    },
  });

  const site = opts.uiDir ? createStaticSite(opts.uiDir) : null;
  const media = defaultMedia(opts.core, opts.media);
  // the guard needs the port actually listened on (0 picks one)
  const ownPort = () => (server.address() as AddressInfo).port;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const check = checkRequest(req, ownPort(), opts);
    if (!check.ok) { sendJson(res, 403, { ok: false, message: check.reason }); return; }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/healthz') { sendJson(res, 200, health(opts.core, opts.sync)); return; }
    if (path.startsWith(`${TRPC_PATH}/`)) { trpc(req, res); return; }
    if (path.startsWith(MEDIA_PREFIX)) {
      serveMedia(media, req, res, path).catch((e: unknown) => {
        opts.onInternalError?.(e, path);
        if (!res.headersSent) sendJson(res, 500, { ok: false, message: 'This photo could not be read.' });
      });
      return;
    }
    const notFound = () => sendJson(res, 404, { ok: false, message: 'Not found. The counter API is under /trpc.' });
    if (!site) { notFound(); return; }
    site.handle(req, res, path).then(
      (served) => {
        if (!served) notFound();
      },
      (e: unknown) => {
        opts.onInternalError?.(e, path);
        if (!res.headersSent) sendJson(res, 500, { ok: false, message: 'This page could not be read.' });
      },
    );
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex) => refuseUpgrade(socket, checkRequest(req, ownPort(), opts).ok ? 404 : 403));

  const host = opts.host ?? DEFAULT_HOST;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    servesUi: site !== null,
    async close() {
      ctx.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // open subscription streams would keep close() waiting forever
      server.closeAllConnections();
      await closed;
    },
  };
}
