import electronUpdater from 'electron-updater';
import type { InstallAnswer, UpdateState } from '../ipc/bridge';
import { decideUpdate, downloadedVersion, stateForAction, type UpdateAction } from './update-policy';

// electron-updater is CommonJS with a getter export; the default import is the form that works from ESM
const { autoUpdater } = electronUpdater;

export interface UpdaterOptions {
  /** `${serverUrl}/updates/${platform}`, or null with a reason when updates are off */
  feed: { url: string } | { disabled: string };
  checkEveryMs: number;
  saleInProgress: () => Promise<boolean | null>;
  /** lets the quit through and closes the core cleanly; electron-updater then quits and installs */
  prepareRestart: () => Promise<void>;
  onState: (state: UpdateState) => void;
  log: (line: string) => void;
}

export interface Updater {
  state(): UpdateState;
  /** staff pressed "restart and update now" */
  installNow(): Promise<InstallAnswer>;
  /** the quit guard let the app quit: install on the way out only if no sale is open */
  onQuit(saleInProgress: boolean | null): void;
  stop(): void;
}

/** While staff wait for a sale to end before the update, how often to look at the till again. */
const SALE_POLL_MS = 5_000;
/** the first check waits for the till to settle after start-up */
const FIRST_CHECK_MS = 30_000;

/** `win` / `mac` as in electron-builder's `${os}` and the server's /updates/:platform route. */
export function feedPlatform(platform: NodeJS.Platform): 'win' | 'mac' | null {
  if (platform === 'win32') return 'win';
  if (platform === 'darwin') return 'mac';
  return null;
}

/**
 * electron-updater against the marketplace's generic feed: it checks and downloads in the background and
 * installs when the app quits (autoInstallOnAppQuit) or when staff choose; update-policy.ts decides, so a
 * restart never cuts a sale off.
 */
export function startUpdater(opts: UpdaterOptions): Updater {
  let state: UpdateState = 'disabled' in opts.feed ? { status: 'disabled', reason: opts.feed.disabled } : { status: 'idle', checkedAt: null };
  let installRequested = false;
  let salePoll: NodeJS.Timeout | undefined;
  const timers: NodeJS.Timeout[] = [];

  const setState = (next: UpdateState) => {
    state = next;
    opts.onState(next);
  };

  async function apply(action: UpdateAction): Promise<void> {
    setState(stateForAction(action, state));
    clearTimeout(salePoll);
    if (action.kind === 'wait-for-sale') {
      salePoll = setTimeout(() => void reconsider(), SALE_POLL_MS);
    } else if (action.kind === 'install-now') {
      opts.log(`installing update ${action.version} and restarting`);
      await opts.prepareRestart();
      // silent: the NSIS installer runs without its wizard; force-run: the till comes straight back
      autoUpdater.quitAndInstall(true, true);
    }
  }

  async function reconsider(): Promise<void> {
    const saleInProgress = await opts.saleInProgress();
    await apply(decideUpdate({ update: state, saleInProgress, installRequested, quitting: false }));
  }

  if ('url' in opts.feed) {
    autoUpdater.logger = { info: opts.log, warn: opts.log, error: (m: unknown) => opts.log(String(m)), debug: () => {} };
    autoUpdater.autoDownload = true;
    autoUpdater.autoInstallOnAppQuit = true;
    autoUpdater.autoRunAppAfterInstall = true;
    autoUpdater.allowDowngrade = false;
    // the server answers single ranges (206); one range per request keeps differential downloads working
    autoUpdater.setFeedURL({ provider: 'generic', url: opts.feed.url, useMultipleRangeRequest: false });

    autoUpdater.on('checking-for-update', () => {
      if (downloadedVersion(state) === null) setState({ status: 'checking' });
    });
    autoUpdater.on('update-not-available', () => setState({ status: 'idle', checkedAt: new Date().toISOString() }));
    autoUpdater.on('update-available', (info) => setState({ status: 'downloading', version: info.version, percent: 0 }));
    autoUpdater.on('download-progress', (p) => {
      if (state.status === 'downloading') setState({ ...state, percent: Math.floor(p.percent) });
    });
    autoUpdater.on('update-downloaded', (info) => {
      installRequested = false;
      setState({ status: 'ready', version: info.version });
    });
    autoUpdater.on('error', (e) => {
      opts.log(`update check failed: ${e.message}`);
      // a failed check must not hide an update that is already downloaded
      if (downloadedVersion(state) === null) setState({ status: 'error', message: 'Could not check for updates. It will try again later.' });
    });

    const check = () => {
      autoUpdater.checkForUpdates().catch((e: unknown) => opts.log(`update check failed: ${String(e)}`));
    };
    timers.push(setTimeout(check, FIRST_CHECK_MS));
    timers.push(setInterval(check, opts.checkEveryMs));
  }

  return {
    state: () => state,

    async installNow(): Promise<InstallAnswer> {
      if (downloadedVersion(state) === null) return { outcome: 'not-ready', message: 'There is no downloaded update to install yet.' };
      installRequested = true;
      const saleInProgress = await opts.saleInProgress();
      const action = decideUpdate({ update: state, saleInProgress, installRequested, quitting: false });
      await apply(action);
      if (action.kind === 'install-now') return { outcome: 'restarting', message: 'Restarting to install the update…' };
      return { outcome: 'after-sale', message: 'Makeries Counter will restart to update as soon as this sale is finished.' };
    },

    onQuit(saleInProgress) {
      clearTimeout(salePoll);
      const action = decideUpdate({ update: state, saleInProgress, installRequested, quitting: true });
      if ('url' in opts.feed) autoUpdater.autoInstallOnAppQuit = action.kind === 'install-on-quit';
      if (action.kind === 'keep-for-later') opts.log(`update ${action.version} kept for a later quit: a sale was open`);
    },

    stop() {
      clearTimeout(salePoll);
      for (const t of timers) clearTimeout(t);
    },
  };
}
