import { and, desc, eq, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { posSyncLog } from '../../db/schema/index';

export type LogLevel = 'info' | 'warn' | 'error';

/** One line of the back office's sync log, in words a shop owner understands. */
export async function logSync(db: DbOrTx, connectionId: string, level: LogLevel, message: string, details: Record<string, unknown> = {}): Promise<void> {
  await db.insert(posSyncLog).values({ connectionId, level, message: message.slice(0, 1000), details });
}

/** Newest first; the cursor is the id of the last line of the previous page. */
export async function syncLogPage(db: DbOrTx, connectionId: string, cursor: string | undefined, limit: number) {
  const before = cursor !== undefined && /^\d{1,18}$/.test(cursor) ? Number(cursor) : null;
  const rows = await db
    .select()
    .from(posSyncLog)
    .where(and(eq(posSyncLog.connectionId, connectionId), before === null ? undefined : lt(posSyncLog.id, before)))
    .orderBy(desc(posSyncLog.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map((r) => ({ id: r.id, at: r.at.toISOString(), level: r.level, message: r.message }));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? String(last.id) : null };
}
