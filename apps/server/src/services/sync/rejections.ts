import type { MutationRejection } from '@makeries/shared';
import { and, desc, eq, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { deviceMutations } from '../../db/schema/index';

/** Mutations of this device the server refused, newest first, for staff to resolve at the counter. */
export async function listRejections(
  db: DbOrTx,
  deviceId: string,
  opts: { limit: number; beforeMutationId?: number | undefined },
): Promise<MutationRejection[]> {
  const rows = await db
    .select()
    .from(deviceMutations)
    .where(
      and(
        eq(deviceMutations.deviceId, deviceId),
        eq(deviceMutations.status, 'rejected'),
        opts.beforeMutationId !== undefined ? lt(deviceMutations.mutationId, opts.beforeMutationId) : undefined,
      ),
    )
    .orderBy(desc(deviceMutations.mutationId))
    .limit(opts.limit);
  return rows.map((r) => ({
    mutationId: r.mutationId,
    id: r.id,
    name: r.name,
    code: r.code ?? 'BAD_INPUT',
    message: r.message ?? '',
    rejectedAt: r.appliedAt.toISOString(),
  }));
}
