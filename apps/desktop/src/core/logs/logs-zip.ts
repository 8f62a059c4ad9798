import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '@makeries/shared';
import { zipSync } from 'fflate';
import { logsDir } from './log-file';

export interface LogsZip {
  fileName: string;
  bytes: Uint8Array;
  files: { name: string; size: number }[];
}

/** Every log file of this counter in one zip for support, named after the register and the time. */
export function zipLogs(dataDir: string, opts: { registerCode: string | null; now: Date }): LogsZip {
  const dir = logsDir(dataDir);
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.startsWith('counter.log'));
  } catch {
    // no folder yet: nothing was logged
  }
  const files = names.map((name) => ({ name, size: statSync(join(dir, name)).size }));
  if (files.length === 0) throw new AppError('NOT_FOUND', 'This counter has not written any logs yet.');
  const entries = Object.fromEntries(names.map((n) => [n, readFileSync(join(dir, n))]));
  const stamp = opts.now.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return {
    fileName: `makeries-counter-${opts.registerCode ?? 'unpaired'}-logs-${stamp}.zip`,
    bytes: zipSync(entries, { level: 6 }),
    files,
  };
}
