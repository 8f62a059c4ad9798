import { isoAt } from '../context';
import type { CounterCore } from '../index';
import type { SyncConnection, SyncStatus } from './types';

/** Whether the marketplace answered: unknown until the first request is answered or goes unanswered. */
type Reach = 'unknown' | 'online' | 'offline';

/** What only the running sync client knows; the rest of SyncStatus is read from the counter database. */
interface LiveState {
  reach: Reach;
  offlineSince: string | null;
  lastPushAt: string | null;
  lastError: string | null;
  /** pending rows in the push request on the wire (0 when none) */
  inFlight: number;
  clockSkewMs: number | null;
  bootstrapping: boolean;
}

type LivePatch = Partial<Omit<LiveState, 'reach' | 'offlineSince'>>;

export interface StatusBoard {
  readonly live: Readonly<LiveState>;
  /** one consistent snapshot: the connection, and counts read from the database in the same call */
  status(): SyncStatus;
  /** merges the patch and tells listeners if what they would see changed */
  set(patch: LivePatch): void;
  /** the marketplace answered (a refusal counts: it is there) */
  reached(patch?: LivePatch): void;
  /** the marketplace did not answer; the first time since it last did starts "offline since" */
  unreachable(patch?: LivePatch): void;
  /** back to "connecting" (unpaired, or a new pairing) */
  forget(patch?: LivePatch): void;
  /** re-reads the database (pending/rejected counts, cursor) and tells listeners if anything changed */
  refresh(): void;
  onChange(listener: (status: SyncStatus) => void): () => void;
}

const UNPAIRED: SyncStatus = {
  paired: false,
  connection: 'unpaired',
  online: false,
  offlineSince: null,
  pending: 0,
  sending: 0,
  rejected: 0,
  lastPushAt: null,
  lastPullAt: null,
  lastError: null,
  clockSkewMs: null,
  epoch: null,
  bootstrapping: false,
};

function lastAckedAt(core: CounterCore): string | null {
  const row = core.ctx.sqlite.prepare('SELECT max(acked_at) AS at FROM outbox').get() as { at: string | null } | undefined;
  return row?.at ?? null;
}

function connectionOf(paired: boolean, reach: Reach): SyncConnection {
  if (!paired) return 'unpaired';
  return reach === 'unknown' ? 'connecting' : reach;
}

/** The status from the live state and the database's counts; `sending` never exceeds `pending`. */
function snapshot(live: LiveState, paired: boolean, counts: Pick<SyncStatus, 'pending' | 'rejected' | 'lastPullAt' | 'epoch'>): SyncStatus {
  const connection = connectionOf(paired, live.reach);
  const offline = connection === 'offline';
  return {
    paired,
    connection,
    online: connection === 'online',
    offlineSince: offline ? live.offlineSince : null,
    pending: counts.pending,
    sending: offline ? 0 : Math.min(live.inFlight, counts.pending),
    rejected: counts.rejected,
    lastPushAt: live.lastPushAt,
    lastPullAt: counts.lastPullAt,
    lastError: live.lastError,
    clockSkewMs: live.clockSkewMs,
    epoch: counts.epoch,
    bootstrapping: live.bootstrapping,
  };
}

export function createStatusBoard(core: CounterCore): StatusBoard {
  const live: LiveState = { reach: 'unknown', offlineSince: null, lastPushAt: null, lastError: null, inFlight: 0, clockSkewMs: null, bootstrapping: false };
  try {
    live.lastPushAt = lastAckedAt(core);
  } catch {
    // a database that cannot answer yet is reported by the first status() call
  }
  const listeners = new Set<(s: SyncStatus) => void>();
  let last: SyncStatus = { ...UNPAIRED };
  let lastJson = JSON.stringify(last);

  const compute = (): SyncStatus => {
    try {
      const d = core.device.get();
      const stats = core.outbox.stats();
      const mirror = core.mirror.state();
      const paired = Boolean(d.deviceId && d.vendorId && d.registerCode);
      last = snapshot(live, paired, { pending: stats.pending, rejected: stats.rejected, lastPullAt: mirror.lastPullAt, epoch: mirror.epoch });
    } catch {
      // the database is closed (shutting down): keep answering with the counts we last read
      last = snapshot(live, last.paired, last);
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

  const reachTo = (reach: Reach, patch: LivePatch): void => {
    if (reach === 'offline' && live.reach !== 'offline') live.offlineSince = isoAt(core.ctx.now());
    if (reach !== 'offline') live.offlineSince = null;
    live.reach = reach;
    Object.assign(live, patch);
    core.setOnline(reach === 'online');
    refresh();
  };

  return {
    live,
    status: compute,
    set(patch) {
      Object.assign(live, patch);
      refresh();
    },
    reached: (patch = {}) => reachTo('online', patch),
    unreachable: (patch = {}) => reachTo('offline', patch),
    forget: (patch = {}) => reachTo('unknown', patch),
    refresh,
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
