import { AppError, type AdminDisputeListInput, type AdminDisputePage, type AdminDisputeView } from '@makeries/shared';
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { disputes, orders, payments, vendors } from '../../db/schema/index';

type DisputeRow = typeof disputes.$inferSelect;

const CURSOR = /^(-?\d{1,17}|n)\.([A-Za-z0-9_]{1,100})$/;

function encode(micros: string | null, id: string): string {
  return Buffer.from(`${micros ?? 'n'}.${id}`, 'utf8').toString('base64url');
}

function decode(cursor: string): { micros: string | null; id: string } {
  const m = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m?.[1] || !m[2]) throw new AppError('BAD_INPUT', 'This page link is not valid. Go back to the first page.');
  return { micros: m[1] === 'n' ? null : m[1], id: m[2] };
}

const fromMicros = (micros: string) => sql`('epoch'::timestamptz + ${micros}::bigint * interval '1 microsecond')`;

/** The orders each dispute's charge paid for, with their shop's name. */
async function ordersFor(db: DbOrTx, rows: DisputeRow[]): Promise<Map<string, AdminDisputeView['orders']>> {
  const paymentIds = [...new Set(rows.map((r) => r.paymentId).filter((id): id is string => id !== null))];
  const out = new Map<string, AdminDisputeView['orders']>();
  if (paymentIds.length === 0) return out;
  const found = await db
    .select({ paymentId: payments.id, id: orders.id, number: orders.number, shopName: vendors.name })
    .from(payments)
    .innerJoin(orders, sql`(${payments.kind} = 'checkout' AND ${orders.checkoutId} = ${payments.checkoutId}) OR (${payments.kind} = 'terminal' AND ${orders.id} = ${payments.saleId})`)
    .innerJoin(vendors, eq(vendors.id, orders.vendorId))
    .where(inArray(payments.id, paymentIds));
  for (const f of found) out.set(f.paymentId, [...(out.get(f.paymentId) ?? []), { id: f.id, number: f.number, shopName: f.shopName }]);
  return out;
}

function disputeView(r: DisputeRow, ordersOf: AdminDisputeView['orders']): AdminDisputeView {
  return {
    id: r.id,
    chargeId: r.chargeId,
    amountCents: r.amountCents,
    currency: r.currency,
    reason: r.reason,
    status: r.status,
    open: r.open,
    evidenceDueBy: r.evidenceDueBy?.toISOString() ?? null,
    outcome: r.outcome,
    openedAt: r.openedAt.toISOString(),
    closedAt: r.closedAt?.toISOString() ?? null,
    fundsWithdrawnAt: r.fundsWithdrawnAt?.toISOString() ?? null,
    fundsReinstatedAt: r.fundsReinstatedAt?.toISOString() ?? null,
    orders: ordersOf,
  };
}

/** Disputes of the given payments (an order's timeline). */
export async function disputesOfPayment(db: DbOrTx, paymentId: string): Promise<AdminDisputeView[]> {
  const rows = await db.select().from(disputes).where(eq(disputes.paymentId, paymentId)).orderBy(asc(disputes.openedAt));
  const byPayment = await ordersFor(db, rows);
  return rows.map((r) => disputeView(r, r.paymentId ? (byPayment.get(r.paymentId) ?? []) : []));
}

/**
 * The disputes list: open ones with the soonest evidence deadline first (`disputes_open_due_idx`, partial on open),
 * or closed ones, latest first (`disputes_closed_idx`). Paged by an opaque cursor.
 */
export async function listDisputes(db: DbOrTx, input: AdminDisputeListInput): Promise<AdminDisputePage> {
  const open = input.state === 'open';
  const key = open ? disputes.evidenceDueBy : disputes.closedAt;
  const where: SQL[] = [eq(disputes.open, open)];
  if (input.cursor !== undefined) {
    const c = decode(input.cursor);
    if (open) {
      // NULL deadlines (none given) sort last
      where.push(
        c.micros === null
          ? sql`(${key} IS NULL AND ${disputes.id} > ${c.id})`
          : sql`(${key} IS NULL OR (${key}, ${disputes.id}) > (${fromMicros(c.micros)}, ${c.id}))`,
      );
    } else if (c.micros !== null) {
      where.push(sql`(${key}, ${disputes.id}) < (${fromMicros(c.micros)}, ${c.id})`);
    }
  }
  const rows = await db
    .select({ d: disputes, micros: sql<string | null>`(extract(epoch from ${key}) * 1000000)::bigint::text` })
    .from(disputes)
    .where(and(...where))
    .orderBy(...(open ? [sql`${key} ASC NULLS LAST`, asc(disputes.id)] : [desc(key), desc(disputes.id)]))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const byPayment = await ordersFor(
    db,
    page.map((r) => r.d),
  );
  const last = page[page.length - 1];
  return {
    items: page.map(({ d }) => disputeView(d, d.paymentId ? (byPayment.get(d.paymentId) ?? []) : [])),
    nextCursor: rows.length > input.limit && last ? encode(last.micros, last.d.id) : null,
  };
}
