import { afterEach, describe, expect, it } from 'vitest';
import { layoutDocument, type TextRow } from '../layout/index';
import { buildSaleReceipt } from './index';
import { printingShop, SERVER_URL, STORE, type PrintingShop } from './test-kit';

let s: PrintingShop | undefined;
afterEach(() => s?.t.cleanup());

const text = (doc: Parameters<typeof layoutDocument>[0]) =>
  layoutDocument(doc, { paperWidth: 80 })
    .rows.filter((r): r is TextRow => r.kind === 'text')
    .map((r) => r.text)
    .join('\n');

/** One loaf (4.50, zero rated) paid with a 5 note, on 1 May 2025 at 11:30 UTC. */
async function loafReceipt(market: { locale: string; currency: string }, vendor: { currency: string; timezone: string }) {
  s = await printingShop({ market });
  const { core } = s.t;
  core.mirror.applyPage({
    changes: [
      {
        entity: 'vendor',
        op: 'upsert',
        id: s.vendorId,
        data: { name: 'Café Müller', currency: vendor.currency, taxMode: 'inclusive', timezone: vendor.timezone, cashRoundingCents: 0, gs1Template: null, paused: false },
      },
    ],
    nextCursor: '2',
    epoch: 'epoch-1',
    market,
  });
  core.cart.addScan({ code: s.barcodes.loaf });
  const sale = core.sales.complete({ tenders: [{ kind: 'cash', tenderedCents: 500 }] });
  const doc = buildSaleReceipt(core.ctx.db, { ...sale, completedAt: '2025-05-01T11:30:00.000Z' }, { serverUrl: SERVER_URL, store: STORE });
  return { doc, printed: text(doc) };
}

describe("receipts in the marketplace's locale (as the server sent it with the last pull)", () => {
  it('prints euros and dates the German way for a de-DE marketplace', async () => {
    const { doc, printed } = await loafReceipt({ locale: 'de-DE', currency: 'EUR' }, { currency: 'EUR', timezone: 'Europe/Berlin' });
    expect(doc).toMatchObject({ locale: 'de-DE', currency: 'EUR', timezone: 'Europe/Berlin' });
    expect(printed).toContain('TOTAL                                     4,50\u00a0€');
    expect(printed).toContain('01.05.2025, 13:30');
    expect(printed).not.toContain('£');
  });

  it('prints pounds the British way by default', async () => {
    const { doc, printed } = await loafReceipt({ locale: 'en-GB', currency: 'GBP' }, { currency: 'GBP', timezone: 'Europe/London' });
    expect(doc.locale).toBe('en-GB');
    expect(printed).toContain('£4.50');
    expect(printed).toContain('01/05/2025, 12:30');
  });
});
