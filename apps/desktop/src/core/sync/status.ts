import type { CounterCore } from '../index';
import type { SyncProgress, SyncStatus } from './types';

/** What only the running sync client knows; the rest of SyncStatus is read from the counter database. */
export interface LiveState {
  online: boolean;
  lastPushAt: string | null;
  lastError: string | null;
  progress: SyncProgress | null;
  clockSkewMs: number | null;
  bootstrapping: boolean;
}

export interface StatusBoard {
  readonly live: Readonly<LiveState>;
  status(): SyncStatus;
  /** merges the patch and tells listeners if what they would see changed */
  set(patch: Partial<LiveState>): void;
  /** re-reads the database (pending/rejected counts, cursor) and tells listeners if anything changed */
  refresh(): void;
  onChange(listener: (status: SyncStatus) => void): () => void;
}

const OFFLINE: SyncStatus = {
  paired: false,
  online: false,
  pending: 0,
  rejected: 0,
  lastPushAt: null,
  lastPullAt: null,
  lastError: null,
  progress: null,
  clockSkewMs: null,
  epoch: null,
  bootstrapping: false,
};

function lastAckedAt(core: CounterCore): string | null {
  const row = core.ctx.sqlite.prepare('SELECT max(acked_at) AS at FROM outbox').get() as { at: string | null } | undefined;
  return row?.at ?? null;
}

export function createStatusBoard(core: CounterCore): StatusBoard {
  const live: LiveState = { online: false, lastPushAt: null, lastError: null, progress: null, clockSkewMs: null, bootstrapping: false };
  try {
    live.lastPushAt = lastAckedAt(core);
  } catch {
    // a database that cannot answer yet is reported by the first status() call
  }
  const listeners = new Set<(s: SyncStatus) => void>();
  let last: SyncStatus = { ...OFFLINE };
  let lastJson = JSON.stringify(last);

  const compute = (): SyncStatus => {
    try {
      const d = core.device.get();
      const stats = core.outbox.stats();
      const mirror = core.mirror.state();
      last = {
        paired: Boolean(d.deviceId && d.vendorId && d.registerCode),
        ...live,
        pending: stats.pending,
        rejected: stats.rejected,
        lastPullAt: mirror.lastPullAt,
        epoch: mirror.epoch,
      };
    } catch {
      // the database is closed (shutting down): keep answering with what we knew
      last = { ...last, ...live };
    }
    return last;
  };

  const refresh = (): void => {
    const s = compute();
    const json = JSON.stringify(s);
    if (json === lastJson) return;
    lastJson = json;
    for (const l of [...listeners]) {
      try {
        l(s);
      } catch {
        // a broken listener (a closed UI stream) must not stop sync or the other listeners
      }
    }
  };

  return {
    live,
    status: compute,
    set(patch) {
      Object.assign(live, patch);
      if (patch.online !== undefined) core.setOnline(patch.online);
      refresh();
    },
    refresh,
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
