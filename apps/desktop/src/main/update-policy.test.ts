import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { UpdateState } from '../ipc/bridge';
import { decideUpdate, stateForAction, type UpdatePolicyInput } from './update-policy';

const ready: UpdateState = { status: 'ready', version: '1.3.0' };
const base: UpdatePolicyInput = { update: ready, saleInProgress: false, installRequested: false, quitting: false };

describe('update policy: when a downloaded update installs', () => {
  it('does nothing until an update is downloaded, whatever staff press', () => {
    const notReady: UpdateState[] = [
      { status: 'idle', checkedAt: null },
      { status: 'checking' },
      { status: 'downloading', version: '1.3.0', percent: 40 },
      { status: 'error', message: 'offline' },
      { status: 'disabled', reason: 'development build' },
    ];
    for (const update of notReady) {
      expect(decideUpdate({ ...base, update, installRequested: true })).toEqual({ kind: 'none' });
      expect(decideUpdate({ ...base, update, quitting: true })).toEqual({ kind: 'none' });
    }
  });

  it('holds a downloaded update for the next quit when nobody asked to restart', () => {
    expect(decideUpdate(base)).toEqual({ kind: 'hold', version: '1.3.0' });
    expect(decideUpdate({ ...base, saleInProgress: true })).toEqual({ kind: 'hold', version: '1.3.0' });
  });

  it('restarts now when staff ask and no sale is open', () => {
    expect(decideUpdate({ ...base, installRequested: true })).toEqual({ kind: 'install-now', version: '1.3.0' });
  });

  it('waits for the sale to finish when staff ask during a sale, then restarts', () => {
    const during = decideUpdate({ ...base, installRequested: true, saleInProgress: true });
    expect(during).toEqual({ kind: 'wait-for-sale', version: '1.3.0' });
    const waiting = stateForAction(during, ready);
    expect(waiting).toEqual({ status: 'waiting-for-sale', version: '1.3.0' });
    // the same request, asked again once the sale is paid
    expect(decideUpdate({ update: waiting, installRequested: true, saleInProgress: false, quitting: false })).toEqual({ kind: 'install-now', version: '1.3.0' });
  });

  it('does not restart when the core cannot say whether a sale is open', () => {
    expect(decideUpdate({ ...base, installRequested: true, saleInProgress: null }).kind).toBe('wait-for-sale');
  });

  it('installs silently when the app quits with no sale, and keeps the update when it is shut down mid-sale', () => {
    expect(decideUpdate({ ...base, quitting: true })).toEqual({ kind: 'install-on-quit', version: '1.3.0' });
    expect(decideUpdate({ ...base, quitting: true, installRequested: true })).toEqual({ kind: 'install-on-quit', version: '1.3.0' });
    expect(decideUpdate({ ...base, quitting: true, saleInProgress: true })).toEqual({ kind: 'keep-for-later', version: '1.3.0' });
    expect(decideUpdate({ ...base, quitting: true, saleInProgress: null })).toEqual({ kind: 'keep-for-later', version: '1.3.0' });
  });

  it('never installs while a sale is open or unknown, for any input', () => {
    const update = fc.oneof(
      fc.constant<UpdateState>({ status: 'idle', checkedAt: null }),
      fc.constant<UpdateState>({ status: 'checking' }),
      fc.constant<UpdateState>({ status: 'downloading', version: '2.0.0', percent: 10 }),
      fc.constant<UpdateState>({ status: 'ready', version: '2.0.0' }),
      fc.constant<UpdateState>({ status: 'waiting-for-sale', version: '2.0.0' }),
      fc.constant<UpdateState>({ status: 'error', message: 'x' }),
    );
    fc.assert(
      fc.property(update, fc.constantFrom(true, false, null), fc.boolean(), fc.boolean(), (u, sale, installRequested, quitting) => {
        const action = decideUpdate({ update: u, saleInProgress: sale, installRequested, quitting });
        if (action.kind === 'install-now' || action.kind === 'install-on-quit') expect(sale).toBe(false);
        if (action.kind === 'install-now') expect(installRequested && !quitting).toBe(true);
      }),
    );
  });
});
