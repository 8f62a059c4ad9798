import type { IncomingMessage, ServerResponse } from 'node:http';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function hostnameOf(hostHeader: string): string | null {
  try {
    return new URL(`http://${hostHeader}`).hostname;
  } catch {
    return null;
  }
}

/** http(s)://localhost:5173 and friends: the counter UI in browser mode runs on this machine. */
export function isLocalOrigin(origin: string): boolean {
  try {
    const u = new URL(origin);
    return (u.protocol === 'http:' || u.protocol === 'https:') && LOCAL_HOSTS.has(u.hostname);
  } catch {
    return false;
  }
}

export interface GuardOptions {
  /** more browser origins allowed to call the counter (the local ones always are) */
  allowedOrigins?: readonly string[];
}

/**
 * The counter API listens on 127.0.0.1, but any web page open in the shop's browser could still reach it.
 * So a request must name a local Host (defeats DNS rebinding), and a browser request (it has an Origin)
 * must come from a local page or an allowed origin (defeats cross-site requests). Tools without an Origin,
 * like the headless tests and curl, are local processes and pass.
 */
export function checkRequest(req: IncomingMessage, opts: GuardOptions): { ok: true; origin: string | null } | { ok: false; reason: string } {
  const host = req.headers.host ? hostnameOf(req.headers.host) : null;
  if (!host || !LOCAL_HOSTS.has(host)) return { ok: false, reason: 'This counter only answers on 127.0.0.1 or localhost.' };
  const origin = req.headers.origin;
  if (origin === undefined) return { ok: true, origin: null };
  if (isLocalOrigin(origin) || opts.allowedOrigins?.includes(origin)) return { ok: true, origin };
  return { ok: false, reason: 'This page is not allowed to talk to the counter.' };
}

/** CORS for an allowed browser origin (the UI's dev server runs on another port than the API). */
export function writeCors(res: ServerResponse, origin: string | null): void {
  if (!origin) return;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', 'content-type, trpc-accept, x-trpc-source, last-event-id');
  res.setHeader('Access-Control-Max-Age', '600');
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
