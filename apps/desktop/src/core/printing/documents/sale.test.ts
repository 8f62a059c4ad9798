import { formatMoney, type SaleReceiptDocument } from '@makeries/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { codeOf, snapshotCounts } from '../../test/fixtures';
import { layoutDocument, type TextRow } from '../layout/index';
import { buildReprintReceipt, buildSaleReceipt } from './index';
import { everythingReceipt, printingShop, SERVER_URL, STORE, testLogo, type PrintingShop } from './test-kit';

let s: PrintingShop | undefined;
afterEach(() => s?.t.cleanup());

const gbp = (c: number) => formatMoney(c, 'GBP');
function printed(doc: SaleReceiptDocument, paperWidth: 58 | 80 = 80): string[] {
  return layoutDocument(doc, { paperWidth })
    .rows.filter((r): r is TextRow => r.kind === 'text')
    .map((r) => r.text);
}

describe('buildSaleReceipt', () => {
  it('carries the sale exactly: lines, line and order discounts, two tax rates, totals, cash and change', async () => {
    const r = await everythingReceipt();
    s = r.s;
    const { sale, doc } = r;
    expect(doc).toMatchObject({
      kind: 'receipt',
      type: 'sale',
      number: 'A1-000001',
      currency: 'GBP',
      timezone: 'Europe/London',
      registerCode: 'A1',
      staffName: 'Cas Cashier',
      store: { name: 'Café Müller', addressLines: ['12 Harbour Street', 'Bristol BS1 4RN'], taxNumber: 'VAT GB 123 4567 89' },
      subtotalCents: sale.subtotalCents,
      discountCents: sale.discountCents,
      taxCents: sale.taxCents,
      totalCents: sale.totalCents,
      roundingCents: 0,
      changeCents: sale.changeCents,
      reprint: null,
      refund: null,
      qr: { data: `${SERVER_URL}/r/A1-000001` },
    });
    expect(doc.lines.map((l) => [l.name, l.quantity, l.grossCents, l.totalCents])).toEqual(sale.lines.map((l) => [l.name, l.quantity, expect.any(Number), l.totalCents]));
    // 3 × 1.95 = 5.85, 5% off = 0.29 (half-up of 29.25)
    expect(doc.lines[0]).toMatchObject({ name: 'Butter Croissant', grossCents: 585, discounts: [{ label: 'Discount 5%', amountCents: 29 }] });
    expect(doc.lines[1]).toMatchObject({ name: 'Mature Cheddar', soldBy: 'weight', quantity: 333, unitPriceCents: 2400, grossCents: 799 });
    expect(doc.lines[3]).toMatchObject({ name: 'Crème brûlée', grossCents: 325 });
    const lineDiscounts = doc.lines.flatMap((l) => l.discounts).reduce((n, d) => n + d.amountCents, 0);
    expect(doc.orderDiscounts).toEqual([{ label: 'Order discount 10%', amountCents: sale.discountCents - lineDiscounts }]);
    // inclusive: subtotal − every discount = total; the tax rows add up to the sale's tax
    expect(doc.subtotalCents - doc.discountCents).toBe(doc.totalCents);
    expect(doc.taxes.map((t) => t.label)).toEqual(['VAT 20%', 'VAT 0%']);
    expect(doc.taxes.reduce((n, t) => n + t.taxCents, 0)).toBe(sale.taxCents);
    expect(doc.taxes.reduce((n, t) => n + t.grossCents, 0)).toBe(sale.totalCents);
    expect(doc.tenders).toEqual([{ kind: 'cash', amountCents: sale.totalCents, tenderedCents: 3_000, changeCents: 3_000 - sale.totalCents, reference: null }]);

    // with nothing set at the counter, the header is the shop's synced profile
    const plain = buildSaleReceipt(s.t.core.ctx.db, sale, { serverUrl: null });
    expect(plain.store).toMatchObject({ name: 'Café Müller', addressLines: ['12 Harbour Street', 'Bristol BS1 4RN'], phone: '0117 496 0000' });

    const text = printed(doc);
    const orderOff = gbp(-(doc.orderDiscounts[0]?.amountCents ?? 0));
    expect(text.some((x) => x.startsWith('Order discount 10%') && x.endsWith(` ${orderOff}`) && x.length === 48)).toBe(true);
    expect(text.find((l) => l.startsWith('TOTAL'))?.endsWith(gbp(sale.totalCents))).toBe(true);
    expect(text.find((l) => l.startsWith('Change'))?.endsWith(gbp(sale.changeCents))).toBe(true);
    expect(text).toContain('  0.333 kg @ £24.00/kg');
    expect(text).toContain('Served by' + ' '.repeat(48 - 9 - 11) + 'Cas Cashier');
    expect(text).toContain('Date' + ' '.repeat(48 - 4 - 17) + '01/05/2025, 10:00');
  });

  it('lists exclusive tax above the total so subtotal − discounts + tax = total', async () => {
    const r = await everythingReceipt({ taxMode: 'exclusive' });
    s = r.s;
    const { doc, sale } = r;
    expect(doc.taxMode).toBe('exclusive');
    expect(doc.subtotalCents - doc.discountCents + doc.taxCents).toBe(sale.totalCents);
    const text = printed(doc, 58);
    const vat = text.find((l) => l.startsWith('VAT 20% on '));
    expect(vat?.endsWith(gbp(doc.taxes[0]!.taxCents))).toBe(true);
    expect(text.indexOf(vat!)).toBeLessThan(text.findIndex((l) => l.startsWith('TOTAL')));
    expect(text).not.toContain('Prices include tax');
  });

  it('shows cash rounding and a split tender as paid', async () => {
    s = await printingShop({ cashRoundingCents: 5 });
    const { core } = s.t;
    const l = core.cart.addScan({ code: s.barcodes.croissant });
    core.cart.setQuantity({ lineId: l.lineId, quantity: 5 }); // 9.75
    core.cart.addVariant({ variantId: s.variants.bag, quantity: 3 }); // 10.05
    await core.cart.setOrderDiscount({ discount: { kind: 'amount', amountCents: 3 } }); // 10.02
    const sale = core.sales.complete({
      tenders: [
        { kind: 'external_card', amountCents: 500, reference: 'auth 77' },
        { kind: 'cash', tenderedCents: 1_000 },
      ],
    });
    const doc = buildSaleReceipt(core.ctx.db, sale, { serverUrl: null });
    expect(sale.roundingCents).not.toBe(0);
    expect(doc).toMatchObject({ roundingCents: sale.roundingCents, changeCents: sale.changeCents, qr: null, orderDiscounts: [{ label: 'Order discount', amountCents: 3 }] });
    expect(doc.tenders.map((t) => [t.kind, t.amountCents, t.reference])).toEqual([
      ['external_card', 500, 'auth 77'],
      ['cash', sale.totalCents + sale.roundingCents - 500, null],
    ]);
    const text = printed(doc);
    expect(text.some((x) => x.startsWith('Cash rounding') && x.endsWith(sale.roundingCents > 0 ? `+${gbp(sale.roundingCents)}` : gbp(sale.roundingCents)))).toBe(true);
    expect(text.some((x) => x.startsWith('Total paid') && x.endsWith(gbp(sale.paidCents)))).toBe(true);
    expect(text.some((x) => x.startsWith('Card auth 77') && x.endsWith('£5.00'))).toBe(true);
    expect(text.some((x) => x.startsWith('Cash ') && x.endsWith('£10.00'))).toBe(true);
    expect(text.every((x) => !x.includes('REPRINT'))).toBe(true);
  });

  it('marks a reprint as a copy, with when and who, and keeps the original figures', async () => {
    const r = await everythingReceipt();
    s = r.s;
    const original = r.doc;
    const store = { ...STORE, logo: testLogo() };
    const copy = buildReprintReceipt(s.t.core.ctx.db, r.sale, { serverUrl: SERVER_URL, store, reprintedAt: '2025-05-01T10:30:00.000Z', reprintedBy: s.staff.manager });
    expect(copy.reprint).toEqual({ at: '2025-05-01T10:30:00.000Z', byName: 'Mo Manager' });
    expect({ ...copy, reprint: null }).toEqual(original);
    const text = printed(copy, 58);
    expect(text).toContain('*** REPRINT - COPY ***');
    expect(text).toContain('Reprinted 01/05/2025, 11:30 by');
    expect(text).toContain('Mo Manager');
    expect(printed(original, 58).some((x) => x.includes('REPRINT'))).toBe(false);
  });

  it('refuses bad options with BAD_INPUT and writes nothing', async () => {
    const r = await everythingReceipt();
    s = r.s;
    const before = snapshotCounts(s.t.core);
    const db = s.t.core.ctx.db;
    expect(codeOf(() => buildSaleReceipt(db, r.sale, { serverUrl: 'ftp://makeries.example' }))).toBe('BAD_INPUT');
    expect(codeOf(() => buildSaleReceipt(db, r.sale, { serverUrl: null, store: { addressLines: ['x'.repeat(500)] } }))).toBe('BAD_INPUT');
    expect(codeOf(() => buildReprintReceipt(db, r.sale, { serverUrl: null, reprintedAt: 'yesterday' }))).toBe('BAD_INPUT');
    expect(snapshotCounts(s.t.core)).toEqual(before);
  });
});
