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
      sales: { count: 2, totalCents: 645 },
      refunds: { count: 1, totalCents: 195 },
      noSaleCount: 1,
      cash: { floatCents: 10_000, salesCents: 450, refundsCents: 195, paidInCents: 2_000, paidOutCents: 350, expectedCents: 11_905 },
    });
    const xt = printed(x);
    expect(xt).toContain('X REPORT');
    expect(xt).toContain('Shift still open - not a closing report');
    expect(row(xt, 'Expected in drawer')?.endsWith('£119.05')).toBe(true);
    expect(row(xt, 'Cash (1)')?.endsWith('£4.50')).toBe(true);
    expect(row(xt, 'Card (1)')?.endsWith('£1.95')).toBe(true);
    expect(row(xt, 'Refunds (1)')?.endsWith('-£1.95')).toBe(true);
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
});
