import type { IncomingMessage, ServerResponse } from 'node:http';

const LOCAL_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

/** Where a browser may send a request from without carrying an Origin: the page itself, or the address bar. */
const OWN_FETCH_SITES = new Set(['same-origin', 'none']);

export interface GuardOptions {
  /**
   * The counter UI's development server (`pnpm dev:renderer`, http://localhost:5173), which proxies /trpc here
   * and forwards its pages' Origin; absent: only the counter's own origin may call it.
   */
  devOrigin?: string;
}

export type GuardVerdict = { ok: true } | { ok: false; reason: string };

function hostAndPort(hostHeader: string): { hostname: string; port: number } | null {
  try {
    const u = new URL(`http://${hostHeader}`);
    return { hostname: u.hostname, port: u.port === '' ? 80 : Number(u.port) };
  } catch {
    return null;
  }
}

/** http://127.0.0.1:P, http://localhost:P, http://[::1]:P: the origins the counter serves its UI from. */
function ownOrigins(port: number): string[] {
  return LOCAL_HOSTS.map((h) => new URL(`http://${h}:${port}`).origin);
}

/** The origin of an http(s) URL, or null for anything else (a browser's "null" origin included). */
export function webOrigin(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

/**
 * The counter API listens on 127.0.0.1, but any page open in the shop's browser (another app on localhost
 * included) could still send it requests. So:
 * - the Host must be this counter's own loopback name and port (a rebound DNS name is refused);
 * - a request with an Origin must come from the counter's own origin (or the configured dev server);
 * - a request without one is a page's same-origin GET or a local tool (CLI, tests, curl: no Sec-Fetch-Site);
 *   one the browser marks as sent by another site is refused, except following a link to a UI page.
 * No CORS headers are ever sent: the UI is served from the API's own origin.
 */
export function checkRequest(req: IncomingMessage, port: number, opts: GuardOptions): GuardVerdict {
  const host = req.headers.host ? hostAndPort(req.headers.host) : null;
  if (!host || !LOCAL_HOSTS.includes(host.hostname) || host.port !== port) {
    return { ok: false, reason: 'This counter only answers on its own 127.0.0.1 or localhost address.' };
  }
  const refused: GuardVerdict = { ok: false, reason: 'This page is not allowed to talk to the counter.' };
  const origin = req.headers.origin;
  if (origin !== undefined) {
    const devOrigin = opts.devOrigin === undefined ? null : webOrigin(opts.devOrigin);
    return ownOrigins(port).includes(origin) || (devOrigin !== null && origin === devOrigin) ? { ok: true } : refused;
  }
  const site = req.headers['sec-fetch-site'];
  if (site === undefined || OWN_FETCH_SITES.has(site)) return { ok: true };
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const openingUiPage = req.headers['sec-fetch-mode'] === 'navigate' && req.method === 'GET' && !path.startsWith('/trpc/');
  return openingUiPage ? { ok: true } : refused;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
