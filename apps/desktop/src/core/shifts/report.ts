import { and, eq, sql } from 'drizzle-orm';
import type { CounterDb } from '../db/open';
import { refunds, salePayments, sales, shiftEvents } from '../db/schema/index';
import type { ShiftRow } from './store';

export interface ShiftReport {
  shiftId: string;
  registerCode: string;
  status: 'open' | 'closed';
  openedAt: string;
  openedBy: string;
  closedAt: string | null;
  closedBy: string | null;
  sales: { count: number; subtotalCents: number; discountCents: number; taxCents: number; roundingCents: number; totalCents: number };
  refunds: { count: number; totalCents: number };
  /** what each tender took in (cash after rounding) */
  tenders: { kind: string; count: number; amountCents: number }[];
  noSaleCount: number;
  cash: {
    floatCents: number;
    salesCents: number;
    refundsCents: number;
    paidInCents: number;
    paidOutCents: number;
    /** float + cash sales − cash refunds + paid in − paid out */
    expectedCents: number;
  };
  /** Z report only: the close count */
  counted: { denominations: Record<string, number>; countedCents: number; overShortCents: number } | null;
}

const n = (v: number | null | undefined) => Number(v ?? 0);

function eventSum(db: CounterDb, shiftId: string, kind: 'paid_in' | 'paid_out'): number {
  const r = db
    .select({ s: sql<number>`coalesce(sum(${shiftEvents.amountCents}), 0)` })
    .from(shiftEvents)
    .where(and(eq(shiftEvents.shiftId, shiftId), eq(shiftEvents.kind, kind)))
    .get();
  return n(r?.s);
}

/** X report (shift still open) or Z report (closed, with the count): everything from local records. */
export function shiftReport(db: CounterDb, shift: ShiftRow): ShiftReport {
  const s = db
    .select({
      count: sql<number>`count(*)`,
      subtotal: sql<number>`coalesce(sum(${sales.subtotalCents}), 0)`,
      discount: sql<number>`coalesce(sum(${sales.discountCents}), 0)`,
      tax: sql<number>`coalesce(sum(${sales.taxCents}), 0)`,
      rounding: sql<number>`coalesce(sum(${sales.roundingCents}), 0)`,
      total: sql<number>`coalesce(sum(${sales.totalCents}), 0)`,
    })
    .from(sales)
    .where(eq(sales.shiftId, shift.id))
    .get();
  const tenders = db
    .select({ kind: salePayments.kind, count: sql<number>`count(*)`, amountCents: sql<number>`coalesce(sum(${salePayments.amountCents}), 0)` })
    .from(salePayments)
    .innerJoin(sales, eq(sales.id, salePayments.saleId))
    .where(eq(sales.shiftId, shift.id))
    .groupBy(salePayments.kind)
    .orderBy(salePayments.kind)
    .all();
  const r = db
    .select({
      count: sql<number>`count(*)`,
      total: sql<number>`coalesce(sum(${refunds.totalCents}), 0)`,
      cashOut: sql<number>`coalesce(sum(CASE WHEN ${refunds.tender} = 'cash' THEN ${refunds.totalCents} + ${refunds.roundingCents} ELSE 0 END), 0)`,
    })
    .from(refunds)
    .where(eq(refunds.shiftId, shift.id))
    .get();
  const noSales = db
    .select({ c: sql<number>`count(*)` })
    .from(shiftEvents)
    .where(and(eq(shiftEvents.shiftId, shift.id), eq(shiftEvents.kind, 'no_sale')))
    .get();
  const cashSales = n(tenders.find((t) => t.kind === 'cash')?.amountCents);
  const paidIn = eventSum(db, shift.id, 'paid_in');
  const paidOut = eventSum(db, shift.id, 'paid_out');
  const expected = shift.floatCents + cashSales - n(r?.cashOut) + paidIn - paidOut;
  return {
    shiftId: shift.id,
    registerCode: shift.registerCode,
    status: shift.status,
    openedAt: shift.openedAt,
    openedBy: shift.openedBy,
    closedAt: shift.closedAt ?? null,
    closedBy: shift.closedBy ?? null,
    sales: {
      count: n(s?.count),
      subtotalCents: n(s?.subtotal),
      discountCents: n(s?.discount),
      taxCents: n(s?.tax),
      roundingCents: n(s?.rounding),
      totalCents: n(s?.total),
    },
    refunds: { count: n(r?.count), totalCents: n(r?.total) },
    tenders: tenders.map((t) => ({ kind: t.kind, count: n(t.count), amountCents: n(t.amountCents) })),
    noSaleCount: n(noSales?.c),
    cash: { floatCents: shift.floatCents, salesCents: cashSales, refundsCents: n(r?.cashOut), paidInCents: paidIn, paidOutCents: paidOut, expectedCents: expected },
    counted:
      shift.status === 'closed' && shift.counted && shift.countedCashCents != null
        ? { denominations: shift.counted, countedCents: shift.countedCashCents, overShortCents: shift.countedCashCents - expected }
        : null,
  };
}
