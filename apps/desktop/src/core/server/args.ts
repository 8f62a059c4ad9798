import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { webOrigin } from './guard';

export const DEFAULT_PORT = 4319;

export interface CounterArgs {
  /** the marketplace; absent = the one this counter was paired with (or the sync client's default) */
  serverUrl: string | undefined;
  dataDir: string;
  port: number;
  /** the UI's dev server (`pnpm dev:renderer`) that may call this counter besides its own pages */
  devOrigin?: string;
}

export const USAGE = `Usage: counter --data DIR [--server URL] [--port ${DEFAULT_PORT}] [--dev-origin URL]

  --data DIR        where the counter keeps its database (created if missing)
  --server URL      the marketplace server, e.g. http://localhost:3000
  --port P          the local API port on 127.0.0.1 (0 picks a free one)
  --dev-origin URL  the UI's dev server allowed to call the counter besides its own pages,
                    e.g. http://localhost:5173 (every other page is refused)`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Validates the command line; a mistake is a UsageError with a sentence that says what to fix. */
export function parseCounterArgs(argv: readonly string[], cwd = process.cwd()): CounterArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { server: { type: 'string' }, data: { type: 'string' }, port: { type: 'string' }, 'dev-origin': { type: 'string' }, help: { type: 'boolean' } },
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
  const devOriginArg = values['dev-origin'];
  const devOrigin = devOriginArg === undefined ? undefined : webOrigin(devOriginArg);
  if (devOrigin === null) throw new UsageError(`--dev-origin must be an http:// or https:// URL like http://localhost:5173, not "${devOriginArg}".`);
  return { serverUrl, dataDir: resolve(cwd, values.data), port, ...(devOrigin ? { devOrigin } : {}) };
}
