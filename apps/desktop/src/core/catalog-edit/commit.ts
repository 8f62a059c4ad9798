import type { MutationArgs, MutationName } from '@makeries/shared';
import type { CoreContext } from '../context';
import { isoAt } from '../context';
import { writeTx } from '../db/open';
import { requirePaired } from '../device/device';
import { enqueue } from '../outbox/outbox';
import { approve, requireStaff } from '../staff/auth';
import { requireSyncProof } from '../staff/proofs';
import type { ApprovalInput } from '../schemas/staff';

export interface Stamp {
  staffId: string;
  approvedBy: string | null;
  occurredAt: string;
}

/** The outbox row that tells the server (the last one, when an import queues several). */
export interface Queued {
  mutationId: number;
}

export type CatalogMutation = { [N in MutationName]: { name: N; args: MutationArgs<N> } }[MutationName];

export interface EditPlan<R> {
  queue: CatalogMutation[];
  /** the optimistic writes into the local catalog */
  mirror: () => void;
  result: R;
}

/**
 * The one write path of catalog edits: checks (run before the PIN prompt and again inside the transaction,
 * since the mirror may have changed meanwhile), a manager's say-so, then the optimistic mirror write and its
 * outbox rows in one IMMEDIATE transaction — all or nothing.
 */
export async function commitEdit<R>(
  ctx: CoreContext,
  approval: ApprovalInput | undefined,
  action: string,
  plan: (stamp: Stamp) => EditPlan<R>,
): Promise<R & Queued> {
  const me = requireStaff(ctx);
  requirePaired(ctx.db);
  plan({ staffId: me.staffId, approvedBy: null, occurredAt: isoAt(ctx.now()) });
  const approvedBy = await approve(ctx, approval, action);
  await requireSyncProof(ctx, approvedBy, 'Catalog edits');
  const staff = requireStaff(ctx);
  const now = ctx.now();
  return writeTx(ctx.db, () => {
    const p = plan({ staffId: staff.staffId, approvedBy, occurredAt: isoAt(now) });
    p.mirror();
    let mutationId = 0;
    for (const m of p.queue) mutationId = enqueue(ctx.db, now, m.name, m.args).mutationId;
    return { ...p.result, mutationId };
  });
}
