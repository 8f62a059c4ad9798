import { BrowserWindow, screen } from 'electron';
import { VERSION_ARG } from '../ipc/channels';
import { APP_ORIGIN } from './security-policy';
import type { Settings } from './settings';
import { MIN_SIZE, readWindowState, restoreWindow, saveWindowState } from './window-state';

export interface CounterWindowOptions {
  settings: Settings;
  /** window-state.json in user data */
  stateFile: string;
  preloadPath: string;
  version: string;
  /** electron-vite's dev server during `pnpm desktop`; absent: the packaged renderer on app://counter/ */
  devServerUrl?: string;
  iconPath?: string;
  devTools: boolean;
}

/** Work areas with the primary display first, as restoreWindow wants them. */
function workAreas() {
  const primary = screen.getPrimaryDisplay();
  return [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
}

/**
 * The register window: locked down (isolated, sandboxed, no Node), reopened where staff left it, or kiosk /
 * full screen as settings.json says. The size and place are saved as they change, so a crash keeps them too.
 */
export function createCounterWindow(opts: CounterWindowOptions): BrowserWindow {
  const { kiosk, fullscreen } = opts.settings;
  const restored = restoreWindow(readWindowState(opts.stateFile), workAreas());
  const win = new BrowserWindow({
    ...restored.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Makeries Counter',
    backgroundColor: '#f8f9fa',
    autoHideMenuBar: true,
    kiosk,
    fullscreen: fullscreen && !kiosk,
    ...(opts.iconPath ? { icon: opts.iconPath } : {}),
    webPreferences: {
      preload: opts.preloadPath,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: opts.devTools,
      additionalArguments: [`${VERSION_ARG}${opts.version}`],
    },
  });
  if (restored.maximized && !kiosk && !fullscreen) win.maximize();
  win.once('ready-to-show', () => win.show());

  // kiosk and full screen always open that way; only an ordinary window's place is worth remembering
  if (!kiosk && !fullscreen) {
    let timer: NodeJS.Timeout | undefined;
    const save = () => {
      clearTimeout(timer);
      if (win.isDestroyed() || win.isMinimized() || win.isFullScreen()) return;
      saveWindowState(opts.stateFile, { bounds: win.getNormalBounds(), maximized: win.isMaximized() });
    };
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(save, 1000);
    };
    for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(event as 'resize', later);
    win.on('close', save);
  }

  void win.loadURL(opts.devServerUrl ?? `${APP_ORIGIN}/`);
  return win;
}
