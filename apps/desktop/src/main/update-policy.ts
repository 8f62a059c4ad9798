import type { UpdateState } from '../ipc/bridge';

/**
 * When a downloaded update is installed. Pure, so every rule is tested under Node: the one that matters most is
 * that the app never restarts while a customer is at the till.
 */
export interface UpdatePolicyInput {
  update: UpdateState;
  /**
   * Items in the open cart. `null`: the core did not answer (busy or restarting) and is treated like a sale,
   * because restarting blind could cut a payment off.
   */
  saleInProgress: boolean | null;
  /** staff pressed "restart and update now" (for this download) */
  installRequested: boolean;
  /** the app is closing (staff quit, or the quit guard already let it) */
  quitting: boolean;
}

export type UpdateAction =
  /** nothing downloaded: keep checking and downloading in the background */
  | { kind: 'none' }
  /** downloaded; show it and let it install when the app next quits */
  | { kind: 'hold'; version: string }
  /** staff want it now but a sale is open: restart as soon as it is finished */
  | { kind: 'wait-for-sale'; version: string }
  /** no sale: quit, install and start again */
  | { kind: 'install-now'; version: string }
  /** the app is quitting with no sale open: install silently on the way out (no restart) */
  | { kind: 'install-on-quit'; version: string }
  /** the app is quitting mid-sale (shut down by the OS): leave this version and install on a later quit */
  | { kind: 'keep-for-later'; version: string };

/** The version that is downloaded and waiting, if any. */
export function downloadedVersion(update: UpdateState): string | null {
  return update.status === 'ready' || update.status === 'waiting-for-sale' ? update.version : null;
}

export function decideUpdate(input: UpdatePolicyInput): UpdateAction {
  const version = downloadedVersion(input.update);
  if (version === null) return { kind: 'none' };
  const noSale = input.saleInProgress === false;
  if (input.quitting) return noSale ? { kind: 'install-on-quit', version } : { kind: 'keep-for-later', version };
  if (!input.installRequested) return { kind: 'hold', version };
  return noSale ? { kind: 'install-now', version } : { kind: 'wait-for-sale', version };
}

/** The state staff see for an action (the renderer's banner follows it). */
export function stateForAction(action: UpdateAction, current: UpdateState): UpdateState {
  switch (action.kind) {
    case 'wait-for-sale':
      return { status: 'waiting-for-sale', version: action.version };
    case 'hold':
    case 'install-now':
    case 'install-on-quit':
    case 'keep-for-later':
      return { status: 'ready', version: action.version };
    case 'none':
      return current;
  }
}
