import type { CoreContext } from '../../context';
import type { RefundModule } from '../../refunds/refunds';
import type { SalesModule } from '../../sales/sales';
import type { CompleteSaleInput } from '../../schemas/sale';
import type { ShiftModule } from '../../shifts/shifts';
import type { WebOrderModule } from '../../web-orders/web-orders';
import { escPosDocuments, type DocumentSources } from './documents';
import { createPrintingModule, type PrintingOptions } from './module';

interface Modules {
  sales: SalesModule;
  shifts: ShiftModule;
  refunds: RefundModule;
  webOrders: WebOrderModule;
}

/**
 * Adds printing to the core facade: the printing module itself, plus the sales and shifts modules with their
 * drawer kicks wired in (a cash sale and a no-sale open the drawer, whoever calls them: router, CLI or tests),
 * and the hook the refunds module calls so a cash refund opens it too.
 */
export function withPrinting(ctx: CoreContext, m: Modules, opts: PrintingOptions = {}) {
  const sources: DocumentSources = {
    sale: (saleId) => m.sales.byId({ saleId }),
    refundsOf: (saleId) => m.refunds.forSale(saleId),
    webOrder: (orderId) => m.webOrders.byId(orderId),
    shiftReport: (shiftId) => m.shifts.report(shiftId),
  };
  const documents = escPosDocuments(ctx, sources, opts.receipts);
  const { completeSale, noSale, openDrawer, refundRecorded, ...printing } = createPrintingModule(ctx, documents, opts);
  return {
    printing: {
      ...printing,
      /** A no-sale with a reason, refused (nothing written) when no printer has a drawer. */
      openDrawer: (input: { reason: string }) => openDrawer(input, (p) => m.shifts.noSale(p)),
    },
    sales: { ...m.sales, complete: (input: CompleteSaleInput) => completeSale(() => m.sales.complete(input)) },
    shifts: { ...m.shifts, noSale: (input: { reason?: string } = {}) => noSale(() => m.shifts.noSale(input)) },
    /** for the refunds module's `recorded` hook: a cash refund opens the drawer, in the refund's transaction */
    refundRecorded,
  };
}

export type { PrintingOptions } from './module';
export type { PrintJobView } from './jobs';
