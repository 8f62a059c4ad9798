import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCounterCore, type CounterCore } from '../index';
import { createSyncClient } from '../sync/client';
import type { SyncController } from '../sync/types';
import { startCounterServer, type RunningCounterServer } from './http';
import { prepareOfflineCounter, UNREACHABLE_SERVER } from './offline-fixture';

/** A stand-in for the marketplace's /media/: a few image files, and a count of what was asked for. */
function fakeMarketplace() {
  const files: Record<string, Buffer> = {
    '/media/products/p1/a-thumb.webp': Buffer.from('RIFF....WEBPVP8 thumb-a'),
    '/media/products/p1/b-thumb.webp': Buffer.alloc(600, 1),
    '/media/products/p1/c-thumb.webp': Buffer.alloc(600, 2),
  };
  const asked: string[] = [];
  const server: Server = createServer((req, res) => {
    asked.push(req.url ?? '');
    const body = files[req.url ?? ''];
    if (!body) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"code":"NOT_FOUND"}');
    res.writeHead(200, { 'content-type': 'image/webp', 'content-length': body.length }).end(body);
  });
  return {
    files,
    asked,
    async start(): Promise<string> {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A GET exactly as written (fetch would tidy away the ../ we want to send). */
function rawGet(base: string, path: string): Promise<{ status: number; type: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const url = new URL(base);
    const req = request({ host: url.hostname, port: url.port, path }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('product photos through the counter (/media/)', () => {
  let dir: string;
  let core: CounterCore;
  let sync: SyncController;
  let counter: RunningCounterServer;
  const market = fakeMarketplace();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'counter-media-'));
    await prepareOfflineCounter(dir);
    core = createCounterCore({ dataDir: dir });
    sync = createSyncClient({ core, serverUrl: UNREACHABLE_SERVER });
    const marketUrl = await market.start();
    // room for the small photo and one big one: a third big one pushes out the least recently served
    counter = await startCounterServer({ core, sync, port: 0, media: { serverUrl: () => marketUrl, maxBytes: 1000 } });
  });
  afterAll(async () => {
    await counter.close();
    await sync.stop();
    core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const cached = () => readdirSync(join(dir, 'media-cache')).filter((n) => !n.endsWith('.part')).length;

  it('fetches a photo once, keeps it, and still serves it when the marketplace is gone', async () => {
    const first = await rawGet(counter.url, '/media/products/p1/a-thumb.webp');
    expect(first).toMatchObject({ status: 200, type: 'image/webp' });
    expect(first.body.equals(market.files['/media/products/p1/a-thumb.webp'] ?? Buffer.alloc(0))).toBe(true);
    const again = await rawGet(counter.url, '/media/products/p1/a-thumb.webp');
    expect(again.body.equals(first.body)).toBe(true);
    expect(market.asked.filter((u) => u === '/media/products/p1/a-thumb.webp')).toHaveLength(1);
  });

  it('refuses paths that try to leave the cache, and anything that is not a photo (400)', async () => {
    for (const path of [
      '/media/../../etc/passwd.png',
      '/media/products/../../x.webp',
      '/media/%2e%2e/%2e%2e/secret.webp',
      '/media/products%2F..%2F..%2Fx.webp',
      '/media/.hidden.webp',
      '/media/products/p1/a-thumb.webp%00.png',
      '/media/products/p1/notes.txt',
      '/media/%E0%A4%A.webp',
    ]) {
      expect((await rawGet(counter.url, path)).status, path).toBe(400);
    }
  });

  it('answers 404 for a photo the marketplace does not have, and keeps nothing for it', async () => {
    const before = cached();
    expect((await rawGet(counter.url, '/media/products/p1/missing.webp')).status).toBe(404);
    expect(cached()).toBe(before);
  });

  it('stays within its size cap, dropping the least recently served photo first', async () => {
    expect((await rawGet(counter.url, '/media/products/p1/b-thumb.webp')).status).toBe(200);
    expect((await rawGet(counter.url, '/media/products/p1/a-thumb.webp')).status).toBe(200); // a is now the freshest
    await new Promise((r) => setTimeout(r, 20)); // distinct modification times on coarse file systems
    expect((await rawGet(counter.url, '/media/products/p1/c-thumb.webp')).status).toBe(200);
    expect(cached()).toBe(2);
    const asked = market.asked.length;
    expect((await rawGet(counter.url, '/media/products/p1/a-thumb.webp')).status).toBe(200);
    expect(market.asked.length).toBe(asked); // a was kept; b went
  });

  it('with the marketplace gone: kept photos are served, others are unavailable (503), never an error page', async () => {
    await market.stop();
    const kept = await rawGet(counter.url, '/media/products/p1/c-thumb.webp');
    expect(kept).toMatchObject({ status: 200, type: 'image/webp' });
    const gone = await rawGet(counter.url, '/media/products/p1/b-thumb.webp');
    expect(gone.status).toBe(503);
    expect(JSON.parse(gone.body.toString())).toMatchObject({ message: expect.stringContaining('cannot be reached') });
  });
});
