import { PUSH_BATCH_MAX, type MutationResult } from '@makeries/shared';
import { isoAt } from '../context';
import { syncProofs } from '../staff/proofs';
import type { StepResult, SyncDeps } from './deps';

/**
 * A 'duplicate' answer means the server had the mutation before this push: an earlier answer was lost on
 * the way back. The server may have rejected it back then, so its rejection is fetched, not assumed away.
 */
async function withEarlierRejections(d: SyncDeps, results: readonly MutationResult[]): Promise<MutationResult[]> {
  const dups = results.filter((r) => r.status === 'duplicate').map((r) => r.mutationId);
  if (dups.length === 0) return [...results];
  const lo = Math.min(...dups);
  const hi = Math.max(...dups);
  const rejected = await d.api.sync.rejections.query({ limit: Math.min(PUSH_BATCH_MAX, hi - lo + 1), beforeMutationId: hi + 1 });
  const byId = new Map(rejected.filter((r) => r.mutationId >= lo).map((r) => [r.mutationId, r]));
  return results.map((r) => {
    const was = r.status === 'duplicate' ? byId.get(r.mutationId) : undefined;
    return was ? { mutationId: r.mutationId, status: 'rejected', code: was.code, message: was.message } : r;
  });
}

/**
 * Sends every outbox row above the server's high-water mark, oldest first, in batches of at most 500, and
 * stores each answer (applied / duplicate → acknowledged, rejected → kept with its code for staff). Sending
 * "above the high-water mark" rather than "pending" is what makes resends after a restore and gap recovery
 * the same code path: the server's answer moves the mark, and the next batch starts right after it.
 */
export async function drainOutbox(d: SyncDeps): Promise<StepResult> {
  // only what was queued when the round began: a till selling faster than a push round trip must still reach
  // the pull that follows (new prices, web orders); later rows go in the next round
  const upTo = d.core.outbox.stats().lastMutationId;
  try {
    for (;;) {
      const st = d.core.mirror.state();
      if (!st.epoch) return 'reset';
      // a pending row at or below the mark was received but never answered (the answer was lost): resend it
      // too, so the server's 'duplicate' and its rejection list settle what became of it
      const oldestPending = d.core.outbox.pending(1)[0]?.mutationId;
      const from = Math.min(st.serverLastMutationId, oldestPending === undefined ? Infinity : oldestPending - 1);
      const batch = d.core.outbox.after(from, PUSH_BATCH_MAX).filter((m) => m.mutationId <= upTo);
      if (batch.length === 0) return 'ok';
      // "sending" counts the pending rows on the wire (a resent rejected row is not waiting to send)
      const last = batch.at(-1)?.mutationId ?? 0;
      d.board.set({ inFlight: d.core.outbox.pending(PUSH_BATCH_MAX).filter((m) => m.mutationId <= last).length });
      // the staff proofs held vouch for the role edits in the batch (made offline up to 7 days ago)
      const proofs = syncProofs(d.core.ctx);
      const res = await d.api.sync.push.mutate({ epoch: st.epoch, mutations: batch, ...(proofs.length > 0 ? { proofs } : {}) });
      if (res.epoch !== st.epoch || res.lastMutationId < st.serverLastMutationId) return 'reset';
      if (res.results.length === 0) {
        // same epoch, nothing taken and no gap to resend from: retrying at once would only spin
        throw new Error(`The server took none of ${batch.length} queued changes. Sync will retry.`);
      }
      d.core.outbox.recordResults(await withEarlierRejections(d, res.results), res.lastMutationId);
      d.board.set({ lastPushAt: isoAt(d.core.ctx.now()), inFlight: 0 });
    }
  } finally {
    d.board.set({ inFlight: 0 });
  }
}
