import { and, asc, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import {
  AppError,
  MUTATION_ARGS,
  uuidv7,
  type ErrorIssue,
  type MutationArgs,
  type MutationEnvelope,
  type MutationName,
  type MutationResult,
} from '@makeries/shared';
import { isoAt, type CoreContext } from '../context';
import { writeTx, type CounterDb } from '../db/open';
import { preparedFor } from '../db/prepared';
import { device, outbox } from '../db/schema/index';
import { readDevice } from '../device/device';
import { formatHlc, hlcNode, parseHlc, tickHlc } from '../hlc';
import { logActivity } from '../staff/activity';

const ARGS_VERSION = 1;

export interface Enqueued {
  mutationId: number;
  id: string;
  hlc: string;
}

const queries = preparedFor((db) => ({
  // above both our own rows and the server's mark for this device: after this counter's database is restored
  // from an older copy, new mutations must not reuse ids the server already holds (they would read as duplicates)
  nextId: db
    .select({
      n: sql<number>`max(coalesce(max(${outbox.mutationId}), 0), coalesce((SELECT ${device.serverLastMutationId} FROM ${device} WHERE ${device.slot} = 1), 0)) + 1`,
    })
    .from(outbox)
    .where(eq(outbox.deviceId, sql.placeholder('deviceId')))
    .prepare(),
  insert: db
    .insert(outbox)
    .values({
      deviceId: sql.placeholder('deviceId'),
      mutationId: sql.placeholder('mutationId'),
      id: sql.placeholder('id'),
      name: sql.placeholder('name'),
      args: sql.placeholder('args'),
      argsVersion: ARGS_VERSION,
      hlc: sql.placeholder('hlc'),
      createdAt: sql.placeholder('createdAt'),
    })
    .prepare(),
  setHlc: db
    .update(device)
    .set({ hlc: sql`${sql.placeholder('hlc')}` })
    .where(eq(device.slot, 1))
    .prepare(),
  status: db.select({ status: outbox.status }).from(outbox).where(eq(outbox.id, sql.placeholder('id'))).prepare(),
}));

function invalidArgs(name: string, issues: ErrorIssue[]): AppError {
  const first = issues[0];
  return new AppError('BAD_INPUT', `This ${name} cannot be recorded: ${first ? `${first.path} ${first.message}` : 'invalid'}`, { issues });
}

/**
 * Appends a mutation for the server. Must run INSIDE the transaction of the domain write it describes, so
 * both commit or neither does. The id is MAX+1 for this device, read inside that (immediate) transaction,
 * which keeps ids contiguous: a rolled-back write leaves no hole.
 */
export function enqueue<N extends MutationName>(db: CounterDb, nowMs: number, name: N, args: MutationArgs<N>): Enqueued {
  if (!db.$client.inTransaction) throw new AppError('INTERNAL', 'An outbox row must be written in the same transaction as its change.');
  const dev = readDevice(db);
  if (!dev.deviceId) throw new AppError('CONFLICT', 'This counter is not paired with a shop yet.');
  const parsed = MUTATION_ARGS[name].safeParse(args);
  if (!parsed.success) {
    throw invalidArgs(
      name,
      parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    );
  }
  const hlc = formatHlc(tickHlc(parseHlc(dev.hlc), nowMs, hlcNode(dev.deviceId)));
  const q = queries(db);
  const mutationId = q.nextId.get({ deviceId: dev.deviceId })?.n ?? 1;
  const id = uuidv7(nowMs);
  q.insert.run({ deviceId: dev.deviceId, mutationId, id, name, args: parsed.data, hlc, createdAt: isoAt(nowMs) });
  q.setHlc.run({ hlc });
  return { mutationId, id, hlc };
}

/** Whether the server has confirmed the mutation with this outbox id. */
export function outboxStatus(db: CounterDb, outboxId: string): 'pending' | 'applied' | 'rejected' {
  return queries(db).status.get({ id: outboxId })?.status ?? 'pending';
}

export type OutboxRow = typeof outbox.$inferSelect;

function toEnvelope(r: OutboxRow): MutationEnvelope {
  return { mutationId: r.mutationId, id: r.id, name: r.name as MutationName, args: r.args, argsVersion: r.argsVersion, hlc: r.hlc };
}

export interface OutboxStats {
  pending: number;
  applied: number;
  rejected: number;
  lastMutationId: number;
}

export function createOutboxModule(ctx: CoreContext) {
  const deviceId = (): string | null => readDevice(ctx.db).deviceId;

  return {
    /** The next mutations to push, oldest first. */
    pending(limit = 500): MutationEnvelope[] {
      const dev = deviceId();
      if (!dev) return [];
      return ctx.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.deviceId, dev), eq(outbox.status, 'pending')))
        .orderBy(asc(outbox.mutationId))
        .limit(limit)
        .all()
        .map(toEnvelope);
    },

    /**
     * Every retained mutation after `mutationId`, whatever its status: after an epoch change the server may
     * have lost rows it once applied, so the sync client resends from the server's high-water mark.
     */
    after(mutationId: number, limit = 500): MutationEnvelope[] {
      const dev = deviceId();
      if (!dev) return [];
      return ctx.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.deviceId, dev), gt(outbox.mutationId, mutationId)))
        .orderBy(asc(outbox.mutationId))
        .limit(limit)
        .all()
        .map(toEnvelope);
    },

    /** Stores the server's answers: applied/duplicate → applied; rejected keeps its code for staff to see. */
    recordResults(results: readonly MutationResult[], serverLastMutationId?: number): void {
      const dev = deviceId();
      if (!dev) return;
      const at = isoAt(ctx.now());
      writeTx(ctx.db, () => {
        for (const r of results) {
          const rejected = r.status === 'rejected';
          ctx.db
            .update(outbox)
            .set({
              status: rejected ? 'rejected' : 'applied',
              code: rejected ? (r.code ?? 'REJECTED') : null,
              message: rejected ? (r.message ?? null) : null,
              ackedAt: at,
            })
            .where(and(eq(outbox.deviceId, dev), eq(outbox.mutationId, r.mutationId)))
            .run();
        }
        if (serverLastMutationId !== undefined) {
          ctx.db.update(device).set({ serverLastMutationId }).where(eq(device.slot, 1)).run();
        }
      });
    },

    /** Rejected mutations, newest first: those still to resolve, or every one with `includeResolved`. */
    rejections(limit = 100, includeResolved = false): OutboxRow[] {
      const which = includeResolved ? eq(outbox.status, 'rejected') : and(eq(outbox.status, 'rejected'), isNull(outbox.resolvedAt));
      return ctx.db.select().from(outbox).where(which).orderBy(desc(outbox.mutationId)).limit(limit).all();
    },

    /**
     * A manager settles a rejection (refunded the customer, recounted the stock, told the web customer…). The row
     * stays as the audit trail; it no longer counts as "to resolve", so the counter may be unpaired again.
     */
    resolve(outboxId: string, staffId: string, note: string): OutboxRow {
      return writeTx(ctx.db, () => {
        const row = ctx.db.select().from(outbox).where(eq(outbox.id, outboxId)).get();
        if (!row) throw new AppError('NOT_FOUND', 'There is no such change on this counter.');
        if (row.status !== 'rejected') throw new AppError('CONFLICT', 'The server accepted this change; there is nothing to resolve.');
        if (row.resolvedAt) throw new AppError('CONFLICT', `This was already resolved at ${row.resolvedAt}.`);
        const at = isoAt(ctx.now());
        ctx.db.update(outbox).set({ resolvedAt: at, resolvedBy: staffId, resolutionNote: note }).where(eq(outbox.id, outboxId)).run();
        logActivity(ctx.db, ctx.now(), staffId, 'resolve_rejection', { mutationId: row.mutationId, name: row.name, code: row.code, note });
        return { ...row, resolvedAt: at, resolvedBy: staffId, resolutionNote: note };
      });
    },

    stats(): OutboxStats {
      const dev = deviceId();
      const rows = ctx.db
        .select({
          status: outbox.status,
          n: sql<number>`count(*)`,
          unresolved: sql<number>`count(*) - count(${outbox.resolvedAt})`,
          max: sql<number>`max(${outbox.mutationId})`,
        })
        .from(outbox)
        .where(dev ? eq(outbox.deviceId, dev) : sql`0`)
        .groupBy(outbox.status)
        .all();
      const count = (s: string) => rows.find((r) => r.status === s)?.n ?? 0;
      return {
        pending: count('pending'),
        applied: count('applied'),
        // settled rejections stay as history but are no longer "to resolve"
        rejected: rows.find((r) => r.status === 'rejected')?.unresolved ?? 0,
        lastMutationId: rows.reduce((m, r) => Math.max(m, r.max ?? 0), 0),
      };
    },
  };
}
