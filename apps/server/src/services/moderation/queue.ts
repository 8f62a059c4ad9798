import {
  AppError,
  type ContentItemDetail,
  type ContentQueueInput,
  type ContentQueueItem,
  type ContentQueuePage,
  type ContentReportsInput,
  type ContentReportsPage,
  type ReportKind,
  type ReportReason,
} from '@makeries/shared';
import { and, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client';
import { contentReports, customers } from '../../db/schema/index';
import { loadTarget, notFoundTarget } from './targets';

interface GroupRow {
  kind: ReportKind;
  target_id: string;
  n: number;
  /** max(created_at) as UTC text with microseconds: exact in the cursor, where a JS Date would round */
  last_at: string;
}

interface QueueCursor {
  sort: ContentQueueInput['sort'];
  n: number;
  at: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const BAD_PAGE = 'This page link is not valid. Go back to the first page of the queue.';

function encodeCursor(c: QueueCursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(raw: string, sort: QueueCursor['sort']): QueueCursor {
  let c: unknown;
  try {
    c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw new AppError('BAD_INPUT', BAD_PAGE);
  }
  const ok = (x: unknown): x is QueueCursor => {
    const o = x as Partial<QueueCursor> | null;
    return typeof o === 'object' && o !== null && o.sort === sort && Number.isSafeInteger(o.n) && typeof o.at === 'string' && STAMP.test(o.at) && typeof o.id === 'string' && UUID.test(o.id);
  };
  if (!ok(c)) throw new AppError('BAD_INPUT', BAD_PAGE);
  return c;
}

/**
 * The moderation queue: open reports grouped by item, newest report first or most reported first, keyset-paged
 * on (count,) last report time and item id. Only the page's items are then described (names, shops, reasons).
 */
export async function contentQueue(db: DbOrTx, input: ContentQueueInput): Promise<ContentQueuePage> {
  const after = input.cursor === undefined ? null : decodeCursor(input.cursor, input.sort);
  const last = sql`max(r.created_at)`;
  const kind = input.kind ? sql`AND r.kind = ${input.kind}` : sql``;
  let having: SQL = sql``;
  if (after && input.sort === 'most') having = sql`HAVING (count(*), ${last}, r.target_id) < (${after.n}::bigint, ${after.at}::timestamptz, ${after.id}::uuid)`;
  else if (after) having = sql`HAVING (${last}, r.target_id) < (${after.at}::timestamptz, ${after.id}::uuid)`;
  const order = input.sort === 'most' ? sql`count(*) DESC, ${last} DESC, r.target_id DESC` : sql`${last} DESC, r.target_id DESC`;
  const rows = await queryRows<GroupRow>(
    db,
    sql`SELECT r.kind, r.target_id::text AS target_id, count(*)::int AS n,
               to_char(${last} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS last_at
        FROM content_reports r
        WHERE r.status = 'open' ${kind}
        GROUP BY r.kind, r.target_id
        ${having}
        ORDER BY ${order}
        LIMIT ${input.limit + 1}`,
  );
  const page = rows.slice(0, input.limit);
  const tail = page[page.length - 1];
  const reasons = await reasonCounts(db, page.map((r) => r.target_id));
  const items: ContentQueueItem[] = [];
  for (const r of page) {
    const target = await loadTarget(db, r.kind, r.target_id);
    items.push({
      kind: r.kind,
      id: r.target_id,
      title: target?.title ?? '(no longer exists)',
      shop: target?.shop ?? null,
      openReports: r.n,
      lastReportedAt: new Date(r.last_at).toISOString(),
      reasons: reasons.get(r.target_id) ?? {},
      hidden: target?.hidden ?? false,
    });
  }
  return { items, nextCursor: rows.length > input.limit && tail ? encodeCursor({ sort: input.sort, n: tail.n, at: tail.last_at, id: tail.target_id }) : null };
}

async function reasonCounts(db: DbOrTx, targetIds: string[]): Promise<Map<string, Partial<Record<ReportReason, number>>>> {
  const out = new Map<string, Partial<Record<ReportReason, number>>>();
  if (targetIds.length === 0) return out;
  const rows = await db
    .select({ targetId: contentReports.targetId, reason: contentReports.reason, n: count() })
    .from(contentReports)
    .where(and(eq(contentReports.status, 'open'), inArray(contentReports.targetId, targetIds)))
    .groupBy(contentReports.targetId, contentReports.reason);
  for (const r of rows) {
    const m = out.get(r.targetId) ?? {};
    m[r.reason] = r.n;
    out.set(r.targetId, m);
  }
  return out;
}

export async function openReportCount(db: DbOrTx, kind: ReportKind, id: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(contentReports)
    .where(and(eq(contentReports.kind, kind), eq(contentReports.targetId, id), eq(contentReports.status, 'open')));
  return row?.n ?? 0;
}

/** One item as customers see it, with its shop, hidden state and open report count. */
export async function contentItem(db: DbOrTx, kind: ReportKind, id: string): Promise<ContentItemDetail> {
  const target = await loadTarget(db, kind, id);
  if (!target) throw notFoundTarget(kind);
  return {
    kind,
    id,
    content: target.content,
    shop: target.shop,
    hidden: target.hidden,
    storefrontPath: target.storefrontPath,
    openReports: await openReportCount(db, kind, id),
  };
}

function decodeReportCursor(raw: string): string {
  const id = Buffer.from(raw, 'base64url').toString('utf8');
  if (!UUID.test(id)) throw new AppError('BAD_INPUT', 'This page link is not valid. Reload the reports.');
  return id;
}

/** Every report of one item (open and closed, each with its status), newest first, keyset-paged on the UUIDv7 id. */
export async function contentReportsOf(db: DbOrTx, input: ContentReportsInput): Promise<ContentReportsPage> {
  const after = input.cursor === undefined ? null : decodeReportCursor(input.cursor);
  const rows = await db
    .select({ r: contentReports, c: { id: customers.id, name: customers.name, email: customers.email } })
    .from(contentReports)
    .leftJoin(customers, eq(customers.id, contentReports.customerId))
    .where(and(eq(contentReports.kind, input.kind), eq(contentReports.targetId, input.id), after ? sql`${contentReports.id} < ${after}::uuid` : undefined))
    .orderBy(desc(contentReports.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const tail = page[page.length - 1];
  return {
    items: page.map(({ r, c }) => ({
      id: r.id,
      reason: r.reason,
      details: r.details,
      status: r.status,
      customer: c,
      reporter: r.reporter,
      createdAt: r.createdAt.toISOString(),
      resolvedAt: r.resolvedAt?.toISOString() ?? null,
      resolution: r.resolution,
    })),
    nextCursor: rows.length > input.limit && tail ? Buffer.from(tail.r.id).toString('base64url') : null,
  };
}
