import type { MessagePortMain } from 'electron';
import { createCounterCore, type CounterCore } from '../core/index';
import { logSyncChanges, openCounterLog, type CounterLog } from '../core/logs/log-file';
import { counterRouter, createCounterContext, type OpenCounterContext } from '../core/router/index';
import { createSyncClient, DEFAULT_SERVER_URL } from '../core/sync/client';
import { createCredentialStore } from '../core/sync/credentials';
import { trimUrl } from '../core/sync/transport';
import type { SyncController } from '../core/sync/types';
import { serveIpcPort } from '../ipc/handler';
import { fromEmitterPort } from '../ipc/port';
import { isMainToCore, type CoreStartConfig, type CoreToMain } from './core-messages';

/*
 * The counter core in Electron's utility process (DESIGN §1): SQLite, sync and the CounterRouter live here, off
 * the main process (which stays responsive for windows) and out of the renderer. Main relays nothing itself:
 * each renderer page gets its own MessagePort straight to this process.
 */

interface Running {
  core: CounterCore;
  sync: SyncController;
  ctx: OpenCounterContext;
  ports: Set<{ close(): void }>;
  stopWatching: AbortController;
}

const parent = process.parentPort;
let running: Running | null = null;
let failed = false;
/** ports that arrived before the core finished opening */
const waiting: MessagePortMain[] = [];

const tell = (message: CoreToMain) => parent.postMessage(message);
/** the log file under the data folder, open once the core starts (Settings zips it for support) */
let file: CounterLog | null = null;
const log = (line: string) => {
  process.stderr.write(`[core] ${line}\n`);
  file?.error('core', line);
};

function serve(r: Running, port: MessagePortMain): void {
  const served = serveIpcPort(fromEmitterPort(port), {
    router: counterRouter,
    createContext: () => r.ctx,
    onError: ({ error, path }) => {
      // AppErrors are answers for staff; only the unexpected is worth a log line
      if (error.code === 'INTERNAL_SERVER_ERROR') log(`internal error in ${path}: ${error.cause?.stack ?? error.message}`);
    },
  });
  r.ports.add(served);
  port.on('close', () => r.ports.delete(served));
}

/** New web orders, for main's OS notification; read from the core's events so it works while the till is locked. */
async function watchWebOrders(r: Running): Promise<void> {
  try {
    for await (const event of r.ctx.events.stream('webOrder', r.stopWatching.signal)) {
      if (event.kind === 'arrived') tell({ type: 'web-order', event });
    }
  } catch (e) {
    if (!r.stopWatching.signal.aborted) log(`web-order watch stopped: ${String(e)}`);
  }
}

function start(config: CoreStartConfig): void {
  if (running || failed) return;
  try {
    file ??= openCounterLog(config.dataDir);
    file.info('core', 'starting', { dataDir: config.dataDir });
    const core = createCounterCore({ dataDir: config.dataDir, migrationsFolder: config.migrationsFolder });
    const sync = createSyncClient(config.serverUrl ? { core, serverUrl: config.serverUrl } : { core });
    logSyncChanges(file, sync);
    const ctx = createCounterContext(core, sync);
    running = { core, sync, ctx, ports: new Set(), stopWatching: new AbortController() };
    sync.start();
    void watchWebOrders(running);
    // the same order the sync client resolves its server in
    const serverUrl = trimUrl(config.serverUrl ?? createCredentialStore(config.dataDir).read()?.serverUrl ?? DEFAULT_SERVER_URL);
    tell({ type: 'ready', serverUrl, registerCode: core.device.get().registerCode });
    for (const port of waiting.splice(0)) serve(running, port);
  } catch (e) {
    failed = true;
    for (const port of waiting.splice(0)) port.close();
    log(`could not start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    tell({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
  }
}

async function shutdown(): Promise<void> {
  const r = running;
  running = null;
  if (r) {
    r.stopWatching.abort();
    for (const p of r.ports) p.close();
    r.ctx.close();
    try {
      await r.sync.stop();
    } finally {
      r.core.close();
    }
  }
  file?.info('core', 'stopped');
  await file?.close();
  tell({ type: 'closed' });
  process.exit(0);
}

parent.on('message', (event) => {
  const message: unknown = event.data;
  if (!isMainToCore(message)) return;
  if (message.type === 'start') start(message.config);
  else if (message.type === 'connect') {
    const port = event.ports[0];
    if (!port) return;
    if (running) serve(running, port);
    else if (failed) port.close();
    else waiting.push(port);
  } else {
    shutdown().catch((e: unknown) => {
      log(`did not shut down cleanly: ${String(e)}`);
      process.exit(1);
    });
  }
});

process.on('uncaughtException', (e) => {
  // main sees the exit and restarts the core; SQLite's last commit is durable (WAL, synchronous=FULL)
  process.stderr.write(`[core] crashed: ${e.stack ?? e.message}\n`);
  file?.crash('core', `crashed: ${e.stack ?? e.message}`);
  process.exit(1);
});
