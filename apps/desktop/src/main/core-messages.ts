import type { WebOrderEvent } from '../core/router/index';

/**
 * Control messages between Electron main and the core's utility process (on `process.parentPort`). The tRPC
 * traffic itself runs on separate MessagePorts handed over with `connect`, one per renderer page and one for main.
 */
export interface CoreStartConfig {
  dataDir: string;
  /** absent: the marketplace the counter was paired with (or the sync client's default) */
  serverUrl?: string;
  /** the committed SQL migrations, copied next to the built core process */
  migrationsFolder: string;
}

export type MainToCore =
  | { type: 'start'; config: CoreStartConfig }
  /** carries one MessagePort: serve the CounterRouter on it until it closes */
  | { type: 'connect' }
  /** stop serving, stop sync (waiting for a push in flight), close SQLite, then exit */
  | { type: 'shutdown' };

export type CoreToMain =
  | { type: 'ready'; serverUrl: string; registerCode: string | null }
  | { type: 'failed'; message: string }
  /** a web order reached this counter (main shows an OS notification) */
  | { type: 'web-order'; event: WebOrderEvent }
  | { type: 'closed' };

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

export function isMainToCore(x: unknown): x is MainToCore {
  if (!isRecord(x)) return false;
  if (x.type === 'connect' || x.type === 'shutdown') return true;
  return x.type === 'start' && isRecord(x.config) && typeof x.config.dataDir === 'string' && typeof x.config.migrationsFolder === 'string';
}

export function isCoreToMain(x: unknown): x is CoreToMain {
  if (!isRecord(x)) return false;
  switch (x.type) {
    case 'ready':
      return typeof x.serverUrl === 'string';
    case 'failed':
      return typeof x.message === 'string';
    case 'web-order':
      return isRecord(x.event) && typeof x.event.number === 'string';
    case 'closed':
      return true;
    default:
      return false;
  }
}
