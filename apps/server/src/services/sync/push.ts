import { AppError, type MutationEnvelope, type MutationResult, type PushInput, type PushResult } from '@makeries/shared';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { deviceMutations, devices } from '../../db/schema/index';
import type { Env } from '../../env';
import { applyAll } from './apply';
import { getEpoch } from './epoch';
import { resolveStaffProofs, syncProofAge, type ProvenStaff } from '../staff-proofs';
import { loadScope } from './scope';

export interface DeviceRef {
  deviceId: string;
  vendorId: string;
  /** staff proven by the request's header (12 h proofs); the push's own `proofs` (7 days) are added to them */
  proven?: readonly ProvenStaff[];
}

async function lockDevice(tx: Tx, device: DeviceRef): Promise<number> {
  const [row] = await tx
    .select({ last: devices.lastMutationId })
    .from(devices)
    .where(and(eq(devices.id, device.deviceId), eq(devices.vendorId, device.vendorId), isNull(devices.revokedAt)))
    .for('update');
  if (!row) throw new AppError('UNAUTHENTICATED', 'This counter is no longer paired with the shop. Pair it again.');
  return row.last;
}

async function finish(tx: Tx, device: DeviceRef, last: number): Promise<void> {
  await tx.update(devices).set({ lastMutationId: last, lastSeenAt: new Date() }).where(eq(devices.id, device.deviceId));
}

/**
 * `sync.push` (DESIGN §4), in one transaction under the device row lock, so two pushes of one counter run one
 * after the other. Ids ≤ lastMutationId are duplicates; a gap stops the batch before anything new is applied;
 * each new mutation is applied in its own savepoint, and a rejected one still advances lastMutationId.
 * A wrong epoch applies nothing: the answer carries the server's epoch and the counter re-bootstraps.
 */
export async function pushMutations(db: Db, env: Env, device: DeviceRef, input: PushInput): Promise<PushResult> {
  return db.transaction(async (tx) => {
    let last = await lockDevice(tx, device);
    const epoch = await getEpoch(tx);
    if (input.epoch !== epoch) {
      await finish(tx, device, last);
      return { epoch, lastMutationId: last, results: [] };
    }
    const proven = [...(device.proven ?? []), ...(await resolveStaffProofs(tx, device, input.proofs ?? [], syncProofAge))];
    const scope = await loadScope(tx, env, device.vendorId, device.deviceId, proven);
    const results: MutationResult[] = [];
    const fresh: MutationEnvelope[] = [];
    let gapAt: number | undefined;
    for (const m of input.mutations) {
      if (m.mutationId <= last) results.push({ mutationId: m.mutationId, status: 'duplicate' });
      else if (m.mutationId !== last + 1 + fresh.length) {
        gapAt = last + 1;
        break;
      } else fresh.push(m);
    }
    const outcomes = await applyAll(tx, scope, fresh);
    const records: (typeof deviceMutations.$inferInsert)[] = [];
    fresh.forEach((m, i) => {
      const o = outcomes[i];
      if (!o) throw new Error(`no outcome for mutation ${m.mutationId}`);
      const extra = o.status === 'rejected' ? { code: o.code, message: o.message } : {};
      results.push({ mutationId: m.mutationId, status: o.status, ...extra });
      records.push({ deviceId: device.deviceId, mutationId: m.mutationId, id: m.id, name: m.name, status: o.status, ...extra });
    });
    last += fresh.length;
    // one multi-row insert per batch instead of one round trip per mutation
    if (records.length > 0) await tx.insert(deviceMutations).values(records);
    await finish(tx, device, last);
    return { epoch, lastMutationId: last, results, ...(gapAt !== undefined ? { gapAt } : {}) };
  });
}
