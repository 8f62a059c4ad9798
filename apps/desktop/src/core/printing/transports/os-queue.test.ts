import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openTransport, PrintFailure } from './index';

const JOB = Buffer.from([0x1b, 0x40, 0x48, 0x69, 0x0a, 0x1d, 0x56, 0x42, 0x00]);
const dir = mkdtempSync(join(tmpdir(), 'os-queue-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A folder to use as PATH holding a stand-in `lp` shell script (CUPS itself is not on test machines). */
function pathWithLp(name: string, script: string): string {
  const bin = join(dir, name);
  mkdirSync(bin);
  const lp = join(bin, 'lp');
  writeFileSync(lp, `#!/bin/sh\n${script}\n`);
  chmodSync(lp, 0o755);
  return bin;
}

async function failure(p: Promise<unknown>): Promise<PrintFailure> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof PrintFailure)) throw new Error(`expected a PrintFailure, got ${String(e)}`);
  return e;
}

describe('the OS print queue (os:<CUPS queue>)', () => {
  it('says clearly when this computer has no system print queue (no lp on PATH)', async () => {
    const empty = mkdtempSync(join(dir, 'empty-'));
    const e = await failure(openTransport('os:FrontDesk', 'epson', { os: { env: { PATH: empty } } }).send(JOB));
    expect({ message: e.message, retryable: e.retryable }).toEqual({
      message: 'The system print queue is not available on this computer',
      retryable: false,
    });
  });

  it('hands the raw bytes to lp -d <queue> -o raw', async () => {
    const out = join(dir, 'received');
    const bin = pathWithLp('ok', `echo "$@" > ${out}.args\ncat > ${out}.bytes\necho "request id is FrontDesk-7 (1 file(s))"`);
    await openTransport('os:FrontDesk', 'epson', { os: { env: { PATH: `${bin}:/usr/bin:/bin` } } }).send(JOB);
    expect(readFileSync(`${out}.args`, 'utf8').trim()).toBe('-d FrontDesk -o raw');
    expect(readFileSync(`${out}.bytes`).equals(JOB)).toBe(true);
  });

  it('passes on why the spooler refused the job', async () => {
    const bin = pathWithLp('refuses', `cat > /dev/null\necho "lp: The printer or class does not exist." >&2\nexit 1`);
    const e = await failure(openTransport('os:Nope', 'epson', { os: { env: { PATH: `${bin}:/usr/bin:/bin` } } }).send(JOB));
    expect({ message: e.message, retryable: e.retryable }).toEqual({
      message: 'The system print queue refused the job: The printer or class does not exist.',
      retryable: true,
    });
  });
});
