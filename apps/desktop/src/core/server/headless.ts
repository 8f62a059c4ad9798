import { fileURLToPath } from 'node:url';
import { createCounterCore, type CounterCore } from '../index';
import { logSyncChanges, openCounterLog } from '../logs/log-file';
import { createSyncClient } from '../sync/client';
import { createCredentialStore } from '../sync/credentials';
import type { SyncController } from '../sync/types';
import type { CounterArgs } from './args';
import { startCounterServer } from './http';

/** Where `vite build` puts the counter UI (apps/desktop/dist-renderer); served when it exists. */
const DEFAULT_UI_DIR = fileURLToPath(new URL('../../../dist-renderer/', import.meta.url));

export interface HeadlessCounter {
  url: string;
  /** true when the counter UI (browser mode) is served at `url` */
  servesUi: boolean;
  core: CounterCore;
  sync: SyncController;
  /** stops serving, stops sync (waiting for a running push/pull), closes SQLite; safe to call twice */
  shutdown(): Promise<void>;
}

/**
 * The counter without Electron: open the replica, start sync, serve the CounterRouter on 127.0.0.1. The
 * counter sells whether or not the marketplace answers; sync catches up when it does.
 */
export async function startHeadlessCounter(
  args: CounterArgs,
  log: (line: string) => void = () => {},
  opts: { uiDir?: string } = {},
): Promise<HeadlessCounter> {
  const file = openCounterLog(args.dataDir);
  const say = log;
  log = (line) => {
    say(line);
    file.info('counter', line);
  };
  // receipts carry a QR code to the marketplace's receipt lookup: the server this counter syncs with
  const core = createCounterCore({
    dataDir: args.dataDir,
    printing: {
      // read per receipt (a fresh store, no cache): the counter may be paired after it started
      receipts: { serverUrl: () => args.serverUrl ?? createCredentialStore(args.dataDir).read()?.serverUrl ?? null },
      onError: (error, where) => log(`printing (${where}): ${error instanceof Error ? error.message : String(error)}`),
    },
  });
  const sync = createSyncClient(args.serverUrl ? { core, serverUrl: args.serverUrl } : { core });
  const stopLoggingSync = logSyncChanges(file, sync);
  let server;
  try {
    server = await startCounterServer({
      core,
      sync,
      port: args.port,
      ...(args.devOrigin ? { devOrigin: args.devOrigin } : {}),
      uiDir: opts.uiDir ?? DEFAULT_UI_DIR,
      onInternalError: (error, path) => log(`internal error in ${path ?? 'request'}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    });
  } catch (e) {
    stopLoggingSync();
    core.close();
    await file.close();
    throw e;
  }
  file.info('counter', 'started', { url: server.url, dataDir: args.dataDir });
  sync.start();
  // queued receipts and drawer kicks (including any a crash left half-sent) print from here on
  core.printing.start();
  // serial barcode scanners feed the signed-in register's cart; an unplugged one is retried until it is back
  const scannerStates = new Map<string, string>();
  core.scanners.onEvent((e) => {
    // once per change, not once per retry while a scanner stays unplugged
    if (e.kind !== 'status' || scannerStates.get(e.status.scannerId) === e.status.state) return;
    scannerStates.set(e.status.scannerId, e.status.state);
    log(`scanner ${e.status.scannerId}: ${e.status.state}${e.status.lastError ? ` (${e.status.lastError})` : ''}`);
  });
  void core.scanners.startReaders();
  let closing: Promise<void> | null = null;
  const running = server;
  return {
    url: running.url,
    servesUi: running.servesUi,
    core,
    sync,
    shutdown() {
      closing ??= (async () => {
        try {
          await running.close();
        } finally {
          await Promise.all([sync.stop(), core.printing.stop(), core.scanners.stopReaders()]);
          core.close();
          stopLoggingSync();
          file.info('counter', 'stopped');
          await file.close();
        }
      })();
      return closing;
    },
  };
}
