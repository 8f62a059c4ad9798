import type { CoreContext } from '../../context';
import type { RefundView } from '../../refunds/refunds';
import type { SaleView } from '../../sales/views';
import type { JobStore, PrintJobView } from '../queue/jobs';
import { printerFor, type PrinterRow } from '../queue/printers';
import { drawerKickBytes } from '../escpos/index';

/** Dedupe keys: one kick per sale and per refund for ever; each no-sale event is its own kick. */
const saleKickKey = (saleId: string) => `drawer:sale:${saleId}`;
const noSaleKickKey = (shiftEventId: string) => `drawer:no-sale:${shiftEventId}`;
const refundKickKey = (refundId: string) => `drawer:refund:${refundId}`;

/** `ESC p m t1 t2` written out in full (node-thermal-printer's own kick leaves out the pulse, DESIGN §10). */
function kickFor(printer: PrinterRow): Buffer {
  return drawerKickBytes(printer.commandSet, printer.drawerPin === 1 ? 1 : 0, printer.drawerT1, printer.drawerT2);
}

/**
 * The cash drawer opens through the receipt printer it is wired to (`ESC p m t1 t2`). Kicks are print jobs:
 * durable, retried while the printer is offline, and deduplicated so a sale opens the drawer once however
 * often its completion is retried or the counter restarts.
 */
export function createDrawer(ctx: CoreContext, jobs: JobStore) {
  const queueKick = (ref: string, dedupeKey: string): PrintJobView | null => {
    const printer = printerFor(ctx, 'drawer');
    if (!printer) return null;
    return jobs.insert({ printerId: printer.id, kind: 'drawer', ref, dedupeKey, payload: kickFor(printer) }).job;
  };

  return {
    /** The drawer printer, if one is set up and enabled. */
    printer: (): PrinterRow | undefined => printerFor(ctx, 'drawer'),

    /** Cash changed hands (any cash tender): open the drawer, once per sale. Card-only sales do not. */
    forSale(sale: Pick<SaleView, 'id' | 'payments'>): PrintJobView | null {
      if (!sale.payments.some((p) => p.kind === 'cash')) return null;
      return queueKick(sale.id, saleKickKey(sale.id));
    },

    /** Cash went back to the customer: open the drawer, once per refund. A refund to a card does not. */
    forRefund(refund: Pick<RefundView, 'id' | 'tender'>): PrintJobView | null {
      if (refund.tender !== 'cash') return null;
      return queueKick(refund.id, refundKickKey(refund.id));
    },

    /** An audited no-sale (the shift event is the audit record): its own kick every time. */
    forNoSale(shiftEventId: string): PrintJobView | null {
      return queueKick(shiftEventId, noSaleKickKey(shiftEventId));
    },
  };
}
