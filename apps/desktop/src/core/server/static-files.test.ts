import { createServer, request, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticSite } from './static-files';

let root: string;
let server: Server;
let base: string;

/** Raw requests: fetch() would normalise "/../" away before it reached the server. */
function get(path: string, method = 'GET', headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/`, { method, path, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'counter-ui-'));
  const ui = join(root, 'dist');
  mkdirSync(join(ui, 'assets'), { recursive: true });
  writeFileSync(join(ui, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(ui, 'assets', 'app-1234.js'), 'console.log(1)');
  writeFileSync(join(ui, 'assets', 'app-1234.css'), 'body{}');
  writeFileSync(join(root, 'secret.txt'), 'not for browsers');
  const site = createStaticSite(ui);
  if (!site) throw new Error('the built UI was not found');
  server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    void site.handle(req, res, path).then((served) => {
      if (!served) res.writeHead(404).end('nope');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(root, { recursive: true, force: true });
});

describe('serving the built counter UI', () => {
  it('serves index.html at / with a content security policy, revalidated every time', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(res.body).toContain('<div id="root">');
  });

  it('serves hashed assets with their types, cached for good', async () => {
    const js = await get('/assets/app-1234.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toContain('immutable');
    expect((await get('/assets/app-1234.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    const head = await get('/assets/app-1234.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('revalidates with an ETag: an unchanged index.html or asset answers 304 without a body', async () => {
    for (const path of ['/', '/assets/app-1234.js']) {
      const first = await get(path);
      expect(first.headers.etag, path).toBeTruthy();
      const again = await get(path, 'GET', { 'if-none-match': String(first.headers.etag) });
      expect([again.status, again.body], path).toEqual([304, '']);
    }
  });

  it('answers page paths with the app, but a missing file is a 404', async () => {
    expect((await get('/orders')).body).toContain('<div id="root">');
    expect((await get('/assets/gone-9999.js')).status).toBe(404);
  });

  it('never serves anything outside its folder', async () => {
    for (const path of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%00']) {
      const res = await get(path);
      expect(res.body, path).not.toContain('not for browsers');
    }
    expect((await get('/../secret.txt')).status).toBe(404);
  });

  it('only answers GET and HEAD', async () => {
    expect((await get('/', 'POST')).status).toBe(404);
  });

  it('is off when no UI was built there', () => {
    expect(createStaticSite(join(root, 'nothing-here'))).toBeNull();
  });
});
