import { AppError, type AuditEntry, type AuditListInput, type AuditPage } from '@makeries/shared';
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { operatorAudit, operators } from '../../db/schema/index';

/** Who is acting and from where: what every audit row records beside the change itself. */
export interface OperatorCtx {
  operatorId: string;
  ip: string;
  requestId: string;
}

export interface AuditRecord {
  action: string;
  targetType: string;
  targetId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  reason?: string;
}

/**
 * Appends one row to the operator audit log. Call it inside the transaction that makes the change, so the change
 * and its record commit together or not at all. The table refuses UPDATE and DELETE (migration 0018).
 */
export async function recordAudit(tx: DbOrTx, who: OperatorCtx, entry: AuditRecord): Promise<void> {
  await tx.insert(operatorAudit).values({
    operatorId: who.operatorId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    reason: entry.reason ?? '',
    ip: who.ip,
    requestId: who.requestId,
  });
}

/** The audit log, newest first, paged by sequence number; optionally one record's history. */
export async function listAudit(db: DbOrTx, input: AuditListInput): Promise<AuditPage> {
  const where: SQL[] = [];
  if (input.targetType) where.push(eq(operatorAudit.targetType, input.targetType));
  if (input.targetId) where.push(eq(operatorAudit.targetId, input.targetId));
  if (input.cursor !== undefined) {
    if (!/^\d{1,15}$/.test(input.cursor)) throw new AppError('BAD_INPUT', 'This page link is not valid. Go back to the first page.');
    where.push(lt(operatorAudit.seq, Number(input.cursor)));
  }
  const rows = await db
    .select({ a: operatorAudit, o: { id: operators.id, email: operators.email, name: operators.name } })
    .from(operatorAudit)
    .innerJoin(operators, eq(operators.id, operatorAudit.operatorId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(operatorAudit.seq))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const items: AuditEntry[] = page.map(({ a, o }) => ({
    seq: a.seq,
    operator: o,
    action: a.action,
    targetType: a.targetType,
    targetId: a.targetId,
    before: a.before,
    after: a.after,
    reason: a.reason,
    at: a.at.toISOString(),
  }));
  return { items, nextCursor: rows.length > input.limit ? String(page[page.length - 1]?.a.seq) : null };
}
