import { parseReceiptNumber, roundHalfUp, type ReceiptLine, type SaleReceiptDocument } from '@makeries/shared';
import type { CounterDb } from '../../db/open';
import { notFound } from '../../errors';
import type { RefundView } from '../../refunds/refunds';
import { loadSale, saleById } from '../../sales/views';
import { documentContext, finish, parseReceiptOptions, receiptUrl, type ReceiptOptions } from './context';
import { taxRows } from './sale';

/**
 * The refund slip: what went back, to which tender, against which receipt, approved by whom. A refunded
 * amount carries its line's tax in proportion (half-up), so refunding a whole line shows exactly the tax
 * the sale charged on it.
 */
export function buildRefundReceipt(db: CounterDb, refund: RefundView, options: ReceiptOptions): SaleReceiptDocument {
  const o = parseReceiptOptions(options);
  const ctx = documentContext(db, o.store, o.locale);
  const saleRow = saleById(db, refund.saleId);
  if (!saleRow) throw notFound(`The sale refunded by ${refund.number} is not at this counter.`);
  const sale = loadSale(db, saleRow);
  const refunded = refund.lines.map((r) => {
    const line = sale.lines.find((l) => l.id === r.saleLineId);
    if (!line) throw notFound(`Refund ${refund.number} names a line that is not on receipt ${sale.number}.`);
    const taxCents = line.totalCents === 0 ? 0 : roundHalfUp(line.taxCents * r.amountCents, line.totalCents);
    return { line, quantity: r.quantity, amountCents: r.amountCents, taxCents };
  });
  const lines: ReceiptLine[] = refunded.map(({ line, quantity, amountCents }) => ({
    name: line.name,
    variantName: line.variantName,
    soldBy: line.soldBy,
    quantity,
    unitPriceCents: line.unitPriceCents,
    grossCents: amountCents,
    discounts: [],
    totalCents: amountCents,
    taxRateBps: line.taxRateBps,
    note: '',
  }));
  const taxes = taxRows(
    ctx,
    refunded.map((r) => ({ taxRateBps: r.line.taxRateBps, taxCents: r.taxCents, totalCents: r.amountCents })),
  );
  const paidOut = refund.totalCents + refund.roundingCents;
  return finish('receipt', {
    kind: 'receipt',
    type: 'refund',
    store: ctx.store,
    currency: sale.currency,
    locale: ctx.locale,
    timezone: ctx.vendor.timezone,
    number: refund.number,
    issuedAt: refund.refundedAt,
    registerCode: parseReceiptNumber(refund.number)?.registerCode ?? sale.registerCode,
    staffName: ctx.staffName(refund.staffId),
    reprint: null,
    refund: {
      originalNumber: refund.saleNumber || sale.number,
      reason: refund.reason,
      approvedByName: refund.approvedBy ? ctx.staffName(refund.approvedBy) : null,
      restocked: refund.restock,
    },
    // refunded amounts are what the customer paid, tax included, whichever way the sale listed tax
    taxMode: 'inclusive',
    lines,
    subtotalCents: refund.totalCents,
    orderDiscounts: [],
    discountCents: 0,
    taxes,
    taxCents: taxes.reduce((s, t) => s + t.taxCents, 0),
    totalCents: refund.totalCents,
    roundingCents: refund.roundingCents,
    tenders: [{ kind: refund.tender, amountCents: paidOut, tenderedCents: paidOut, changeCents: 0, reference: null }],
    changeCents: 0,
    note: '',
    qr: o.serverUrl ? { data: receiptUrl(o.serverUrl, refund.number), caption: 'Scan to look up this refund' } : null,
    footer: ctx.footer,
  });
}
