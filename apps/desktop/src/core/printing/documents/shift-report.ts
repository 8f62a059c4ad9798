import { tenderKindSchema, type ShiftReportDocument } from '@makeries/shared';
import type { CounterDb } from '../../db/open';
import type { ShiftReportView } from '../../shifts/blind-close';
import { documentContext, finish, parseTicketOptions, type TicketOptions } from './context';

/**
 * X report while the shift is open, Z report once it is closed and counted: everything the core's
 * ShiftReport says (an X under blind close without the expected cash), with staff names and the counted
 * denominations largest first.
 */
export function buildShiftReportDocument(db: CounterDb, report: Omit<ShiftReportView, 'blind'>, options: TicketOptions): ShiftReportDocument {
  const o = parseTicketOptions(options);
  const ctx = documentContext(db, o.store, o.locale);
  const counted = report.counted
    ? {
        denominations: Object.entries(report.counted.denominations)
          .map(([value, count]) => ({ valueCents: Number(value), count }))
          .filter((d) => d.count > 0)
          .sort((a, b) => b.valueCents - a.valueCents),
        countedCents: report.counted.countedCents,
        overShortCents: report.counted.overShortCents,
      }
    : null;
  return finish('shift_report', {
    kind: 'shift_report',
    report: report.status === 'closed' ? 'Z' : 'X',
    store: ctx.store,
    currency: ctx.vendor.currency,
    locale: ctx.locale,
    timezone: ctx.vendor.timezone,
    registerCode: report.registerCode,
    openedAt: report.openedAt,
    openedByName: ctx.staffName(report.openedBy),
    closedAt: report.closedAt,
    closedByName: report.closedBy ? ctx.staffName(report.closedBy) : null,
    printedAt: o.printedAt,
    sales: report.sales,
    refunds: report.refunds,
    afterRefundsCents: report.afterRefundsCents,
    tenders: report.tenders.map((t) => ({ kind: tenderKindSchema.parse(t.kind), count: t.count, amountCents: t.amountCents })),
    noSaleCount: report.noSaleCount,
    cash: report.cash,
    counted,
  });
}
