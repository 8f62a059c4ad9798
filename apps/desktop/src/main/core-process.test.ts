import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const desktopDir = fileURLToPath(new URL('../../', import.meta.url));
let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('the core’s utility process (under Node, with Electron’s parent port stood in for)', () => {
  it('opens the database, serves tRPC on a port handed over before it was ready, and shuts down cleanly', () => {
    dir = mkdtempSync(join(tmpdir(), 'core-process-'));
    // nothing listens on port 9: sync goes offline at once and the counter still answers
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main/core-process.harness.ts', dir, 'http://127.0.0.1:9/'], {
      cwd: desktopDir,
      encoding: 'utf8',
      timeout: 60_000,
    });
    const lines = run.stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);

    expect(run.status, run.stderr).toBe(0);
    expect(lines).toEqual([
      { fromCore: { type: 'ready', serverUrl: 'http://127.0.0.1:9', registerCode: null } },
      { answers: { paired: false, sale: { inProgress: false }, locked: 'UNAUTHENTICATED' } },
      { fromCore: { type: 'closed' } },
    ]);
    expect(existsSync(join(dir, 'counter.sqlite'))).toBe(true);
  });
});
