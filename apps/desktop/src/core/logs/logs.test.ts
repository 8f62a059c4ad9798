import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../test/fixtures';
import { expectRefused, startKit, type Kit } from '../router/test-kit';
import { logSyncChanges, logsDir, openCounterLog } from './log-file';
import { zipLogs } from './logs-zip';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'counter-logs-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as { msg: string; source: string; level: number });

describe('the counter log file', () => {
  it('writes one JSON line per event under <data dir>/logs, and the last words of a crash at once', async () => {
    const dataDir = tempDir();
    const log = openCounterLog(dataDir);
    log.info('sync', 'marketplace offline: No answer', { pending: 3 });
    log.error('printing', 'Front till: connection refused');
    log.crash('core', 'crashed: boom');
    await log.close();
    const written = lines(join(logsDir(dataDir), 'counter.log'));
    expect(written.map((l) => [l.source, l.msg])).toEqual([
      ['core', 'crashed: boom'],
      ['sync', 'marketplace offline: No answer'],
      ['printing', 'Front till: connection refused'],
    ]);
    expect(written[2]?.level).toBe(50);
  });

  it('rotates by size and keeps only the newest files', async () => {
    const dataDir = tempDir();
    const log = openCounterLog(dataDir, { size: '1K', keep: 2 });
    for (let i = 0; i < 60; i++) {
      log.info('test', `line ${i} ${'x'.repeat(80)}`);
      // rotation happens between writes; give the stream a turn now and then
      if (i % 10 === 9) await new Promise((r) => setTimeout(r, 20));
    }
    await log.close();
    const files = readdirSync(logsDir(dataDir)).sort();
    expect(files).toEqual(['counter.log', 'counter.log.1', 'counter.log.2']);
    // the newest lines are kept, the oldest went with the files past `keep`
    const all = files.flatMap((f) => lines(join(logsDir(dataDir), f)).map((l) => l.msg));
    expect(all.some((m) => m.startsWith('line 59 '))).toBe(true);
    expect(all.some((m) => m.startsWith('line 0 '))).toBe(false);
  });

  it('zips every log file for support, and says so when there are none', async () => {
    const dataDir = tempDir();
    expect(() => zipLogs(dataDir, { registerCode: 'R1', now: new Date() })).toThrow('This counter has not written any logs yet.');
    const log = openCounterLog(dataDir);
    log.info('counter', 'started');
    await log.close();
    const zip = zipLogs(dataDir, { registerCode: 'R1', now: new Date('2026-12-06T15:04:00Z') });
    expect(zip.fileName).toBe('makeries-counter-R1-logs-20261206-1504.zip');
    const unzipped = unzipSync(zip.bytes);
    expect(Object.keys(unzipped)).toEqual(['counter.log']);
    expect(strFromU8(unzipped['counter.log'] as Uint8Array)).toContain('"msg":"started"');
  });
});

describe('Settings › This counter › Download logs', () => {
  let kit: Kit;
  beforeAll(async () => {
    kit = await startKit({ signedIn: 'manager' });
  });
  afterAll(() => kit.close());

  it('logs sync going offline and back once per change, and a manager downloads them as a zip', async () => {
    const log = openCounterLog(kit.t.dir);
    const stop = logSyncChanges(log, kit.sync);
    kit.sync.set({ connection: 'offline', online: false, lastError: 'No answer from the marketplace for 8 s' });
    kit.sync.set({ connection: 'offline', online: false, lastError: 'No answer from the marketplace for 8 s', pending: 2 });
    kit.sync.set({ connection: 'online', online: true, lastError: null });
    kit.sync.set({ rejected: 1 });
    stop();
    await log.close();
    const zip = await kit.client.device.logs.mutate();
    const text = strFromU8(unzipSync(Buffer.from(zip.zipBase64, 'base64'))['counter.log'] as Uint8Array);
    const messages = text.trim().split('\n').map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(messages).toEqual(['marketplace offline: No answer from the marketplace for 8 s', 'marketplace online', '1 change(s) refused by the marketplace']);
    expect(zip.files).toEqual([{ name: 'counter.log', size: expect.any(Number) }]);
  });

  it('is for managers: a cashier is refused and nothing is written', async () => {
    await signIn(kit.core, kit.shop, 'cashier');
    await expectRefused(kit.core, () => kit.client.device.logs.mutate(), 'FORBIDDEN');
    expect(existsSync(join(logsDir(kit.t.dir), 'counter.log'))).toBe(true);
  });
});
