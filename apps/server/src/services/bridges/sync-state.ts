import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { posSyncState } from '../../db/schema/index';

export type StreamRow = typeof posSyncState.$inferSelect;
export type Stream = 'import' | 'catalog' | 'stock';

export async function readStream(db: DbOrTx, connectionId: string, stream: Stream): Promise<StreamRow | null> {
  const [row] = await db
    .select()
    .from(posSyncState)
    .where(and(eq(posSyncState.connectionId, connectionId), eq(posSyncState.stream, stream)))
    .limit(1);
  return row ?? null;
}

export type StreamPatch = Partial<Pick<StreamRow, 'phase' | 'cursor' | 'done' | 'total' | 'data' | 'lastSuccessAt' | 'lastError'>>;

export async function writeStream(db: DbOrTx, connectionId: string, stream: Stream, patch: StreamPatch): Promise<void> {
  await db
    .insert(posSyncState)
    .values({ connectionId, stream, ...patch })
    .onConflictDoUpdate({ target: [posSyncState.connectionId, posSyncState.stream], set: { ...patch, updatedAt: sql`now()` } });
}
