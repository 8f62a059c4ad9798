import type { SaleReceiptDocument } from '@makeries/shared';
import { z } from 'zod';
import type { CounterDb } from '../../db/open';
import { parseInput } from '../../errors';
import type { SaleView } from '../../sales/views';
import { documentContext, finish, isoTime, parseReceiptOptions, receiptUrl, type ReceiptOptions } from './context';
import { discountSplit } from './discounts';
import { pricedLine, receiptBody } from './presentation';

function saleDocument(db: CounterDb, sale: SaleView, options: ReceiptOptions, reprint: SaleReceiptDocument['reprint']): SaleReceiptDocument {
  const o = parseReceiptOptions(options);
  const ctx = documentContext(db, o.store, o.locale);
  const split = discountSplit(db, sale);
  const body = receiptBody(
    ctx,
    sale.taxMode,
    sale.lines.map((l, i) => ({ ...pricedLine(l), discounts: split.perLine[i] ?? [] })),
    split.orderDiscounts,
  );
  return finish('receipt', {
    kind: 'receipt',
    type: 'sale',
    store: ctx.store,
    currency: sale.currency,
    locale: ctx.locale,
    timezone: ctx.vendor.timezone,
    number: sale.number,
    issuedAt: sale.completedAt,
    registerCode: sale.registerCode,
    staffName: ctx.staffName(sale.staffId),
    reprint,
    refund: null,
    ...body,
    roundingCents: sale.roundingCents,
    tenders: sale.payments.map((p) => ({ kind: p.kind, amountCents: p.amountCents, tenderedCents: p.tenderedCents, changeCents: p.changeCents, reference: p.reference ?? null })),
    changeCents: sale.changeCents,
    note: sale.note,
    qr: o.serverUrl ? { data: receiptUrl(o.serverUrl, sale.number), caption: 'Scan to look up or return' } : null,
    header: ctx.header,
    footer: ctx.footer,
  });
}

/** The customer's receipt for a completed sale. */
export function buildSaleReceipt(db: CounterDb, sale: SaleView, options: ReceiptOptions): SaleReceiptDocument {
  return saleDocument(db, sale, options, null);
}

const reprintInput = z.object({ reprintedAt: isoTime, reprintedBy: z.string().nullable().default(null) });
export type ReprintOptions = ReceiptOptions & z.input<typeof reprintInput>;

/**
 * The same receipt printed again later, marked REPRINT - COPY with when and by whom, so a copy can never
 * pass for a second sale. `reprintedBy` is the staff id of whoever asked for it.
 */
export function buildReprintReceipt(db: CounterDb, sale: SaleView, options: ReprintOptions): SaleReceiptDocument {
  const { reprintedAt, reprintedBy, ...rest } = options;
  const r = parseInput(reprintInput, { reprintedAt, reprintedBy });
  const o = parseReceiptOptions(rest);
  const byName = r.reprintedBy ? documentContext(db, o.store, o.locale).staffName(r.reprintedBy) : null;
  return saleDocument(db, sale, rest, { at: r.reprintedAt, byName });
}
