import { request, type IncomingHttpHeaders } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCounterCore, type CounterCore } from '../index';
import { createSyncClient } from '../sync/client';
import type { SyncController } from '../sync/types';
import { PINS } from '../test/fixtures';
import { startCounterServer, type RunningCounterServer } from './http';
import { prepareOfflineCounter, UNREACHABLE_SERVER } from './offline-fixture';

/*
 * In browser mode the counter's API is on 127.0.0.1, where every page open in the shop's browser can send it
 * requests. Only the counter's own pages (and a configured UI dev server) may call it; the rest is a 403 that
 * runs nothing, and no answer carries CORS headers that would let another page read it.
 */

let dir: string;
let core: CounterCore;
let sync: SyncController;
let server: RunningCounterServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'counter-guard-'));
  await prepareOfflineCounter(dir);
  core = createCounterCore({ dataDir: dir });
  sync = createSyncClient({ core, serverUrl: UNREACHABLE_SERVER });
  const ui = join(dir, 'ui');
  mkdirSync(ui);
  writeFileSync(join(ui, 'index.html'), '<!doctype html><title>Makeries Counter</title>');
  server = await startCounterServer({ core, sync, port: 0, uiDir: ui });
});
afterEach(() => core.staff.logout());
afterAll(async () => {
  await server.close();
  await sync.stop();
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP request with exactly the headers a browser (or an attacker's page) would send. */
function send(base: string, path: string, opts: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<Answer> {
  const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      { method: opts.method ?? 'GET', headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...opts.headers } },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const unlock = (origin: string | null, base = server.url) =>
  send(base, '/trpc/staff.unlock', { method: 'POST', headers: origin ? { origin, 'sec-fetch-site': 'same-origin' } : {}, body: { pin: PINS.cashier } });
const upgrade = (headers: Record<string, string>) =>
  send(server.url, '/trpc', { headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', ...headers } });
const signedIn = () => core.staff.current() !== null;

describe('who may call the counter in browser mode', () => {
  it('answers its own pages, on 127.0.0.1 and on localhost, without any CORS header', async () => {
    const own = await unlock(server.url);
    expect(own.status).toBe(200);
    expect(JSON.parse(own.body)).toMatchObject({ result: { data: { signedIn: expect.anything() } } });
    expect(signedIn()).toBe(true);
    expect(own.headers['access-control-allow-origin']).toBeUndefined();
    core.staff.logout();

    const local = `http://localhost:${server.port}`;
    expect((await unlock(local, local)).status).toBe(200);
    const query = await send(local, '/trpc/sync.status', { headers: { 'sec-fetch-site': 'same-origin' } });
    expect(query.status).toBe(200);
    expect(query.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a page from any other origin, a localhost one included, and runs nothing', async () => {
    for (const origin of ['http://localhost:9999', `http://localhost:${server.port + 1}`, 'https://evil.example', 'null', `https://127.0.0.1:${server.port}`]) {
      const answer = await unlock(origin);
      expect(answer.status, origin).toBe(403);
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
      expect(JSON.parse(answer.body)).toMatchObject({ ok: false, message: 'This page is not allowed to talk to the counter.' });
      expect(signedIn()).toBe(false);
    }
    const read = await send(server.url, '/trpc/sync.status', { headers: { origin: 'http://localhost:9999' } });
    expect(read.status).toBe(403);
    const preflight = await send(server.url, '/trpc/staff.unlock', {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:9999', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
  });

  it('refuses what the browser says another site sent without an Origin, but lets a link open the UI', async () => {
    for (const site of ['same-site', 'cross-site']) {
      const embedded = await send(server.url, '/trpc/sync.status', { headers: { 'sec-fetch-site': site, 'sec-fetch-mode': 'no-cors' } });
      expect(embedded.status, site).toBe(403);
      const navigatedToApi = await send(server.url, '/trpc/staff.me', { headers: { 'sec-fetch-site': site, 'sec-fetch-mode': 'navigate' } });
      expect(navigatedToApi.status, site).toBe(403);
    }
    const link = await send(server.url, '/register', { headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' } });
    expect(link.status).toBe(200);
    expect(link.body).toContain('Makeries Counter');
    const typed = await send(server.url, '/', { headers: { 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate' } });
    expect(typed.status).toBe(200);
    // local tools (the CLI's clients, tests, curl) send neither header
    expect((await unlock(null)).status).toBe(200);
  });

  it('refuses a Host other than its own loopback address and port (DNS rebinding)', async () => {
    for (const host of [`evil.example:${server.port}`, `localhost:${server.port + 1}`, '127.0.0.1', `127.0.0.2:${server.port}`]) {
      const answer = await send(server.url, '/trpc/staff.unlock', { method: 'POST', headers: { host }, body: { pin: PINS.cashier } });
      expect(answer.status, host).toBe(403);
      expect(JSON.parse(answer.body)).toMatchObject({ ok: false });
      expect(signedIn()).toBe(false);
    }
    expect((await send(server.url, '/healthz', { headers: { host: `localhost:${server.port}` } })).status).toBe(200);
  });

  it('opens no WebSocket: a foreign page or Host gets 403, its own page 404', async () => {
    expect((await upgrade({ origin: 'http://localhost:9999' })).status).toBe(403);
    expect((await upgrade({ origin: server.url, host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await upgrade({ origin: server.url })).status).toBe(404);
  });

  it('lets the configured UI dev server call it, and still no other page', async () => {
    const dev = await startCounterServer({ core, sync, port: 0, devOrigin: 'http://localhost:5173' });
    try {
      expect((await unlock('http://localhost:5173', dev.url)).status).toBe(200);
      core.staff.logout();
      expect((await unlock('http://localhost:9999', dev.url)).status).toBe(403);
      expect(signedIn()).toBe(false);
      expect((await unlock('http://localhost:5173')).status).toBe(403);
    } finally {
      await dev.close();
    }
  });
});
