import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError, type ErrorCode } from '@makeries/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { parseReleaseArgs, ReleaseUsageError } from '../../ops/release-args';
import { addRelease, type AddReleaseInput } from './add-release';
import { jsYaml, providerModule } from './electron-updater-test-kit';

const NOW = () => new Date('2025-06-01T08:30:00.000Z');
const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'release-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function artifact(dir: string, name: string, bytes = 5000): { path: string; data: Buffer } {
  const data = randomBytes(bytes);
  const path = join(dir, name);
  writeFileSync(path, data);
  return { path, data };
}

const sha512 = (b: Buffer) => createHash('sha512').update(b).digest('base64');

/** every file under a folder with its content digest: equal before and after means nothing was written */
function snapshot(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out[join(e.parentPath, e.name)] = sha512(readFileSync(join(e.parentPath, e.name)));
  }
  return out;
}

async function refused(input: AddReleaseInput, code: ErrorCode, message: RegExp): Promise<void> {
  const before = snapshot(input.releasesDir);
  const err = await addRelease(input).then(
    () => new Error('expected a refusal'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect({ code: (err as AppError).code, message: (err as AppError).message }).toEqual({ code, message: expect.stringMatching(message) });
  expect(snapshot(input.releasesDir)).toEqual(before);
}

describe('release:add writes the feed electron-updater reads', () => {
  it('copies a Windows installer and writes latest.yml with its sha512, size, path and date', async () => {
    const src = tmp();
    const releasesDir = join(tmp(), 'releases');
    const exe = artifact(src, 'Makeries Counter Setup 1.2.3.exe', 70_000);
    writeFileSync(`${exe.path}.blockmap`, 'blockmap-bytes');

    const { channelFile, info } = await addRelease({ releasesDir, platform: 'win', version: '1.2.3', files: [exe.path], staging: 20, now: NOW });

    expect(channelFile).toBe(join(releasesDir, 'win', 'latest.yml'));
    const name = 'Makeries-Counter-Setup-1.2.3.exe';
    expect(readFileSync(join(releasesDir, 'win', name)).equals(exe.data)).toBe(true);
    expect(readFileSync(join(releasesDir, 'win', `${name}.blockmap`), 'utf8')).toBe('blockmap-bytes');
    expect(readdirSync(join(releasesDir, 'win')).sort()).toEqual([name, `${name}.blockmap`, 'latest.yml']);

    const text = readFileSync(channelFile, 'utf8');
    const expected = {
      version: '1.2.3',
      files: [{ url: name, sha512: sha512(exe.data), size: 70_000 }],
      path: name,
      sha512: sha512(exe.data),
      releaseDate: '2025-06-01T08:30:00.000Z',
      stagingPercentage: 20,
    };
    expect(jsYaml.load(text)).toEqual(expected);
    expect(info).toEqual(expected);

    // electron-updater's own parser and file resolution (what the counter runs) accept it
    const feed = new URL('https://makeries.example/updates/win/');
    const parsed = providerModule.parseUpdateInfo(text, 'latest.yml', new URL('latest.yml', feed));
    expect(parsed).toEqual(expected);
    const files = providerModule.resolveFiles(parsed, feed);
    expect(files.map((f) => f.url.href)).toEqual([`https://makeries.example/updates/win/${name}`]);
  });

  it('lists the macOS zip first (what auto-update installs) and the dmg after it', async () => {
    const src = tmp();
    const releasesDir = join(tmp(), 'releases');
    const dmg = artifact(src, 'Makeries-Counter-2.0.0.dmg', 3000);
    const zip = artifact(src, 'Makeries-Counter-2.0.0-mac.zip', 2000);
    await addRelease({ releasesDir, platform: 'mac', version: '2.0.0', files: [dmg.path, zip.path], now: NOW });

    const text = readFileSync(join(releasesDir, 'mac', 'latest-mac.yml'), 'utf8');
    const info = providerModule.parseUpdateInfo(text, 'latest-mac.yml', new URL('https://x.example/updates/mac/latest-mac.yml'));
    expect(info.path).toBe('Makeries-Counter-2.0.0-mac.zip');
    expect(info.files).toEqual([
      { url: 'Makeries-Counter-2.0.0-mac.zip', sha512: sha512(zip.data), size: 2000 },
      { url: 'Makeries-Counter-2.0.0.dmg', sha512: sha512(dmg.data), size: 3000 },
    ]);
    expect(info.stagingPercentage).toBeUndefined();
    // MacUpdater picks its file this way
    const picked = providerModule.findFile(providerModule.resolveFiles(info, new URL('https://x.example/updates/mac/')), 'zip', ['pkg', 'dmg']);
    expect(picked?.info.url).toBe('Makeries-Counter-2.0.0-mac.zip');
  });

  it('re-adding the same version changes only the staging percentage', async () => {
    const src = tmp();
    const releasesDir = join(tmp(), 'releases');
    const exe = artifact(src, 'Setup-1.0.0.exe');
    await addRelease({ releasesDir, platform: 'win', version: '1.0.0', files: [exe.path], staging: 10, now: NOW });
    await addRelease({ releasesDir, platform: 'win', version: '1.0.0', files: [exe.path], staging: 100, now: NOW });
    expect(jsYaml.load(readFileSync(join(releasesDir, 'win', 'latest.yml'), 'utf8'))).toMatchObject({ version: '1.0.0', stagingPercentage: 100 });
  });

  it('refuses bad input with a sentence, and writes nothing', async () => {
    const src = tmp();
    const releasesDir = join(tmp(), 'releases');
    const exe = artifact(src, 'Setup-1.0.0.exe');
    const zip = artifact(src, 'Counter-1.0.0.zip');
    const dmg = artifact(src, 'Counter-1.0.0.dmg');
    const base = { releasesDir, platform: 'win', version: '1.0.0', files: [exe.path], now: NOW };
    await refused({ ...base, platform: 'linux' }, 'BAD_INPUT', /--platform must be one of win, mac, not "linux"/);
    await refused({ ...base, version: 'v1.0' }, 'BAD_INPUT', /--version must be a version like 1\.2\.3/);
    await refused({ ...base, staging: 101 }, 'BAD_INPUT', /--staging must be a whole percentage from 0 to 100/);
    await refused({ ...base, staging: 12.5 }, 'BAD_INPUT', /whole percentage/);
    await refused({ ...base, files: [join(src, 'missing.exe')] }, 'BAD_INPUT', /missing\.exe is not a file/);
    await refused({ ...base, files: [zip.path] }, 'BAD_INPUT', /a Windows release takes \.exe files/);
    await refused({ ...base, platform: 'mac', files: [dmg.path] }, 'BAD_INPUT', /needs the \.zip file/);
    await refused({ ...base, files: [] }, 'BAD_INPUT', /Give the installer/);
    writeFileSync(join(src, 'empty.exe'), '');
    await refused({ ...base, files: [join(src, 'empty.exe')] }, 'BAD_INPUT', /empty\.exe is empty/);
    expect(existsSync(releasesDir)).toBe(false);
  });

  it('refuses a downgrade, and a different file under a name already in the feed', async () => {
    const src = tmp();
    const releasesDir = join(tmp(), 'releases');
    const v2 = artifact(src, 'Setup-2.0.0.exe');
    await addRelease({ releasesDir, platform: 'win', version: '2.0.0', files: [v2.path], now: NOW });
    const v1 = artifact(src, 'Setup-1.9.0.exe');
    await refused({ releasesDir, platform: 'win', version: '1.9.0', files: [v1.path] }, 'CONFLICT', /1\.9\.0 is older than the published Windows version 2\.0\.0/);
    await refused({ releasesDir, platform: 'win', version: '2.0.0-rc.1', files: [v1.path] }, 'CONFLICT', /older than/);

    const other = join(tmp(), 'Setup-2.0.0.exe');
    writeFileSync(other, randomBytes(5000));
    await refused({ releasesDir, platform: 'win', version: '2.0.1', files: [other] }, 'CONFLICT', /Setup-2\.0\.0\.exe is already in the Windows feed with different content/);
  });
});

describe('the release:add command', () => {
  it('reads its options (pnpm’s `--` included) and refuses mistakes with usage', () => {
    expect(parseReleaseArgs(['--', '--platform', 'win', '--version', '1.2.3', '--file', 'rel/a.exe', '--staging', '20'], '/home/me')).toEqual({
      platform: 'win',
      version: '1.2.3',
      files: ['/home/me/rel/a.exe'],
      staging: 20,
    });
    expect(parseReleaseArgs(['--platform', 'mac', '--version', '1.0.0', '--file', 'a.zip', '--file', 'a.dmg'], '/x').files).toEqual(['/x/a.zip', '/x/a.dmg']);
    expect(() => parseReleaseArgs(['--platform', 'win', '--version', '1.0.0'], '/x')).toThrow(ReleaseUsageError);
    expect(() => parseReleaseArgs(['--platform', 'win', '--version', '1.0.0', '--file', 'a', '--staging', '20%'], '/x')).toThrow(/--staging must be/);
    expect(() => parseReleaseArgs(['--platfrom', 'win'], '/x')).toThrow(ReleaseUsageError);
  });

  it('publishes into DATA_DIR/releases and prints what it wrote', () => {
    const src = tmp();
    const data = tmp();
    const exe = artifact(src, 'Makeries-Counter-Setup-3.1.0.exe', 1234);
    const serverDir = fileURLToPath(new URL('../../../', import.meta.url));
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/ops/release.ts', ...args], {
        cwd: serverDir,
        env: { ...process.env, DATA_DIR: data, INIT_CWD: src, APP_SECRET: 'release-test-secret-release-test-secret' },
        encoding: 'utf8',
      });

    const ok = run(['--', '--platform', 'win', '--version', '3.1.0', '--file', 'Makeries-Counter-Setup-3.1.0.exe', '--staging', '5']);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('Published 3.1.0 for win to 5% of counters.');
    expect(ok.stdout).toContain(`Makeries-Counter-Setup-3.1.0.exe  1234 bytes  sha512 ${sha512(exe.data)}`);
    expect(jsYaml.load(readFileSync(join(data, 'releases', 'win', 'latest.yml'), 'utf8'))).toMatchObject({ version: '3.1.0', stagingPercentage: 5 });

    const usage = run(['--platform', 'win']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/--version is required[\s\S]*Usage: release:add/);

    const refusedRun = run(['--platform', 'win', '--version', '3.0.0', '--file', 'Makeries-Counter-Setup-3.1.0.exe']);
    expect(refusedRun.status).toBe(1);
    expect(refusedRun.stderr.trim()).toBe('3.0.0 is older than the published Windows version 3.1.0; counters never downgrade.');
  });
});
