/**
 * The one receipt document model (DESIGN §5): what a receipt, refund slip, kitchen ticket, shift report or
 * test page SAYS, with money as integer minor units. It knows nothing about paper: the counter lays it out
 * once for 58 or 80 mm and renders those rows to ESC/POS bytes and to the on-screen preview alike.
 * Amounts on a refund are positive (money going back); the layout prints them as negatives.
 */
import { z } from 'zod';
import { GROSS_BASES } from '../report-figures';
import { tenderKindSchema } from '../schemas/sync';
import { receiptLogoSchema } from './logo';

const MAX_CENTS = 100_000_000_000;
const amount = z.number().int('Amounts are whole minor units (cents)').min(-MAX_CENTS).max(MAX_CENTS);
const positive = amount.min(0, 'Amounts on a receipt document are not negative');
const count = z.number().int().min(0);
const bps = z.number().int().min(0).max(10_000);
const line = (max: number) => z.string().max(max);
const isoTime = z.iso.datetime({ offset: true, error: 'Times are ISO 8601 like 2025-05-01T09:00:00.000Z' });
const currency = z.string().regex(/^[A-Z]{3}$/, 'Currency must be a 3-letter ISO code like GBP');
/** QR payloads go to the printer byte for byte, so printable ASCII only (a URL is percent-encoded anyway). */
const qrData = z.string().min(1).max(500).regex(/^[\x20-\x7E]+$/, 'QR data must be printable ASCII (percent-encode a URL)');

export type TenderKind = z.infer<typeof tenderKindSchema>;

export const receiptStoreSchema = z.object({
  name: z.string().trim().min(1, 'The store needs a name').max(120),
  addressLines: z.array(z.string().trim().min(1).max(120)).max(6).default([]),
  phone: z.string().trim().max(40).nullable().default(null),
  /** the tax registration line exactly as printed under the address, e.g. "VAT GB 123 4567 89" */
  taxNumber: z.string().trim().max(40).nullable().default(null),
  logo: receiptLogoSchema.nullable().default(null),
});
export type ReceiptStore = z.infer<typeof receiptStoreSchema>;

/** Fields every document shares: whose it is and how to print its money and times. */
const common = {
  store: receiptStoreSchema,
  currency,
  /** the marketplace's locale when the document was made (a reprint looks like the original) */
  locale: z.string().min(2).max(35),
  timezone: z.string().min(1).max(64).default('UTC'),
};

export const amountLineSchema = z.object({ label: line(80), amountCents: positive });
export type AmountLine = z.infer<typeof amountLineSchema>;

export const receiptLineSchema = z.object({
  name: line(200).min(1),
  variantName: line(120).default(''),
  soldBy: z.enum(['each', 'weight']),
  /** items, or grams for weight lines */
  quantity: count,
  /** per item, or per kg */
  unitPriceCents: positive,
  /** unit price × quantity before any discount */
  grossCents: positive,
  /** this line's own discounts (the order discount is listed once, under the lines) */
  discounts: z.array(amountLineSchema).max(5).default([]),
  /** what the customer pays for the line, tax included */
  totalCents: positive,
  taxRateBps: bps,
  note: line(300).default(''),
});
export type ReceiptLine = z.infer<typeof receiptLineSchema>;

export const taxRowSchema = z.object({ label: line(40), rateBps: bps, netCents: positive, taxCents: positive, grossCents: positive });
export type TaxRow = z.infer<typeof taxRowSchema>;

export const receiptTenderSchema = z.object({
  kind: tenderKindSchema,
  amountCents: positive,
  /** cash handed over (equals amount for cards) */
  tenderedCents: positive,
  changeCents: positive,
  reference: line(80).nullable().default(null),
});
export type ReceiptTender = z.infer<typeof receiptTenderSchema>;

export const receiptQrSchema = z.object({ data: qrData, caption: line(80).default('') });

