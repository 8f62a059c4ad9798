import { afterEach, describe, expect, it } from 'vitest';
import { managerApproval } from '../../test/fixtures';
import { layoutDocument, type TextRow } from '../layout/index';
import { buildShiftReportDocument } from './index';
import { printingShop, type PrintingShop } from './test-kit';

let s: PrintingShop | undefined;
afterEach(() => s?.t.cleanup());

const printed = (doc: Parameters<typeof layoutDocument>[0]) =>
  layoutDocument(doc, { paperWidth: 80 })
    .rows.filter((r): r is TextRow => r.kind === 'text')
    .map((r) => r.text);
const row = (text: string[], left: string) => text.find((l) => l.startsWith(left));

describe('buildShiftReportDocument', () => {
  it('prints an X report mid-shift and a Z report with the count, over/short and denominations', async () => {
    s = await printingShop(); // shift opened with a £100 float
    const { core } = s.t;
    core.cart.addScan({ code: s.barcodes.loaf });
    core.sales.complete({ tenders: [{ kind: 'cash', tenderedCents: 500 }] }); // cash 4.50
    core.cart.addScan({ code: s.barcodes.croissant });
    const card = core.sales.complete({ tenders: [{ kind: 'external_card', amountCents: 195 }] });
    await core.refunds.refund({ saleId: card.id, restock: true, tender: 'cash', approval: managerApproval(s) }); // cash out 1.95
    core.shifts.paidIn({ amountCents: 2_000, reason: 'change from the bank' });
    core.shifts.paidOut({ amountCents: 350, reason: 'window cleaner' });
    core.shifts.noSale({ reason: 'change for the car park' });

    const x = buildShiftReportDocument(core.ctx.db, core.shifts.xReport(), { printedAt: '2025-05-01T12:00:00.000Z' });
    expect(x).toMatchObject({
      kind: 'shift_report',
      report: 'X',
      openedByName: 'Cas Cashier',
      closedAt: null,
      counted: null,
      // tax-inclusive: gross 4.50 + 1.95 = 6.45 (shelf prices, tax included); the croissant's 20% inside 1.95 is
      // 195 · 2000 / 12000 = 32.5 → 33, the loaf is zero-rated; net 6.45 − 0.33 = 6.12; total 6.12 + 0.33 = 6.45
      sales: { count: 2, grossBasis: 'tax_inclusive', grossCents: 645, discountCents: 0, netCents: 612, taxCents: 33, totalCents: 645 },
      refunds: { count: 1, totalCents: 195 },
      afterRefundsCents: 450,
      noSaleCount: 1,
      cash: { floatCents: 10_000, salesCents: 450, refundsCents: 195, paidInCents: 2_000, paidOutCents: 350, expectedCents: 11_905 },
    });
    const xt = printed(x);
    expect(xt).toContain('X REPORT');
    expect(xt).toContain('Shift still open - not a closing report');
    expect(row(xt, 'Expected in drawer')?.endsWith('£119.05')).toBe(true);
    expect(row(xt, 'Cash (1)')?.endsWith('£4.50')).toBe(true);
    expect(row(xt, 'Card (1)')?.endsWith('£1.95')).toBe(true);
    expect(row(xt, 'Gross (incl. tax)')?.endsWith('£6.45')).toBe(true);
    expect(row(xt, 'Net sales (before tax)')?.endsWith('£6.12')).toBe(true);
    expect(row(xt, 'Total paid (net + tax)')?.endsWith('£6.45')).toBe(true);
    expect(row(xt, 'Refunds (1)')?.endsWith('-£1.95')).toBe(true);
    expect(row(xt, 'Total after refunds')?.endsWith('£4.50')).toBe(true);
    expect(row(xt, 'Paid out')?.endsWith('-£3.50')).toBe(true);
    expect(row(xt, 'No-sale drawer opens')?.endsWith(' 1')).toBe(true);
    expect(xt.some((l) => l.startsWith('Counted'))).toBe(false);

    // counted £119.00: five £20s, a £10, a £5, four £1 coins — 5p short
    const closed = core.shifts.close({ counted: { '100': 4, '2000': 5, '1000': 1, '500': 1 } });
    const z = buildShiftReportDocument(core.ctx.db, closed, { printedAt: '2025-05-01T17:00:00.000Z' });
    expect(z).toMatchObject({ report: 'Z', closedByName: 'Cas Cashier', counted: { countedCents: 11_900, overShortCents: -5 } });
    expect(z.counted?.denominations.map((d) => d.valueCents)).toEqual([2000, 1000, 500, 100]);
    const zt = printed(z);
    expect(zt).toContain('Z REPORT');
    expect(row(zt, 'Counted')?.endsWith('£119.00')).toBe(true);
    expect(row(zt, 'Short')?.endsWith('-£0.05')).toBe(true);
    expect(row(zt, '  £20.00 x 5')?.endsWith('£100.00')).toBe(true);
    expect(row(zt, 'Closed by')?.endsWith('Cas Cashier')).toBe(true);
  });

  it('tax-exclusive: gross and net are before tax and the total adds the tax — net is never above gross', async () => {
    s = await printingShop({ taxMode: 'exclusive' });
    const { core } = s.t;
    // sale 1: 2 × jam 3.99 (20%) = 7.98 + loaf 4.50 (0%) = 12.48, £1.00 off the sale, cash.
    //   discount split allocate(100, [798, 450]) → jam 64, loaf 36 (63.9 + 36.1, leftover penny to the bigger line)
    //   jam 798 − 64 = 734, tax 20% = 146.8 → 147; loaf 414, no tax. net 1148, tax 147, total 1295.
    const jam = core.cart.addScan({ code: s.barcodes.jam });
    core.cart.setQuantity({ lineId: jam.lineId, quantity: 2 });
    core.cart.addScan({ code: s.barcodes.loaf });
    await core.cart.setOrderDiscount({ discount: { kind: 'amount', amountCents: 100 } });
    core.sales.complete({ tenders: [{ kind: 'cash', tenderedCents: 1_300 }] });
    // sale 2: 3 × croissant 1.95 = 5.85 before tax, tax 20% = 117, total 702, card; then refunded in full.
    const cro = core.cart.addScan({ code: s.barcodes.croissant });
    core.cart.setQuantity({ lineId: cro.lineId, quantity: 3 });
    const card = core.sales.complete({ tenders: [{ kind: 'external_card', amountCents: 702 }] });
    await core.refunds.refund({ saleId: card.id, restock: true, tender: 'external_card', approval: managerApproval(s) });

    const report = core.shifts.xReport();
    // gross 1248 + 585 = 1833; discounts 100; net 1148 + 585 = 1733 (= 1833 − 100); tax 147 + 117 = 264;
    // total 1733 + 264 = 1997 (= 1295 + 702, what the two customers paid); refunds 702; after refunds 1295.
    expect(report.sales).toMatchObject({ count: 2, grossBasis: 'tax_exclusive', grossCents: 1833, discountCents: 100, netCents: 1733, taxCents: 264, totalCents: 1997 });
    expect(report.refunds).toMatchObject({ count: 1, totalCents: 702 });
    expect(report.afterRefundsCents).toBe(1295);
    expect(report.tenders.reduce((sum, t) => sum + t.amountCents, 0)).toBe(1997);

    const xt = printed(buildShiftReportDocument(core.ctx.db, report, { printedAt: '2025-05-01T12:00:00.000Z' }));
    expect(row(xt, 'Gross (before tax)')?.endsWith('£18.33')).toBe(true);
    expect(row(xt, 'Discounts')?.endsWith('-£1.00')).toBe(true);
    expect(row(xt, 'Net sales (before tax)')?.endsWith('£17.33')).toBe(true);
    expect(row(xt, 'Tax')?.endsWith('£2.64')).toBe(true);
    expect(row(xt, 'Total paid (net + tax)')?.endsWith('£19.97')).toBe(true);
    expect(row(xt, 'Refunds (1)')?.endsWith('-£7.02')).toBe(true);
    expect(row(xt, 'Total after refunds')?.endsWith('£12.95')).toBe(true);
    expect(xt.some((l) => l.startsWith('Gross (incl. tax)'))).toBe(false);
  });
});
