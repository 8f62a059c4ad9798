import { createCounterCore, type CounterCore } from '../index';
import { createSyncClient } from '../sync/client';
import type { SyncController } from '../sync/types';
import type { CounterArgs } from './args';
import { startCounterServer } from './http';

export interface HeadlessCounter {
  url: string;
  core: CounterCore;
  sync: SyncController;
  /** stops serving, stops sync (waiting for a running push/pull), closes SQLite; safe to call twice */
  shutdown(): Promise<void>;
}

/**
 * The counter without Electron: open the replica, start sync, serve the CounterRouter on 127.0.0.1. The
 * counter sells whether or not the marketplace answers; sync catches up when it does.
 */
export async function startHeadlessCounter(args: CounterArgs, log: (line: string) => void = () => {}): Promise<HeadlessCounter> {
  const core = createCounterCore({ dataDir: args.dataDir });
  const sync = createSyncClient(args.serverUrl ? { core, serverUrl: args.serverUrl } : { core });
  let server;
  try {
    server = await startCounterServer({
      core,
      sync,
      port: args.port,
      onInternalError: (error, path) => log(`internal error in ${path ?? 'request'}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    });
  } catch (e) {
    core.close();
    throw e;
  }
  sync.start();
  let closing: Promise<void> | null = null;
  const running = server;
  return {
    url: running.url,
    core,
    sync,
    shutdown() {
      closing ??= (async () => {
        try {
          await running.close();
        } finally {
          await sync.stop();
          core.close();
        }
      })();
      return closing;
    },
  };
}
