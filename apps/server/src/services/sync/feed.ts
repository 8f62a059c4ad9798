import type { Change, ChangeEntity } from '@makeries/shared';
import { CHANGE_ENTITIES } from '@makeries/shared';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client';
import { comparePositions, type FeedPosition } from './cursor';
import { LOADERS } from './entities';

interface FeedRow {
  wm: string;
  txid: string | null;
  seq: string | number | null;
  entity: string | null;
  entityId: string | null;
}

export interface FeedPage {
  changes: Change[];
  next: FeedPosition;
  hasMore: boolean;
}

/**
 * Change rows after `after`, for the vendor plus marketplace-wide rows, stopping at the snapshot-xmin
 * watermark: every transaction with a txid below it has finished, so no row can later appear behind the
 * cursor — the late committer of DESIGN §10 is simply not read until it, and all older ones, are done.
 * The watermark comes from the same statement (same snapshot) as the rows, which makes advancing to it safe.
 */
async function readRows(db: DbOrTx, vendorId: string, after: FeedPosition, take: number): Promise<FeedRow[]> {
  const branch = (vendorCond: SQL) => sql`
    SELECT txid, seq, entity, entity_id FROM change_log
    WHERE ${vendorCond} AND (txid, seq) > (${after.txid}::xid8, ${after.seq}::bigint) AND txid < (SELECT xmin FROM w)
    ORDER BY txid, seq LIMIT ${take}`;
  return queryRows<FeedRow>(
    db,
    sql`WITH w AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
        SELECT (SELECT xmin FROM w)::text AS wm, c.txid::text AS txid, c.seq, c.entity, c.entity_id AS "entityId"
        FROM (SELECT 1) AS one
        LEFT JOIN LATERAL (
          (${branch(sql`vendor_id = ${vendorId}::uuid`)})
          UNION ALL
          (${branch(sql`vendor_id IS NULL`)})
          ORDER BY txid, seq LIMIT ${take}
        ) c ON true
        ORDER BY c.txid, c.seq`,
  );
}

/** Current rows for the changed ids, one change per entity id (first occurrence keeps dependency order). */
async function materialize(db: DbOrTx, vendorId: string, rows: { entity: ChangeEntity; id: string }[]): Promise<Change[]> {
  const ids = new Map<ChangeEntity, Set<string>>();
  for (const r of rows) {
    const set = ids.get(r.entity) ?? new Set<string>();
    set.add(r.id);
    ids.set(r.entity, set);
  }
  const current = new Map<string, Record<string, unknown>>();
  for (const [entity, set] of ids) {
    const loaded = await LOADERS[entity](db, vendorId, { ids: [...set], limit: set.size });
    for (const l of loaded) current.set(`${entity}:${l.id}`, l.data);
  }
  const seen = new Set<string>();
  const changes: Change[] = [];
  for (const r of rows) {
    const key = `${r.entity}:${r.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const data = current.get(key);
    // gone (or no longer this vendor's): the counter drops its copy
    changes.push(data ? { entity: r.entity, op: 'upsert', id: r.id, data } : { entity: r.entity, op: 'delete', id: r.id, data: null });
  }
  return changes;
}

/**
 * How long a pull waits for older transactions to finish when the feed holds committed changes of this shop behind
 * them, and how often it looks again. Without the wait the pull answered "nothing new", the poke that announced the
 * change had been spent, and the counter only heard of it on a follow-up pull seconds later (a web order placed
 * through one instance took up to 7.6 s to reach a counter on another while other shops were writing).
 */
const HELD_WAIT_MS = 2_000;
const HELD_POLL_MS = 15;

/**
 * True while some change of this shop (or of the whole marketplace) has committed but is still at or above the
 * snapshot-xmin watermark, i.e. readable only once an older transaction, of anyone, ends. Rows of transactions still
 * running are invisible here, so they never count.
 */
async function heldBehindWatermark(db: DbOrTx, vendorId: string): Promise<boolean> {
  const held = (vendorCond: SQL) => sql`EXISTS (SELECT 1 FROM change_log WHERE ${vendorCond} AND txid >= (SELECT xmin FROM w))`;
  const [row] = await queryRows<{ held: boolean }>(
    db,
    sql`WITH w AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
        SELECT ${held(sql`vendor_id = ${vendorId}::uuid`)} OR ${held(sql`vendor_id IS NULL`)} AS held`,
  );
  return row?.held === true;
}

/**
 * Waits (at most HELD_WAIT_MS, holding no transaction or connection between looks) until no committed change of the
 * shop is held behind the watermark, so the pull that follows delivers it. Returns whether it had to wait.
 */
export async function awaitHeldChanges(db: DbOrTx, vendorId: string, waitMs = HELD_WAIT_MS): Promise<boolean> {
  const until = Date.now() + waitMs;
  let waited = false;
  while (await heldBehindWatermark(db, vendorId)) {
    if (Date.now() >= until) break;
    waited = true;
    await new Promise((r) => setTimeout(r, HELD_POLL_MS));
  }
  return waited;
}

const isEntity = (e: string | null): e is ChangeEntity => e !== null && (CHANGE_ENTITIES as readonly string[]).includes(e);

/**
 * One page of the feed. When the page is not full, every row below the watermark has been delivered, so the
 * cursor moves up to the watermark: a quiet shop's cursor keeps pace and never falls behind a pruned log.
 */
export async function feedPage(db: DbOrTx, vendorId: string, after: FeedPosition, limit: number): Promise<FeedPage> {
  const raw = await readRows(db, vendorId, after, limit + 1);
  const rows = raw.filter((r) => r.txid !== null);
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  let next: FeedPosition = last?.txid ? { txid: last.txid, seq: Number(last.seq) } : after;
  const wm = raw[0]?.wm;
  if (!hasMore && wm) {
    const atWatermark = { txid: wm, seq: 0 };
    if (comparePositions(atWatermark, next) > 0) next = atWatermark;
  }
  const changes = await materialize(
    db,
    vendorId,
    page.flatMap((r) => (isEntity(r.entity) && r.entityId ? [{ entity: r.entity, id: r.entityId }] : [])),
  );
  return { changes, next, hasMore };
}
