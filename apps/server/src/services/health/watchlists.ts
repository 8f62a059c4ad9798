import {
  AppError,
  healthListInput,
  type FailingBridge,
  type HealthListInput,
  type HealthPage,
  type HealthQueues,
  type OversoldShop,
  type QueueBacklog,
  type StaleCounter,
} from '@makeries/shared';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { queryRows } from '../../db/client';

/** A counter is stale when its last sync (or its pairing, if it never synced) is older than this. */
const STALE_COUNTER_MS = 24 * 60 * 60_000;
/** A shop is listed when it raised at least this many oversold alerts within the window. */
const OVERSOLD_MIN_ALERTS = 3;
const OVERSOLD_WINDOW_DAYS = 7;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Opaque keyset cursor: a sort value and a uuid, base64url of JSON. */
function encodeCursor(key: string | number, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

function decodeCursor<K extends 'string' | 'number'>(cursor: string, kind: K): [K extends 'string' ? string : number, string] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === kind && typeof parsed[1] === 'string' && UUID.test(parsed[1])) {
      if (kind === 'string' && Number.isNaN(Date.parse(parsed[0] as string))) throw new Error('bad date');
      return parsed as [K extends 'string' ? string : number, string];
    }
  } catch {
    // fall through to the one error below
  }
  throw new AppError('BAD_INPUT', 'That page link is not valid any more. Please reload the list.');
}

const iso = (v: Date | string): string => new Date(v).toISOString();

/** Paired counters (not revoked) that have not synced for a day, the longest silent first. */
export async function staleCounters(db: DbOrTx, rawInput: HealthListInput, now: Date = new Date()): Promise<HealthPage<StaleCounter>> {
  const input = healthListInput.parse(rawInput);
  const after = input.cursor === undefined ? null : decodeCursor(input.cursor, 'string');
  const cutoff = new Date(now.getTime() - STALE_COUNTER_MS);
  const seen = sql`coalesce(d.last_seen_at, d.paired_at)`;
  const rows = await queryRows<{ id: string; name: string; register_code: string; vendor_id: string; vendor_name: string; last_seen_at: Date | null; paired_at: Date; seen: Date }>(
    db,
    sql`SELECT d.id, d.name, d.register_code, d.vendor_id, v.name AS vendor_name, d.last_seen_at, d.paired_at, ${seen} AS seen
        FROM devices d JOIN vendors v ON v.id = d.vendor_id
        WHERE d.revoked_at IS NULL AND ${seen} < ${cutoff}
          ${after ? sql`AND (${seen}, d.id) > (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``}
        ORDER BY ${seen}, d.id
        LIMIT ${input.limit + 1}`,
  );
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      deviceId: r.id,
      deviceName: r.name,
      registerCode: r.register_code,
      vendorId: r.vendor_id,
      vendorName: r.vendor_name,
      lastSeenAt: r.last_seen_at ? iso(r.last_seen_at) : null,
      pairedAt: iso(r.paired_at),
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor(iso(last.seen), last.id) : null,
  };
}

/** POS connections that are not working: paused, in error, revoked, or with calls failing in a row. */
export async function failingBridges(db: DbOrTx, rawInput: HealthListInput): Promise<HealthPage<FailingBridge>> {
  const input = healthListInput.parse(rawInput);
  const after = input.cursor === undefined ? null : decodeCursor(input.cursor, 'string');
  const rows = await queryRows<{ id: string; vendor_id: string; vendor_name: string; provider: string; status: string; status_reason: string | null; consecutive_failures: number; updated_at: Date }>(
    db,
    sql`SELECT c.id, c.vendor_id, v.name AS vendor_name, c.provider, c.status, c.status_reason, c.consecutive_failures, c.updated_at
        FROM pos_connections c JOIN vendors v ON v.id = c.vendor_id
        WHERE (c.status <> 'connected' OR c.consecutive_failures > 0)
          ${after ? sql`AND (c.updated_at, c.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``}
        ORDER BY c.updated_at DESC, c.id DESC
        LIMIT ${input.limit + 1}`,
  );
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      vendorId: r.vendor_id,
      vendorName: r.vendor_name,
      provider: r.provider,
      status: r.status,
      statusReason: r.status_reason,
      consecutiveFailures: r.consecutive_failures,
      updatedAt: iso(r.updated_at),
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor(iso(last.updated_at), last.id) : null,
  };
}

