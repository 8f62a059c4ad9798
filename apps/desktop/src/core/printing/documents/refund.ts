import { parseReceiptNumber, roundHalfUp, type SaleReceiptDocument } from '@makeries/shared';
import type { CounterDb } from '../../db/open';
import { notFound } from '../../errors';
import type { RefundView } from '../../refunds/refunds';
import { loadSale, saleById } from '../../sales/views';
import { documentContext, finish, parseReceiptOptions, receiptUrl, type ReceiptOptions } from './context';
import { pricedLine, receiptBody } from './presentation';

/**
 * The refund slip: what went back, to which tender, against which receipt, approved by whom, laid out like
 * the sale (presentation.ts). A refunded amount carries its line's tax in proportion (half-up), so refunding
 * a whole line shows exactly the tax the sale charged on it.
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
  // the same presentation as the sale it refunds: lines before tax when the shop's prices exclude tax
  const body = receiptBody(
    ctx,
    sale.taxMode,
    refunded.map(({ line, quantity, amountCents, taxCents }) => pricedLine({ ...line, quantity, totalCents: amountCents, taxCents })),
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
    ...body,
    roundingCents: refund.roundingCents,
    tenders: [{ kind: refund.tender, amountCents: paidOut, tenderedCents: paidOut, changeCents: 0, reference: null }],
    changeCents: 0,
    note: '',
    qr: o.serverUrl ? { data: receiptUrl(o.serverUrl, refund.number), caption: 'Scan to look up this refund' } : null,
    footer: ctx.footer,
  });
}
