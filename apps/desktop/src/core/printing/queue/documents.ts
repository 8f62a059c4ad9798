import { eq } from 'drizzle-orm';
import { isoAt, type CoreContext } from '../../context';
import { refunds } from '../../db/schema/index';
import { conflict, notFound } from '../../errors';
import type { RefundView } from '../../refunds/refunds';
import type { SaleView } from '../../sales/views';
import type { ShiftReport } from '../../shifts/report';
import type { WebOrderView } from '../../web-orders/web-orders';
import {
  buildKitchenTicket,
  buildRefundReceipt,
  buildReprintReceipt,
  buildSaleReceipt,
  buildShiftReportDocument,
  buildTestPage,
  type ReceiptOptions,
  type StoreExtras,
  type TicketOptions,
} from '../documents/index';
import { renderEscPos, type PrinterProfile } from '../escpos/index';
import type { SaleReceiptDocument } from '@makeries/shared';
import type { PrinterRow } from './printers';
import { reportForStaff } from '../../shifts/blind-close';

/** What print jobs are made of, read through the core's own modules (they check the staff session). */
export interface DocumentSources {
  sale(saleId: string): SaleView;
  refundsOf(saleId: string): RefundView[];
  webOrder(orderId: string): WebOrderView;
  shiftReport(shiftId: string): ShiftReport;
}

/** Receipt details the counter's database does not hold (they come from the app's settings). */
export interface ReceiptSettings {
  /** the marketplace server, for the receipt's lookup QR code; null prints no QR */
  serverUrl?: () => string | null;
  store?: StoreExtras;
  locale?: string;
}

/** Renders each kind of job to the bytes its printer takes, at the moment it is queued. */
export interface JobDocuments {
  /** the sale's receipt as a document (for the on-screen preview): exactly what `receipt` prints */
  saleReceipt(saleId: string): SaleReceiptDocument;
  testPage(printer: PrinterRow): Buffer;
  receipt(printer: PrinterRow, saleId: string, reprint: boolean): Buffer;
  refund(printer: PrinterRow, refundId: string): Buffer;
  kitchen(printer: PrinterRow, webOrderId: string): Buffer;
  shiftReport(printer: PrinterRow, shiftId: string, kind: 'x' | 'z'): Buffer;
}

function refundById(ctx: CoreContext, sources: DocumentSources, refundId: string): RefundView {
  const row = ctx.db.select({ saleId: refunds.saleId }).from(refunds).where(eq(refunds.id, refundId)).get();
  const refund = row ? sources.refundsOf(row.saleId).find((r) => r.id === refundId) : undefined;
  if (!refund) throw notFound('No refund with that id at this counter.');
  return refund;
}

export function profileOf(p: PrinterRow): PrinterProfile {
  return { paperWidth: p.paperWidth === 58 ? 58 : 80, commandSet: p.commandSet, codePage: p.codePage };
}

/** The shared receipt documents, laid out for each printer's paper and rendered to its ESC/POS dialect. */
export function escPosDocuments(ctx: CoreContext, sources: DocumentSources, settings: ReceiptSettings = {}): JobDocuments {
  const now = () => isoAt(ctx.now());
  const extras = { ...(settings.store ? { store: settings.store } : {}), ...(settings.locale ? { locale: settings.locale } : {}) };
  const receiptOptions = (): ReceiptOptions => ({ serverUrl: settings.serverUrl?.() ?? null, ...extras });
  const ticketOptions = (): TicketOptions => ({ printedAt: now(), ...extras });

  const saleReceipt = (saleId: string) => buildSaleReceipt(ctx.db, sources.sale(saleId), receiptOptions());

  return {
    saleReceipt,

    testPage: (p) => renderEscPos(buildTestPage(ctx.db, { printerName: p.name, profile: profileOf(p), printedAt: now(), transport: p.transport }), profileOf(p)),

    receipt(p, saleId, reprint) {
      const doc = reprint
        ? buildReprintReceipt(ctx.db, sources.sale(saleId), { ...receiptOptions(), reprintedAt: now(), reprintedBy: ctx.session.current?.staffId ?? null })
        : saleReceipt(saleId);
      return renderEscPos(doc, profileOf(p));
    },

    refund: (p, refundId) => renderEscPos(buildRefundReceipt(ctx.db, refundById(ctx, sources, refundId), receiptOptions()), profileOf(p)),

    kitchen: (p, webOrderId) => renderEscPos(buildKitchenTicket(ctx.db, sources.webOrder(webOrderId), ticketOptions()), profileOf(p)),

    shiftReport(p, shiftId, kind) {
      const report = sources.shiftReport(shiftId);
      if (kind === 'z' && report.status !== 'closed') throw conflict('That shift is still open: print an X report, or close the shift first.');
      if (kind === 'x' && report.status === 'closed') throw conflict('That shift is closed: print its Z report instead.');
      // under blind close an open shift's report leaves out the expected cash, on paper as on screen
      const shown = kind === 'x' ? reportForStaff(ctx.db, report) : report;
      return renderEscPos(buildShiftReportDocument(ctx.db, shown, ticketOptions()), profileOf(p));
    },
  };
}