/** Shops that raised repeated oversold alerts lately, the most first. */
export async function oversoldShops(db: DbOrTx, rawInput: HealthListInput, now: Date = new Date()): Promise<HealthPage<OversoldShop>> {
  const input = healthListInput.parse(rawInput);
  const after = input.cursor === undefined ? null : decodeCursor(input.cursor, 'number');
  const since = new Date(now.getTime() - OVERSOLD_WINDOW_DAYS * 86_400_000);
  const rows = await queryRows<{ vendor_id: string; vendor_name: string; alerts: number; open: number; last_at: Date }>(
    db,
    sql`SELECT a.vendor_id, v.name AS vendor_name, a.alerts, a.open, a.last_at
        FROM (
          SELECT vendor_id, count(*)::int AS alerts, count(*) FILTER (WHERE resolved_at IS NULL)::int AS open, max(created_at) AS last_at
          FROM stock_alerts WHERE kind = 'oversold' AND created_at >= ${since}
          GROUP BY vendor_id HAVING count(*) >= ${OVERSOLD_MIN_ALERTS}
        ) a JOIN vendors v ON v.id = a.vendor_id
        ${after ? sql`WHERE (a.alerts, a.vendor_id) < (${after[0]}::int, ${after[1]}::uuid)` : sql``}
        ORDER BY a.alerts DESC, a.vendor_id DESC
        LIMIT ${input.limit + 1}`,
  );
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({ vendorId: r.vendor_id, vendorName: r.vendor_name, alerts: r.alerts, open: r.open, lastAt: iso(r.last_at) })),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.alerts, last.vendor_id) : null,
  };
}

interface BacklogRow {
  queued: number;
  due: number;
  oldest_due: Date | null;
  failed: number;
}

function backlog(r: BacklogRow | undefined, now: Date): QueueBacklog {
  return {
    queued: r?.queued ?? 0,
    due: r?.due ?? 0,
    oldestDueSeconds: r?.oldest_due ? Math.max(0, Math.round((now.getTime() - new Date(r.oldest_due).getTime()) / 1000)) : null,
    failed: r?.failed ?? 0,
  };
}

/** The email outbox and the job queue: what waits, how late the most overdue item is, what gave up. */
export async function queueBacklog(db: DbOrTx, now: Date = new Date()): Promise<HealthQueues> {
  const [email] = await queryRows<BacklogRow>(
    db,
    sql`SELECT count(*) FILTER (WHERE status = 'queued')::int AS queued,
               count(*) FILTER (WHERE status = 'queued' AND next_attempt_at <= ${now})::int AS due,
               min(next_attempt_at) FILTER (WHERE status = 'queued' AND next_attempt_at <= ${now}) AS oldest_due,
               count(*) FILTER (WHERE status = 'failed')::int AS failed
        FROM email_outbox WHERE status IN ('queued', 'failed')`,
  );
  const kinds = await queryRows<{ kind: string; queued: number; due: number; oldest_due: Date | null; failed: number }>(
    db,
    sql`SELECT kind,
               count(*) FILTER (WHERE status = 'queued')::int AS queued,
               count(*) FILTER (WHERE status = 'queued' AND run_at <= ${now})::int AS due,
               min(run_at) FILTER (WHERE status = 'queued' AND run_at <= ${now}) AS oldest_due,
               count(*) FILTER (WHERE status = 'failed')::int AS failed
        FROM jobs WHERE status IN ('queued', 'failed') GROUP BY kind ORDER BY kind`,
  );
  const oldest = kinds.reduce<Date | null>((a, k) => (k.oldest_due && (!a || new Date(k.oldest_due) < a) ? new Date(k.oldest_due) : a), null);
  const jobsTotal: BacklogRow = {
    queued: kinds.reduce((a, k) => a + k.queued, 0),
    due: kinds.reduce((a, k) => a + k.due, 0),
    oldest_due: oldest,
    failed: kinds.reduce((a, k) => a + k.failed, 0),
  };
  const tasks = await queryRows<{ name: string; last_error: string; last_run_at: Date | null }>(
    db,
    sql`SELECT name, last_error, last_run_at FROM job_schedules WHERE last_error IS NOT NULL ORDER BY name LIMIT 50`,
  );
  return {
    email: backlog(email, now),
    jobs: { ...backlog(jobsTotal, now), byKind: kinds.map((k) => ({ kind: k.kind, queued: k.queued, failed: k.failed })) },
    failingTasks: tasks.map((t) => ({ name: t.name, lastError: t.last_error, lastRunAt: t.last_run_at ? iso(t.last_run_at) : null })),
  };
}
