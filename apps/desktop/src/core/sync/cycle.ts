import { describeDelay } from './backoff';
import type { SyncDeps } from './deps';
import { bootstrap, pullChanges } from './pull';
import { drainOutbox } from './push';
import type { Failure } from './transport';

/**
 * One sync round: bootstrap if the replica never had one, push everything queued, then pull (DESIGN §4: pull
 * after each push). If the server turns out to be a different one (epoch change or a restored backup), the
 * mirror is re-bootstrapped and the retained outbox rows above the server's high-water mark are resent.
 * Returns how many changes reached the mirror (a bootstrap counts as one).
 */
export async function runCycle(d: SyncDeps): Promise<number> {
  const got = { changes: 0 };
  if (!d.core.mirror.state().epoch) {
    await bootstrap(d);
    got.changes++;
  }
  for (let resets = 0; ; resets++) {
    const pushed = await drainOutbox(d);
    const pulled = pushed === 'ok' ? await pullChanges(d, got) : 'reset';
    if (pulled === 'ok') return got.changes;
    if (resets >= 1) throw new Error('The marketplace asked this counter to start over twice in a row.');
    await bootstrap(d);
    got.changes++;
  }
}

/** The sentence staff see under the sync indicator. `retryInMs` is null when no retry is scheduled. */
export function describeFailure(f: Failure, retryInMs: number | null): string {
  const retry = retryInMs === null ? '' : ` — retrying in ${describeDelay(retryInMs)}`;
  switch (f.kind) {
    case 'offline':
      return retryInMs === null ? `${f.message} — sales stay on this counter until it is back` : `${f.message}${retry}`;
    case 'unpaired':
      // revoked in the back office (or the server lost the device): retrying cannot fix it, a manager can
      return 'The marketplace no longer accepts this counter (it was removed or the server was reset). Sales stay safe here; ask a manager.';
    case 'refused':
      return `The server refused to sync: ${f.message}${retry}`;
    case 'local':
      return `Sync stopped on this counter: ${f.message}${retry}`;
  }
}
