import { app, dialog, powerMonitor, type BrowserWindow } from 'electron';

export interface QuitGuardOptions {
  saleInProgress: () => Promise<boolean | null>;
  window: () => BrowserWindow | null;
  /** the quit is going ahead (the updater decides whether to install on the way out) */
  onQuitting: (saleInProgress: boolean | null) => void;
  /** stop sync and close SQLite before the process ends */
  shutdownCore: () => Promise<void>;
}

export interface QuitGuard {
  /** close button, Cmd+Q, the app's own quit: asks the core first */
  requestQuit(): void;
  /** an update restart the policy already cleared: close the core, then let electron-updater quit */
  approveForUpdate(): Promise<void>;
  /** closing the window means quitting the till, through the same check */
  watch(win: BrowserWindow): void;
}

/**
 * Safe quit: the app refuses to close while a customer's sale is open, and asks when the core does not answer.
 * Quitting always closes the core first, so the last sale and the outbox are on disk before the process ends.
 */
export function installQuitGuard(opts: QuitGuardOptions): QuitGuard {
  let phase: 'open' | 'checking' | 'closing' = 'open';

  async function close(sale: boolean | null): Promise<void> {
    phase = 'closing';
    opts.onQuitting(sale);
    await opts.shutdownCore();
    app.quit();
  }

  async function check(): Promise<void> {
    const sale = await opts.saleInProgress();
    const win = opts.window();
    const show = (o: Electron.MessageBoxOptions) => (win ? dialog.showMessageBox(win, o) : dialog.showMessageBox(o));
    if (sale === true) {
      await show({
        type: 'warning',
        title: 'A sale is in progress',
        message: 'A sale is in progress.',
        detail: 'Take the payment, park the sale or void it, then close Makeries Counter.',
        buttons: ['Back to the sale'],
        defaultId: 0,
        noLink: true,
      });
      phase = 'open';
      return;
    }
    if (sale === null) {
      const { response } = await show({
        type: 'question',
        title: 'The counter is not answering',
        message: 'The counter’s database is not answering.',
        detail: 'Quitting now is safe for finished sales (they are saved), but a payment being taken right now may need checking.',
        buttons: ['Keep it open', 'Quit anyway'],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      });
      if (response !== 1) {
        phase = 'open';
        return;
      }
    }
    await close(sale);
  }

  const requestQuit = () => {
    if (phase !== 'open') return;
    phase = 'checking';
    check().catch(() => {
      phase = 'open';
    });
  };

  /** the OS is shutting down or logging out: no dialog can stop it, so close the core quickly and go */
  const forced = () => {
    if (phase === 'closing') return;
    void close(null);
  };

  app.on('before-quit', (event) => {
    if (phase === 'closing') return;
    event.preventDefault();
    requestQuit();
  });
  app.on('window-all-closed', () => {
    if (phase === 'closing') app.quit();
  });
  powerMonitor.on('shutdown', forced);

  return {
    requestQuit,
    async approveForUpdate() {
      phase = 'closing';
      await opts.shutdownCore();
    },
    watch(win) {
      win.on('close', (event) => {
        if (phase === 'closing') return;
        event.preventDefault();
        requestQuit();
      });
      // Windows: the session is ending (shutdown, log off)
      win.on('session-end', forced);
    },
  };
}
