import type { Change } from '@makeries/shared';
import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client';
import type { Cursor } from './cursor';
import { LOADERS, SNAPSHOT_ORDER } from './entities';

export interface SnapshotPage {
  changes: Change[];
  next: Cursor;
}

/** The oldest transaction still running: everything below it is finished and visible to later reads. */
async function currentWatermark(db: DbOrTx): Promise<string> {
  const [row] = await queryRows<{ wm: string }>(db, sql`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS wm`);
  if (!row) throw new Error('no snapshot watermark');
  return row.wm;
}

/**
 * Bootstrap (cursor '0'): every current row of the vendor, entity by entity in id order, then the change feed
 * from the watermark taken before the first read. A row changed while the snapshot is paged may arrive
 * twice (snapshot, then feed); both carry current data, so applying it twice is harmless.
 */
export async function snapshotPage(
  db: DbOrTx,
  vendorId: string,
  cursor: Extract<Cursor, { kind: 'start' | 'snapshot' }>,
  limit: number,
): Promise<SnapshotPage> {
  const watermark = cursor.kind === 'start' ? await currentWatermark(db) : cursor.watermark;
  let entity = cursor.kind === 'start' ? 0 : cursor.entity;
  let afterId = cursor.kind === 'start' ? null : cursor.afterId;
  const changes: Change[] = [];
  while (entity < SNAPSHOT_ORDER.length && changes.length < limit) {
    const name = SNAPSHOT_ORDER[entity];
    if (!name) break;
    const want = limit - changes.length;
    const rows = await LOADERS[name](db, vendorId, { afterId, limit: want, snapshot: true });
    for (const r of rows) changes.push({ entity: name, op: 'upsert', id: r.id, data: r.data });
    if (rows.length < want) {
      entity++;
      afterId = null;
    } else {
      afterId = rows.at(-1)?.id ?? null;
    }
  }
  const next: Cursor =
    entity >= SNAPSHOT_ORDER.length ? { kind: 'feed', txid: watermark, seq: 0 } : { kind: 'snapshot', watermark, entity, afterId };
  return { changes, next };
}
