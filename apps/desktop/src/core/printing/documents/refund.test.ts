import { formatMoney } from '@makeries/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { codeOf, managerApproval } from '../../test/fixtures';
import { layoutDocument, type TextRow } from '../layout/index';
import { buildRefundReceipt, buildSaleReceipt } from './index';
import { printingShop, SERVER_URL, type PrintingShop } from './test-kit';

let s: PrintingShop | undefined;
afterEach(() => s?.t.cleanup());

const gbp = (c: number) => formatMoney(c, 'GBP');

describe('buildRefundReceipt', () => {
  it('prints a refund slip: marked REFUND, negative amounts, the original receipt, approver and tender', async () => {
    s = await printingShop();
    const { core } = s.t;
    const cro = core.cart.addScan({ code: s.barcodes.croissant });
    core.cart.setQuantity({ lineId: cro.lineId, quantity: 3 });
    core.cart.addScan({ code: s.barcodes.loaf });
    const sale = core.sales.complete({ tenders: [{ kind: 'cash', tenderedCents: 2_000 }] });
    const croLine = sale.lines[0]!;

    const refund = await core.refunds.refund({
      saleId: sale.id,
      lines: [{ saleLineId: croLine.id, quantity: 1 }],
      restock: true,
      tender: 'cash',
      reason: 'Stale',
      approval: managerApproval(s),
    });
    const doc = buildRefundReceipt(core.ctx.db, refund, { serverUrl: SERVER_URL });
    expect(doc).toMatchObject({
      kind: 'receipt',
      type: 'refund',
      number: refund.number,
      staffName: 'Cas Cashier',
      refund: { originalNumber: sale.number, reason: 'Stale', approvedByName: 'Mo Manager', restocked: true },
      totalCents: 195,
      lines: [{ name: 'Butter Croissant', quantity: 1, totalCents: 195, taxRateBps: 2000 }],
      tenders: [{ kind: 'cash', amountCents: 195 }],
      qr: { data: `${SERVER_URL}/r/${refund.number}` },
    });
    // a third of the croissant line's tax, half-up
    expect(doc.taxCents).toBe(Math.round(croLine.taxCents / 3));

    const text = layoutDocument(doc, { paperWidth: 58 })
      .rows.filter((r): r is TextRow => r.kind === 'text')
      .map((r) => r.text);
    expect(text).toContain('REFUND');
    expect(text.some((l) => l.startsWith('Refund of') && l.endsWith(sale.number))).toBe(true);
    expect(text.some((l) => l.startsWith('Butter Croissant') && l.endsWith(gbp(-195)))).toBe(true);
    expect(text.some((l) => l.startsWith('REFUND TOTAL') && l.endsWith(gbp(-195)))).toBe(true);
    expect(text.some((l) => l.startsWith('Refunded to cash') && l.endsWith(gbp(-195)))).toBe(true);
    expect(text).toContain('Reason: Stale');
    expect(text).toContain('Items returned to stock');
  });

  it('adds up to the sale: refunding everything in two parts shows exactly the tax the sale charged', async () => {
    s = await printingShop();
    const { core } = s.t;
    const cro = core.cart.addScan({ code: s.barcodes.croissant });
    core.cart.setQuantity({ lineId: cro.lineId, quantity: 3 });
    core.cart.addVariant({ variantId: s.creme });
    core.cart.addScan({ code: s.barcodes.loaf });
    const sale = core.sales.complete({ tenders: [{ kind: 'external_card', amountCents: 3 * 195 + 325 + 450 }] });
    const first = await core.refunds.refund({ saleId: sale.id, lines: [{ saleLineId: sale.lines[0]!.id, quantity: 1 }], restock: false, approval: managerApproval(s) });
    const rest = await core.refunds.refund({ saleId: sale.id, restock: false, approval: managerApproval(s) });
    const docs = [first, rest].map((r) => buildRefundReceipt(core.ctx.db, r, { serverUrl: null }));
    expect(docs.reduce((n, d) => n + d.totalCents, 0)).toBe(sale.totalCents);
    expect(docs[1]?.tenders).toEqual([{ kind: 'external_card', amountCents: rest.totalCents, tenderedCents: rest.totalCents, changeCents: 0, reference: null }]);
    expect(docs[1]?.refund?.restocked).toBe(false);
    const perRate = (rate: number) => docs.flatMap((d) => d.taxes).filter((t) => t.rateBps === rate).reduce((n, t) => n + t.taxCents, 0);
    expect(perRate(2000)).toBe(sale.lines.filter((l) => l.taxRateBps === 2000).reduce((n, l) => n + l.taxCents, 0));
    expect(perRate(2000) + perRate(0)).toBe(sale.taxCents);
  });

  it('refuses a refund whose sale is not at this counter', async () => {
    s = await printingShop();
    const { core } = s.t;
    core.cart.addScan({ code: s.barcodes.loaf });
    const sale = core.sales.complete({ tenders: [{ kind: 'cash', tenderedCents: 500 }] });
    const refund = await core.refunds.refund({ saleId: sale.id, restock: true, approval: managerApproval(s) });
    expect(codeOf(() => buildRefundReceipt(core.ctx.db, { ...refund, saleId: '0190a000-0000-7000-8000-000000000000' }, { serverUrl: null }))).toBe('NOT_FOUND');
  });

  describe.each(['exclusive', 'inclusive'] as const)('in a tax-%s shop, laid out like its sale', (taxMode) => {
    const paper = (doc: Parameters<typeof layoutDocument>[0]) =>
      layoutDocument(doc, { paperWidth: 80 })
        .rows.filter((r): r is TextRow => r.kind === 'text')
        .map((r) => r.text);
    const row = (text: string[], left: string, right: string) => text.find((l) => l.trimStart().startsWith(left) && l.endsWith(right));

    it('2 crème brûlées (3.25) and a zero-rated loaf (4.50), one crème brought back for cash', async () => {
      s = await printingShop({ taxMode });
      const { core } = s.t;
      core.cart.addVariant({ variantId: s.creme, quantity: 2 });
      core.cart.addScan({ code: s.barcodes.loaf });
      const sale = core.sales.complete({ tenders: [{ kind: 'cash', tenderedCents: 2_000 }] });
      const refund = await core.refunds.refund({ saleId: sale.id, lines: [{ saleLineId: sale.lines[0]!.id, quantity: 1 }], restock: true, tender: 'cash', approval: managerApproval(s) });
      const saleDoc = buildSaleReceipt(core.ctx.db, sale, { serverUrl: null });
      const refundDoc = buildRefundReceipt(core.ctx.db, refund, { serverUrl: null });
      const onSale = paper(saleDoc);
      const onRefund = paper(refundDoc);
      expect(refundDoc.taxMode).toBe(taxMode);
      expect(row(onSale, 'Crème brûlée', gbp(650))).toBeDefined();
      expect(row(onRefund, 'Crème brûlée', gbp(-325))).toBeDefined();
      if (taxMode === 'exclusive') {
        // sale: 6.50 + 4.50 = 11.00 before tax; VAT 20% of 6.50 = 1.30; total 12.30. The refund: 3.25 + 0.65 = 3.90
        expect(row(onSale, 'Subtotal', gbp(1_100))).toBeDefined();
        expect(row(onSale, `VAT 20% on ${gbp(650)}`, gbp(130))).toBeDefined();
        expect(row(onSale, `VAT 0% on ${gbp(450)}`, gbp(0))).toBeDefined();
        expect(row(onSale, 'TOTAL', gbp(1_230))).toBeDefined();
        expect(row(onRefund, 'Subtotal', gbp(-325))).toBeDefined();
        expect(row(onRefund, `VAT 20% on ${gbp(325)}`, gbp(-65))).toBeDefined();
        expect(row(onRefund, 'REFUND TOTAL', gbp(-390))).toBeDefined();
        expect(row(onRefund, 'Refunded to cash', gbp(-390))).toBeDefined();
        for (const text of [onSale, onRefund]) expect(text.join('\n')).not.toMatch(/ of £|include/);
      } else {
        // prices include tax: 6.50 holds 6.50 × 20/120 = 1.08 of VAT; the crème brought back (3.25) holds 0.54
        expect(row(onSale, 'TOTAL', gbp(1_100))).toBeDefined();
        expect(onSale).toContain('Prices include tax');
        expect(row(onSale, `VAT 20% of ${gbp(650)}`, gbp(108))).toBeDefined();
        expect(row(onRefund, 'REFUND TOTAL', gbp(-325))).toBeDefined();
        expect(onRefund).toContain('Tax included in this refund');
        expect(row(onRefund, `VAT 20% of ${gbp(325)}`, gbp(-54))).toBeDefined();
        for (const text of [onSale, onRefund]) expect(text.join('\n')).not.toMatch(/Subtotal| on £/);
      }
    });

    it('a croissant line with 5% off: the refund shows its share of the discount under the line, as the sale does', async () => {
      s = await printingShop({ taxMode });
      const { core } = s.t;
      const cro = core.cart.addScan({ code: s.barcodes.croissant });
      core.cart.setQuantity({ lineId: cro.lineId, quantity: 2 });
      await core.cart.setLineDiscount({ lineId: cro.lineId, discount: { kind: 'percent', bps: 500 } });
      const sale = core.sales.complete({ tenders: [{ kind: 'cash', tenderedCents: 1_000 }] });
      const refund = await core.refunds.refund({ saleId: sale.id, lines: [{ saleLineId: sale.lines[0]!.id, quantity: 1 }], restock: true, tender: 'cash', approval: managerApproval(s) });
      const onSale = paper(buildSaleReceipt(core.ctx.db, sale, { serverUrl: null }));
      const onRefund = paper(buildRefundReceipt(core.ctx.db, refund, { serverUrl: null }));
      // 2 × 1.95 = 3.90, 5% off = 0.195 → 0.20, leaving 3.70
      expect(row(onSale, 'Butter Croissant', gbp(390))).toBeDefined();
      expect(row(onSale, 'Discount 5%', gbp(-20))).toBeDefined();
      expect(row(onRefund, 'Butter Croissant', gbp(-195))).toBeDefined();
      expect(onRefund.join('\n')).not.toContain('You saved');
      if (taxMode === 'exclusive') {
        // sale: 3.70 + 20% (0.74) = 4.44; one back: 4.44 / 2 = 2.22 of which VAT 0.74 × 222/444 = 0.37, so 1.85 before tax
        expect(row(onSale, `VAT 20% on ${gbp(370)}`, gbp(74))).toBeDefined();
        expect(row(onSale, 'TOTAL', gbp(444))).toBeDefined();
        expect(row(onRefund, 'Discount', gbp(10))).toBeDefined();
        expect(row(onRefund, `VAT 20% on ${gbp(185)}`, gbp(-37))).toBeDefined();
        expect(row(onRefund, 'REFUND TOTAL', gbp(-222))).toBeDefined();
      } else {
        // sale: 3.70 holding 3.70 × 20/120 = 0.6167 → 0.62 of VAT; one back: 1.85 holding 0.31
        expect(row(onSale, `VAT 20% of ${gbp(370)}`, gbp(62))).toBeDefined();
        expect(row(onSale, 'TOTAL', gbp(370))).toBeDefined();
        expect(row(onRefund, 'Discount', gbp(10))).toBeDefined();
        expect(row(onRefund, `VAT 20% of ${gbp(185)}`, gbp(-31))).toBeDefined();
        expect(row(onRefund, 'REFUND TOTAL', gbp(-185))).toBeDefined();
      }
    });

    it('refunding a whole sale prints the same lines, subtotal, tax rows and total as the sale', async () => {
      s = await printingShop({ taxMode });
      const { core } = s.t;
      core.cart.addVariant({ variantId: s.creme, quantity: 3 });
      core.cart.addScan({ code: s.barcodes.loaf });
      const sale = core.sales.complete({ tenders: [{ kind: 'external_card', amountCents: taxMode === 'exclusive' ? 1_620 : 1_425 }] });
      const refund = await core.refunds.refund({ saleId: sale.id, restock: false, approval: managerApproval(s) });
      const saleDoc = buildSaleReceipt(core.ctx.db, sale, { serverUrl: null });
      const refundDoc = buildRefundReceipt(core.ctx.db, refund, { serverUrl: null });
      const body = (d: typeof saleDoc) => ({ taxMode: d.taxMode, lines: d.lines, subtotalCents: d.subtotalCents, taxes: d.taxes, taxCents: d.taxCents, totalCents: d.totalCents });
      expect(body(refundDoc)).toEqual(body(saleDoc));
    });
  });
});
