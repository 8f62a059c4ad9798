import { formatMoney } from '@makeries/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { codeOf, managerApproval } from '../../test/fixtures';
import { layoutDocument, type TextRow } from '../layout/index';
import { buildRefundReceipt } from './index';
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
});
