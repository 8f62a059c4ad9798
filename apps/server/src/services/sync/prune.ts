import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client';
import { comparePositions, type FeedPosition } from './cursor';

/**
 * Deletes change rows older than `before` (and below the watermark, so nothing unread-in-flight goes) and
 * raises the log floor to the highest position removed. A counter whose cursor is below the floor may have
 * missed rows, so its next pull says resetRequired and it bootstraps again. Returns the rows removed.
 */
export async function pruneChangeLog(db: DbOrTx, before: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const removed = await queryRows<{ txid: string; seq: string | number }>(
      tx,
      sql`DELETE FROM change_log
          WHERE created_at < ${before.toISOString()}::timestamptz AND txid < pg_snapshot_xmin(pg_current_snapshot())
          RETURNING txid::text AS txid, seq`,
    );
    let top: FeedPosition | undefined;
    for (const r of removed) {
      const pos = { txid: r.txid, seq: Number(r.seq) };
      if (!top || comparePositions(pos, top) > 0) top = pos;
    }
    if (top) {
      await tx.execute(sql`
        UPDATE server_meta SET log_floor_txid = ${top.txid}::xid8, log_floor_seq = ${top.seq}, updated_at = now()
        WHERE log_floor_txid IS NULL OR (log_floor_txid, log_floor_seq) < (${top.txid}::xid8, ${top.seq}::bigint)`);
    }
    return removed.length;
  });
}

/** True when rows after `pos` may already have been pruned away. */
export async function belowFloor(db: DbOrTx, pos: FeedPosition): Promise<boolean> {
  const [row] = await queryRows<{ txid: string | null; seq: string | number | null }>(
    db,
    sql`SELECT log_floor_txid::text AS txid, log_floor_seq AS seq FROM server_meta WHERE singleton`,
  );
  if (!row?.txid) return false;
  return comparePositions(pos, { txid: row.txid, seq: Number(row.seq ?? 0) }) < 0;
}
