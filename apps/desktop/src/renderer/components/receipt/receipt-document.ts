import { formatRate, mulCents, type SaleReceiptDocument } from '@makeries/shared';
import type { Outputs } from '../../api/types';

type ReceiptData = Outputs['sales']['receipt'];

/** One row per tax rate, so the rows add up to the sale's tax exactly (as the printed receipt does). */
function taxRows(lines: ReceiptData['sale']['lines']): SaleReceiptDocument['taxes'] {
  const byRate = new Map<number, { taxCents: number; grossCents: number }>();
  for (const l of lines) {
    const r = byRate.get(l.taxRateBps) ?? { taxCents: 0, grossCents: 0 };
    r.taxCents += l.taxCents;
    r.grossCents += l.totalCents;
    byRate.set(l.taxRateBps, r);
  }
  return [...byRate.entries()]
    .sort(([a], [b]) => b - a)
    .map(([rateBps, r]) => ({ label: `Tax ${formatRate(rateBps)}`, rateBps, netCents: r.grossCents - r.taxCents, taxCents: r.taxCents, grossCents: r.grossCents }));
}

/**
 * The sale as the shared receipt document model, for the on-screen preview (drawn by core/printing's pure
 * layout + preview, the same rows the printer gets). The printed copy is built by the counter itself and also
 * carries the shop's address block and the lookup QR code; each line's discount shows combined here.
 */
export function saleReceiptDocument(data: ReceiptData, staffName: string): SaleReceiptDocument {
  const { sale, shop } = data;
  return {
    kind: 'receipt',
    type: 'sale',
    store: { name: shop.name, addressLines: [], phone: null, taxNumber: null, logo: null },
    currency: sale.currency,
    locale: 'en-GB',
    timezone: shop.timezone,
    number: sale.number,
    issuedAt: sale.completedAt,
    registerCode: sale.registerCode,
    staffName,
    reprint: null,
    refund: null,
    taxMode: sale.taxMode,
    lines: sale.lines.map((l) => ({
      name: l.name,
      variantName: l.variantName,
      soldBy: l.soldBy,
      quantity: l.quantity,
      unitPriceCents: l.unitPriceCents,
      grossCents: mulCents(l.unitPriceCents, l.quantity, l.soldBy === 'weight' ? 1000 : 1),
      discounts: l.discountCents > 0 ? [{ label: 'Discount', amountCents: l.discountCents }] : [],
      totalCents: l.totalCents,
      taxRateBps: l.taxRateBps,
      note: l.note,
    })),
    subtotalCents: sale.subtotalCents,
    orderDiscounts: [],
    discountCents: sale.discountCents,
    taxes: taxRows(sale.lines),
    taxCents: sale.taxCents,
    totalCents: sale.totalCents,
    roundingCents: sale.roundingCents,
    tenders: sale.payments.map((p) => ({ kind: p.kind, amountCents: p.amountCents, tenderedCents: p.tenderedCents, changeCents: p.changeCents, reference: p.reference ?? null })),
    changeCents: sale.changeCents,
    note: sale.note,
    qr: null,
    footer: ['Thank you!'],
  };
}
