import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export const DEFAULT_PORT = 4319;

export interface CounterArgs {
  /** the marketplace; absent = the one this counter was paired with (or the sync client's default) */
  serverUrl: string | undefined;
  dataDir: string;
  port: number;
}

export const USAGE = `Usage: counter --data DIR [--server URL] [--port ${DEFAULT_PORT}]

  --data DIR      where the counter keeps its database (created if missing)
  --server URL    the marketplace server, e.g. http://localhost:3000
  --port P        the local API port on 127.0.0.1 (0 picks a free one)`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Validates the command line; a mistake is a UsageError with a sentence that says what to fix. */
export function parseCounterArgs(argv: readonly string[], cwd = process.cwd()): CounterArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { server: { type: 'string' }, data: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  if (values.help) throw new UsageError('');
  if (!values.data?.trim()) throw new UsageError('--data DIR is required: the folder for this counter’s database.');
  let serverUrl: string | undefined;
  if (values.server !== undefined) {
    let u: URL;
    try {
      u = new URL(values.server);
    } catch {
      throw new UsageError(`--server must be a URL like http://localhost:3000, not "${values.server}".`);
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UsageError('--server must be an http:// or https:// URL.');
    serverUrl = u.toString().replace(/\/+$/, '');
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`--port must be a number from 0 to 65535, not "${values.port}".`);
  return { serverUrl, dataDir: resolve(cwd, values.data), port };
}
