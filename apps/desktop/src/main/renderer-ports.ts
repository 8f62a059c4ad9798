import { ipcMain, type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import type { InstallAnswer, UpdateState } from '../ipc/bridge';
import { CHANNELS } from '../ipc/channels';
import type { CoreHost } from './core-host';
import { isAppUrl } from './security-policy';
import type { Updater } from './updater';

export interface RendererPortsOptions {
  host: CoreHost;
  updater: () => Updater | null;
  devServerUrl?: string;
}

/**
 * Main's only IPC surface: hand a page a port to the core, and the two update calls. Each checks that the
 * sender is one of the app's own pages (never a frame that somehow loaded something else).
 */
export function serveRendererIpc(opts: RendererPortsOptions): void {
  const trusted = (event: IpcMainEvent | IpcMainInvokeEvent) => isAppUrl(event.senderFrame?.url ?? '', opts.devServerUrl);

  ipcMain.on(CHANNELS.connectCore, (event) => {
    if (!trusted(event)) return;
    event.sender.postMessage(CHANNELS.corePort, null, [opts.host.connect()]);
  });

  ipcMain.handle(CHANNELS.updateState, (event): UpdateState => {
    if (!trusted(event)) return { status: 'disabled', reason: 'Not available to this page.' };
    // before the core has opened there is no updater yet; nothing has been checked
    return opts.updater()?.state() ?? { status: 'idle', checkedAt: null };
  });

  ipcMain.handle(CHANNELS.installUpdate, async (event): Promise<InstallAnswer> => {
    const updater = opts.updater();
    if (!trusted(event) || !updater) return { outcome: 'not-ready', message: 'Updates are not available in this copy of the app.' };
    return updater.installNow();
  });
}

export function sendUpdateState(win: BrowserWindow | null, state: UpdateState): void {
  if (win && !win.isDestroyed()) win.webContents.send(CHANNELS.updateStateChanged, state);
}