export const saleReceiptSchema = z
  .object({
    kind: z.literal('receipt'),
    type: z.enum(['sale', 'refund']),
    ...common,
    number: line(40).min(1),
    issuedAt: isoTime,
    registerCode: line(8),
    staffName: line(120),
    /** set on a copy printed again later: the paper says REPRINT so it cannot pass for a second sale */
    reprint: z.object({ at: isoTime, byName: line(120).nullable().default(null) }).nullable().default(null),
    refund: z
      .object({ originalNumber: line(40), reason: line(300).default(''), approvedByName: line(120).nullable().default(null), restocked: z.boolean() })
      .nullable()
      .default(null),
    taxMode: z.enum(['inclusive', 'exclusive']),
    lines: z.array(receiptLineSchema).min(1, 'A receipt has at least one line').max(500),
    subtotalCents: positive,
    orderDiscounts: z.array(amountLineSchema).max(5).default([]),
    /** every discount on the receipt: line discounts and the order discount */
    discountCents: positive,
    taxes: z.array(taxRowSchema).max(20).default([]),
    taxCents: positive,
    totalCents: positive,
    /** cash rounding on top of the total (may be negative) */
    roundingCents: amount,
    tenders: z.array(receiptTenderSchema).max(10).default([]),
    changeCents: positive,
    note: line(300).default(''),
    qr: receiptQrSchema.nullable().default(null),
    /** the shop's own lines printed under its address (opening hours, a welcome, a website) */
    header: z.array(line(200)).max(10).default([]),
    footer: z.array(line(200)).max(10).default([]),
  })
  .superRefine((r, ctx) => {
    const lines = r.lines.reduce((s, l) => s + l.totalCents, 0);
    if (lines !== r.totalCents) ctx.addIssue({ code: 'custom', path: ['totalCents'], message: `The lines add up to ${lines}, not the total ${r.totalCents}` });
    const taxes = r.taxes.reduce((s, t) => s + t.taxCents, 0);
    if (r.taxes.length > 0 && taxes !== r.taxCents) ctx.addIssue({ code: 'custom', path: ['taxes'], message: `The tax rows add up to ${taxes}, not ${r.taxCents}` });
    if ((r.type === 'refund') !== (r.refund !== null)) ctx.addIssue({ code: 'custom', path: ['refund'], message: 'A refund receipt (and only one) names the sale it refunds' });
  });
export type SaleReceiptDocument = z.infer<typeof saleReceiptSchema>;

export const kitchenTicketSchema = z.object({
  kind: z.literal('kitchen'),
  ...common,
  orderNumber: line(40).min(1),
  fulfilment: z.enum(['pickup', 'delivery', 'counter']),
  status: line(40),
  placedAt: isoTime,
  pickupAt: isoTime.nullable().default(null),
  prepMinutes: z.number().int().min(0).max(1440).nullable().default(null),
  printedAt: isoTime,
  customerName: line(120).nullable().default(null),
  customerPhone: line(40).nullable().default(null),
  deliveryAddress: z.array(line(200)).max(6).default([]),
  lines: z
    .array(z.object({ quantity: count, soldBy: z.enum(['each', 'weight']), name: line(200).min(1), variantName: line(120).default(''), note: line(300).default('') }))
    .min(1, 'A ticket has at least one item')
    .max(500),
  note: line(500).default(''),
  totalCents: positive,
  paid: z.boolean(),
});
export type KitchenTicketDocument = z.infer<typeof kitchenTicketSchema>;

export const shiftReportDocumentSchema = z
  .object({
    kind: z.literal('shift_report'),
    /** X = mid-shift read, the shift stays open; Z = the closing report with the drawer count */
    report: z.enum(['X', 'Z']),
    ...common,
    registerCode: line(8),
    openedAt: isoTime,
    openedByName: line(120),
    closedAt: isoTime.nullable().default(null),
    closedByName: line(120).nullable().default(null),
    printedAt: isoTime,
    /** report-figures.ts: gross at shelf prices (basis stated), discounts, net before tax, tax, total = net + tax */
    sales: z.object({
      count,
      grossBasis: z.enum(GROSS_BASES),
      grossCents: positive,
      discountCents: positive,
      netCents: positive,
      taxCents: positive,
      totalCents: positive,
      roundingCents: amount,
      takenCents: positive,
    }),
    refunds: z.object({ count, totalCents: positive, roundingCents: amount.default(0), paidOutCents: positive }),
    afterRefundsCents: amount,
    tenders: z.array(z.object({ kind: tenderKindSchema, count, amountCents: positive })).max(10),
    noSaleCount: count,
    /** null on an X report under blind close: the expected cash is shown only after the count */
    cash: z.object({ floatCents: positive, salesCents: positive, refundsCents: positive, paidInCents: positive, paidOutCents: positive, expectedCents: amount }).nullable(),
    counted: z
      .object({ denominations: z.array(z.object({ valueCents: z.number().int().min(1), count })).max(40), countedCents: positive, overShortCents: amount })
      .nullable()
      .default(null),
  })
  .refine((r) => r.report === 'X' || (r.closedAt !== null && r.counted !== null), { error: 'A Z report is for a closed, counted shift', path: ['report'] })
  .refine((r) => r.report === 'X' || r.cash !== null, { error: 'A Z report shows the expected and counted cash', path: ['cash'] });
export type ShiftReportDocument = z.infer<typeof shiftReportDocumentSchema>;

export const testPageSchema = z.object({
  kind: z.literal('test_page'),
  ...common,
  printerName: line(120),
  printedAt: isoTime,
  details: z.array(line(200)).max(20).default([]),
  qr: receiptQrSchema.nullable().default(null),
});
export type TestPageDocument = z.infer<typeof testPageSchema>;

export const receiptDocumentSchema = z.discriminatedUnion('kind', [saleReceiptSchema, kitchenTicketSchema, shiftReportDocumentSchema, testPageSchema]);
export type ReceiptDocument = z.infer<typeof receiptDocumentSchema>;
export type ReceiptDocumentInput = z.input<typeof receiptDocumentSchema>;
