import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRelease } from '../services/releases/add-release';
import { genericProvider } from '../services/releases/electron-updater-test-kit';
import { registerUpdates } from './updates';

const SIZE = 10_000;
const EXE = 'Makeries-Counter-Setup-1.4.0.exe';

let dir: string;
let app: FastifyInstance;
let base: string;
let exe: Buffer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'updates-'));
  exe = randomBytes(SIZE);
  writeFileSync(join(dir, EXE), exe);
  writeFileSync(join(dir, 'Makeries-Counter-1.4.0-mac.zip'), randomBytes(3000));
  const releasesDir = join(dir, 'releases');
  await addRelease({ releasesDir, platform: 'win', version: '1.4.0', files: [join(dir, EXE)], staging: 25 });
  await addRelease({ releasesDir, platform: 'mac', version: '1.4.0', files: [join(dir, 'Makeries-Counter-1.4.0-mac.zip')] });
  app = Fastify();
  registerUpdates(app, { releasesDir });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });
const bytes = async (r: Response) => Buffer.from(await r.arrayBuffer());

describe('the desktop update feed', () => {
  it('serves latest.yml, revalidated by ETag', async () => {
    const r = await get('/updates/win/latest.yml');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/yaml; charset=utf-8');
    expect(r.headers.get('cache-control')).toBe('no-cache');
    expect(await r.text()).toMatch(/^version: '1\.4\.0'\n[\s\S]*stagingPercentage: 25\n$/);
    const etag = r.headers.get('etag') ?? '';
    expect(etag).toMatch(/^(W\/)?"[0-9a-f]+-[0-9a-f]+"$/);
    // as electron-updater asks (fetch would add Cache-Control: no-cache to a conditional request, a forced reload)
    const again = await app.inject({ url: '/updates/win/latest.yml', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
  });

  it('serves the whole installer with its length and range support', async () => {
    const r = await get(`/updates/win/${EXE}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('accept-ranges')).toBe('bytes');
    expect(r.headers.get('content-length')).toBe(String(SIZE));
    expect((await bytes(r)).equals(exe)).toBe(true);
    const head = await fetch(`${base}/updates/win/${EXE}`, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-length')]).toEqual([200, String(SIZE)]);
  });

  it('answers the first 100 bytes with 206 and Content-Range', async () => {
    const r = await get(`/updates/win/${EXE}`, { range: 'bytes=0-99' });
    expect(r.status).toBe(206);
    expect(r.headers.get('content-range')).toBe(`bytes 0-99/${SIZE}`);
    expect(r.headers.get('content-length')).toBe('100');
    expect((await bytes(r)).equals(exe.subarray(0, 100))).toBe(true);
  });

  it('answers a suffix range (the last 500 bytes) and an open-ended one', async () => {
    const tail = await get(`/updates/win/${EXE}`, { range: 'bytes=-500' });
    expect(tail.status).toBe(206);
    expect(tail.headers.get('content-range')).toBe(`bytes ${SIZE - 500}-${SIZE - 1}/${SIZE}`);
    expect((await bytes(tail)).equals(exe.subarray(SIZE - 500))).toBe(true);

    const rest = await get(`/updates/win/${EXE}`, { range: 'bytes=9000-' });
    expect(rest.status).toBe(206);
    expect(rest.headers.get('content-range')).toBe(`bytes 9000-${SIZE - 1}/${SIZE}`);
    expect((await bytes(rest)).equals(exe.subarray(9000))).toBe(true);

    // a last position past the end is cut to the end
    const over = await get(`/updates/win/${EXE}`, { range: `bytes=9990-${SIZE * 2}` });
    expect(over.headers.get('content-range')).toBe(`bytes 9990-${SIZE - 1}/${SIZE}`);
  });

  it('refuses a range that starts past the end with 416 and the real size', async () => {
    const r = await get(`/updates/win/${EXE}`, { range: `bytes=${SIZE}-` });
    expect(r.status).toBe(416);
    expect(r.headers.get('content-range')).toBe(`bytes */${SIZE}`);
    expect(await r.json()).toEqual({ code: 'BAD_INPUT', message: `That byte range is outside ${EXE} (${SIZE} bytes).` });
    // a range that ends before it starts cannot be satisfied either
    expect((await get(`/updates/win/${EXE}`, { range: 'bytes=50-10' })).status).toBe(416);
  });

  it('sends the whole file for several ranges, another unit, or a stale If-Range', async () => {
    const cases: Record<string, string>[] = [{ range: 'bytes=0-9,20-29' }, { range: 'items=0-9' }, { range: 'bytes=0-99', 'if-range': '"stale"' }];
    for (const headers of cases) {
      const r = await get(`/updates/win/${EXE}`, headers);
      expect(r.status).toBe(200);
      expect((await bytes(r)).length).toBe(SIZE);
    }
    const etag = (await get(`/updates/win/${EXE}`, { range: 'bytes=0-0' })).headers.get('etag') ?? '';
    const resumed = await get(`/updates/win/${EXE}`, { range: 'bytes=0-99', 'if-range': etag });
    expect(resumed.status).toBe(206);
  });

  it('says clearly what is not there', async () => {
    const linux = await get('/updates/linux/latest-linux.yml');
    expect(linux.status).toBe(404);
    expect(await linux.json()).toEqual({ code: 'NOT_FOUND', message: 'There are no counter updates for "linux". The update feeds are win and mac.' });

    const missing = await get('/updates/win/Setup-9.9.9.exe');
    expect(await missing.json()).toEqual({ code: 'NOT_FOUND', message: 'There is no "Setup-9.9.9.exe" in the Windows update feed.' });

    for (const path of ['/updates/win/..%2F..%2Fsecret.key', '/updates/win/.tmp-latest.yml', '/updates/win/latest-mac.yml']) {
      expect((await get(path)).status).toBe(404);
    }
  });

  it('says when a platform has no release yet', async () => {
    const empty = Fastify();
    registerUpdates(empty, { releasesDir: join(dir, 'nothing-here') });
    const r = await empty.inject({ url: '/updates/mac/latest-mac.yml' });
    expect(r.statusCode).toBe(404);
    expect(r.json()).toEqual({ code: 'NOT_FOUND', message: 'No macOS release of the counter has been published yet.' });
    await empty.close();
  });
});

describe('electron-updater against this feed (its generic provider and download checks, under Node)', () => {
  it('finds the Windows release, resolves the installer URL and downloads it with the sha512 check passing', async () => {
    const { provider, executor } = genericProvider(`${base}/updates/win`, 'win32');
    const info = await provider.getLatestVersion();
    expect(info).toMatchObject({ version: '1.4.0', path: EXE, stagingPercentage: 25 });
    const [file] = provider.resolveFiles(info);
    expect(file?.url.href).toBe(`${base}/updates/win/${EXE}`);
    const dest = join(dir, 'downloaded.exe');
    await executor.download(file!.url, dest, file!.info.sha512);
    expect(createHash('sha512').update(readFileSync(dest)).digest('base64')).toBe(info.sha512);
  });

  it('reads latest-mac.yml for a Mac', async () => {
    const { provider } = genericProvider(`${base}/updates/mac`, 'darwin');
    expect(await provider.getLatestVersion()).toMatchObject({ version: '1.4.0', path: 'Makeries-Counter-1.4.0-mac.zip' });
  });

  it('rejects a download whose bytes do not match the published sha512', async () => {
    const { provider, executor } = genericProvider(`${base}/updates/win`, 'win32');
    const [file] = provider.resolveFiles(await provider.getLatestVersion());
    const wrong = createHash('sha512').update('something else').digest('base64');
    await expect(executor.download(file!.url, join(dir, 'tampered.exe'), wrong)).rejects.toThrow(/sha512 checksum mismatch/);
  });
});
