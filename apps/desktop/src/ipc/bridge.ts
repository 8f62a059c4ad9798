import type { IpcTransport } from './protocol';

/**
 * What the preload exposes as `window.makeries` (and nothing else). Types only, shared by the preload, main and
 * the renderer; the renderer treats it as optional because the same build also runs in a plain browser.
 */
export interface MakeriesBridge {
  /** the CounterRouter over IPC: give it to `ipcLink({ transport })` */
  trpc: IpcTransport;
  app: AppBridge;
}

interface AppBridge {
  /** the installed app version, e.g. "1.4.0" */
  version: string;
  /** Node's `process.platform`: "win32", "darwin", "linux", … */
  platform: string;
  /** called at once with the current state, then on every change; returns the unsubscribe function */
  onUpdateState(listener: (state: UpdateState) => void): () => void;
  /**
   * Staff chose "restart and update now". Never restarts during a sale: then the answer says it will restart
   * when the sale is finished (state `waiting-for-sale`).
   */
  installUpdateNow(): Promise<InstallAnswer>;
}

export type UpdateState =
  /** development build, or updates switched off in settings.json */
  | { status: 'disabled'; reason: string }
  /** up to date as of the last check (or not checked yet) */
  | { status: 'idle'; checkedAt: string | null }
  | { status: 'checking' }
  | { status: 'downloading'; version: string; percent: number }
  /** downloaded: installs when the app quits, or now if staff choose */
  | { status: 'ready'; version: string }
  /** staff chose to update now during a sale: it restarts as soon as the sale is finished */
  | { status: 'waiting-for-sale'; version: string }
  /** the last check or download failed; the next check retries */
  | { status: 'error'; message: string };

export interface InstallAnswer {
  /** `restarting` now, `after-sale` once the current sale ends, `not-ready` when nothing is downloaded */
  outcome: 'restarting' | 'after-sale' | 'not-ready';
  /** a sentence for staff */
  message: string;
}
