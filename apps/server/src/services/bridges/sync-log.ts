import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { posSyncLog } from '../../db/schema/index';
import { PROVIDER_NAMES } from './provider-names';

export type LogLevel = 'info' | 'warn' | 'error';

/**
 * One line of the back office's sync log, in words a shop owner understands. `{pos}` in the message becomes the
 * connection's point of sale by name ("Took 3 changed items from {pos}." → "… from Shopify.").
 */
export async function logSync(db: DbOrTx, connectionId: string, level: LogLevel, message: string, details: Record<string, unknown> = {}): Promise<void> {
  const text = message.slice(0, 1000);
  if (!text.includes('{pos}')) {
    await db.insert(posSyncLog).values({ connectionId, level, message: text, details });
    return;
  }
  const names = sql.join(
    Object.entries(PROVIDER_NAMES).map(([p, n]) => sql`WHEN ${p} THEN ${n}`),
    sql` `,
  );
  await db.execute(sql`INSERT INTO pos_sync_log (connection_id, level, message, details)
    SELECT c.id, ${level}, replace(${text}, '{pos}', CASE c.provider ${names} ELSE 'the point of sale' END), ${JSON.stringify(details)}::jsonb
    FROM pos_connections c WHERE c.id = ${connectionId}`);
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
