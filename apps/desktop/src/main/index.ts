import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, type BrowserWindow } from 'electron';
import { askSaleInProgress, createMainCoreClient, type CoreClient } from './core-client';
import { startCoreHost } from './core-host';
import { notifyWebOrder } from './notifications';
import { installQuitGuard } from './quit-guard';
import { sendUpdateState, serveRendererIpc } from './renderer-ports';
import { lockDown, registerAppScheme, serveRenderer } from './security';
import { createMediaCache } from '../core/server/media-cache';
import { contentSecurityPolicy } from './security-policy';
import { loadSettings } from './settings';
import { feedPlatform, startUpdater, type Updater } from './updater';
import { createCounterWindow } from './window';

/*
 * Electron main: thin (DESIGN §1). It owns windows, OS integration and the updater; the counter core runs in a
 * utility process and each page talks to it over its own MessagePort.
 */

/** out/main when built (core-process.js, the preload and the migrations sit relative to it) */
const here = dirname(fileURLToPath(import.meta.url));
const log = (line: string) => console.log(`[main] ${line}`);

let win: BrowserWindow | null = null;

function focusWindow(): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

function fatal(message: string): void {
  dialog.showErrorBox('Makeries Counter cannot start', message);
  // exit, not quit: there is nothing safe to ask the core any more
  app.exit(1);
}

/**
 * `pnpm start` hands the demo app a one-time pairing code (MAKERIES_PAIRING_CODE) so it opens ready to sell; an
 * already paired counter ignores it, and a failure leaves the pairing screen for staff.
 */
async function pairFromEnvironment(client: CoreClient): Promise<void> {
  const code = process.env.MAKERIES_PAIRING_CODE;
  if (!code) return;
  try {
    if ((await client.device.status.query()).paired) return;
    const paired = await client.device.pair.mutate({ code });
    log(`paired to ${paired.vendorName} as register ${paired.registerCode}`);
  } catch (e) {
    log(`pairing with MAKERIES_PAIRING_CODE failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function main(): Promise<void> {
  await app.whenReady();
  const userData = app.getPath('userData');
  const { settings, problems } = loadSettings(join(userData, 'settings.json'));
  const serverUrl = process.env.MAKERIES_SERVER_URL ?? settings.serverUrl;
  const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;

  const dataDir = process.env.MAKERIES_DATA_DIR ?? settings.dataDir ?? join(userData, 'counter');
  const host = startCoreHost({
    modulePath: join(here, 'core-process.js'),
    config: { dataDir, migrationsFolder: join(here, 'migrations'), ...(serverUrl ? { serverUrl } : {}) },
    log,
    onWebOrder: (event) => notifyWebOrder(event, win),
    onRestarted: () => {
      core.reconnect();
      // the page's port died with the old process: a reload gets a new one (the cart is in SQLite)
      if (win && !win.isDestroyed()) win.webContents.reload();
    },
    onFatal: fatal,
  });
  const core = createMainCoreClient(host);
  const saleInProgress = () => askSaleInProgress(core.client);

  let updater: Updater | null = null;
  const guard = installQuitGuard({
    saleInProgress,
    window: () => win,
    onQuitting: (sale) => updater?.onQuit(sale),
    shutdownCore: () => host.shutdown(),
  });
  serveRendererIpc({ host, updater: () => updater, ...(devServerUrl ? { devServerUrl } : {}) });

  let ready;
  try {
    ready = await host.ready();
  } catch {
    // onFatal has told staff why and is ending the app
    return;
  }

  await pairFromEnvironment(core.client);

  // photos come through app://counter/media/ (the counter's cache), so images stay 'self'
  const csp = contentSecurityPolicy(devServerUrl ? { devServerUrl } : {});
  lockDown({ csp, serverUrl: ready.serverUrl, ...(devServerUrl ? { devServerUrl } : {}) });
  const media = createMediaCache({ dir: join(dataDir, 'media-cache'), serverUrl: () => ready.serverUrl });
  if (!devServerUrl) serveRenderer(join(here, '..', 'renderer'), csp, media);

  win = createCounterWindow({
    settings,
    stateFile: join(userData, 'window-state.json'),
    preloadPath: join(here, '..', 'preload', 'index.cjs'),
    version: app.getVersion(),
    devTools: !app.isPackaged,
    ...(devServerUrl ? { devServerUrl, iconPath: join(app.getAppPath(), 'build', 'icon.png') } : {}),
  });
  guard.watch(win);

  const platform = feedPlatform(process.platform);
  const feed = !app.isPackaged
    ? { disabled: 'This is a development build.' }
    : !settings.updates.enabled
      ? { disabled: 'Updates are switched off in settings.json.' }
      : platform === null
        ? { disabled: `There are no automatic updates for ${process.platform}.` }
        : { url: `${ready.serverUrl}/updates/${platform}` };
  updater = startUpdater({
    feed,
    checkEveryMs: settings.updates.checkEveryMinutes * 60_000,
    saleInProgress,
    prepareRestart: () => guard.approveForUpdate(),
    onState: (state) => sendUpdateState(win, state),
    log,
  });

  if (problems.length > 0) {
    void dialog.showMessageBox(win, {
      type: 'warning',
      title: 'Settings',
      message: 'settings.json has problems',
      detail: `${problems.join('\n')}\n\nFile: ${join(userData, 'settings.json')}`,
    });
  }
}

registerAppScheme();
if (!app.requestSingleInstanceLock()) {
  // one till, one database: a second copy would fight the first over SQLite and the printer
  app.quit();
} else {
  app.on('second-instance', focusWindow);
  main().catch((e: unknown) => fatal(e instanceof Error ? (e.stack ?? e.message) : String(e)));
}
