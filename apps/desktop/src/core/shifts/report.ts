import { and, eq, sql } from 'drizzle-orm';
import { reportFigures, type RefundFigures, type SalesFigures, type TaxMode } from '@makeries/shared';
import { vendorSettings } from '../catalog/vendor';
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
  /** gross / discounts / net before tax / tax / total, as packages/shared report-figures defines them */
  sales: SalesFigures;
  /** refunds made in this shift, beside the sales, never netted into them */
  refunds: RefundFigures;
  /** sales total − refunds total */
  afterRefundsCents: number;
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

const n = (v: number | null | undefined) => v ?? 0;

function eventSum(db: CounterDb, shiftId: string, kind: 'paid_in' | 'paid_out'): number {
  const r = db
    .select({ s: sql<number>`coalesce(sum(${shiftEvents.amountCents}), 0)` })
    .from(shiftEvents)
    .where(and(eq(shiftEvents.shiftId, shiftId), eq(shiftEvents.kind, kind)))
    .get();
  return n(r?.s);
}

/** How the shop prices now, to state the basis of an empty report; a counter still syncing says inclusive. */
function shopTaxMode(db: CounterDb): TaxMode {
  try {
    return vendorSettings(db).taxMode;
  } catch {
    return 'inclusive';
  }
}

/** X report (shift still open) or Z report (closed, with the count): everything from local records. */
export function shiftReport(db: CounterDb, shift: ShiftRow): ShiftReport {
  // one row per tax mode the shift's sales were priced in (a shop may switch mid-shift)
  const byMode = db
    .select({
      taxMode: sales.taxMode,
      count: sql<number>`count(*)`,
      subtotalCents: sql<number>`coalesce(sum(${sales.subtotalCents}), 0)`,
      discountCents: sql<number>`coalesce(sum(${sales.discountCents}), 0)`,
      taxCents: sql<number>`coalesce(sum(${sales.taxCents}), 0)`,
      roundingCents: sql<number>`coalesce(sum(${sales.roundingCents}), 0)`,
    })
    .from(sales)
    .where(eq(sales.shiftId, shift.id))
    .groupBy(sales.taxMode)
    .all();
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
      rounding: sql<number>`coalesce(sum(${refunds.roundingCents}), 0)`,
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
  const figures = reportFigures({
    taxMode: byMode[0]?.taxMode ?? shopTaxMode(db),
    sales: byMode.map((m) => ({ ...m, count: n(m.count), subtotalCents: n(m.subtotalCents), discountCents: n(m.discountCents), taxCents: n(m.taxCents), roundingCents: n(m.roundingCents) })),
    refunds: [{ count: n(r?.count), totalCents: n(r?.total), roundingCents: n(r?.rounding) }],
  });
  return {
    shiftId: shift.id,
    registerCode: shift.registerCode,
    status: shift.status,
    openedAt: shift.openedAt,
    openedBy: shift.openedBy,
    closedAt: shift.closedAt ?? null,
    closedBy: shift.closedBy ?? null,
    sales: figures.sales,
    refunds: figures.refunds,
    afterRefundsCents: figures.afterRefundsCents,
    tenders: tenders.map((t) => ({ kind: t.kind, count: n(t.count), amountCents: n(t.amountCents) })),
    noSaleCount: n(noSales?.c),
    cash: { floatCents: shift.floatCents, salesCents: cashSales, refundsCents: n(r?.cashOut), paidInCents: paidIn, paidOutCents: paidOut, expectedCents: expected },
    counted:
      shift.status === 'closed' && shift.counted && shift.countedCashCents != null
        ? { denominations: shift.counted, countedCents: shift.countedCashCents, overShortCents: shift.countedCashCents - expected }
        : null,
  };
}
