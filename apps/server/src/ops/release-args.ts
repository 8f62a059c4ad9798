import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { AddReleaseInput } from '../services/releases/add-release';

export const RELEASE_USAGE = `Usage: release:add -- --platform win|mac --version X.Y.Z --file PATH [--file PATH] [--staging PERCENT]

  --platform   win (NSIS .exe) or mac (.zip for auto-update, optionally the .dmg too)
  --version    the app version in the build, e.g. 1.2.3
  --file       the artifact from electron-builder's release/ folder (repeat for the mac .dmg)
  --staging    give the update to this share of counters first (0-100; default: all)`;

export class ReleaseUsageError extends Error {
  override readonly name = 'ReleaseUsageError';
}

/** The command line, checked; paths resolve from where pnpm was run (INIT_CWD), like DATA_DIR. */
export function parseReleaseArgs(argv: readonly string[], cwd: string): Omit<AddReleaseInput, 'releasesDir'> {
  // `pnpm run x -- --flag` passes the `--` through
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: { platform: { type: 'string' }, version: { type: 'string' }, file: { type: 'string', multiple: true }, staging: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new ReleaseUsageError(e instanceof Error ? e.message : String(e));
  }
  if (!values.platform) throw new ReleaseUsageError('--platform is required (win or mac).');
  if (!values.version) throw new ReleaseUsageError('--version is required, e.g. --version 1.2.3.');
  if (!values.file?.length) throw new ReleaseUsageError('--file is required: the installer to publish.');
  let staging: number | undefined;
  if (values.staging !== undefined) {
    staging = /^\d{1,3}$/.test(values.staging) ? Number(values.staging) : Number.NaN;
    if (!(staging >= 0 && staging <= 100)) throw new ReleaseUsageError(`--staging must be a whole percentage from 0 to 100, not "${values.staging}".`);
  }
  return {
    platform: values.platform,
    version: values.version,
    files: values.file.map((f) => resolve(cwd, f)),
    ...(staging !== undefined ? { staging } : {}),
  };
}
