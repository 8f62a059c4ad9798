import fc from 'fast-check';
import { isAppError, type ReceiptDocumentInput } from '@makeries/shared';
import { describe, expect, it } from 'vitest';
import { columnsFor, layoutDocument, textWidth, wrapText, type Layout, type TextRow } from './index';

const textRows = (l: Layout) => l.rows.filter((r): r is TextRow => r.kind === 'text');
const texts = (l: Layout) => textRows(l).map((r) => r.text);

function receipt(lines: { name: string; quantity: number; unit: number }[], extra: Partial<Extract<ReceiptDocumentInput, { kind: 'receipt' }>> = {}): ReceiptDocumentInput {
  const items = lines.map((l) => ({
    name: l.name,
    soldBy: 'each' as const,
    quantity: l.quantity,
    unitPriceCents: l.unit,
    grossCents: l.unit * l.quantity,
    totalCents: l.unit * l.quantity,
    taxRateBps: 2000,
  }));
  const total = items.reduce((s, l) => s + l.totalCents, 0);
  return {
    kind: 'receipt',
    type: 'sale',
    store: { name: 'Café Müller', addressLines: ['1 Rue de la Paix', 'Paris'] },
    currency: 'GBP',
    locale: 'en-GB',
    number: 'A1-000042',
    issuedAt: '2025-05-01T09:00:00.000Z',
    timezone: 'Europe/London',
    registerCode: 'A1',
    staffName: 'Cas Cashier',
    taxMode: 'inclusive',
    lines: items,
    subtotalCents: total,
    discountCents: 0,
    taxCents: 0,
    totalCents: total,
    roundingCents: 0,
    tenders: [{ kind: 'cash', amountCents: total, tenderedCents: total + 500, changeCents: 500 }],
    changeCents: 500,
    ...extra,
  };
}

describe('wrapText', () => {
  it('wraps on spaces and breaks a word longer than the line', () => {
    expect(wrapText('Extra Large Organic Wholemeal Loaf', 12)).toEqual(['Extra Large', 'Organic', 'Wholemeal', 'Loaf']);
    expect(wrapText('Supercalifragilistic', 8)).toEqual(['Supercal', 'ifragili', 'stic']);
    expect(wrapText('', 8)).toEqual(['']);
  });

  it('never exceeds the width and never loses a character', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'é', '€', ' ', 'W', '中') , maxLength: 200 }), fc.integer({ min: 1, max: 48 }), (s, width) => {
        const lines = wrapText(s, width);
        expect(lines.every((l) => textWidth(l) <= width)).toBe(true);
        expect(lines.join('').replace(/ /g, '')).toBe(s.replace(/ /g, ''));
      }),
      { seed: 4242, numRuns: 300 },
    );
  });
});

describe('layoutDocument', () => {
  it('sets out a two-column item row with dot leaders and puts the price of a long name on its last line', () => {
    const l = layoutDocument(receipt([{ name: 'Sourdough Loaf', quantity: 1, unit: 450 }, { name: 'Extra Large Organic Wholemeal Seeded Crème Brûlée Tart', quantity: 2, unit: 195 }]), { paperWidth: 58 });
    expect(l.columns).toBe(32);
    const t = texts(l);
    expect(t).toContain('Sourdough Loaf ........... £4.50');
    const i = t.indexOf('Extra Large Organic Wholemeal');
    expect(i).toBeGreaterThan(0);
    expect(t[i + 1]).toBe('Seeded Crème Brûlée Tart . £3.90');
    expect(t[i + 2]).toBe('  2 x £1.95');
    expect(l.rows.at(-1)).toEqual({ kind: 'cut' });
    expect(l.rows.at(-2)).toEqual({ kind: 'feed', lines: 4 });
  });

  it('uses 48 columns on 80 mm paper and shows the total tall and bold', () => {
    const l = layoutDocument(receipt([{ name: 'Loaf', quantity: 1, unit: 450 }]), { paperWidth: 80 });
    expect(l).toMatchObject({ columns: 48, dots: 576, printableMm: 72 });
    const total = textRows(l).find((r) => r.text.startsWith('TOTAL'));
    expect(total).toEqual({ kind: 'text', text: `TOTAL${' '.repeat(38)}£4.50`, align: 'left', bold: true, size: 'tall' });
    expect(textRows(l).find((r) => r.text === 'Café Müller')).toMatchObject({ align: 'center', bold: true, size: 'double' });
  });

  it('never prints past the paper edge, whatever the names and amounts (58 and 80 mm)', () => {
    const name = fc.string({ unit: fc.constantFrom('a', 'B', 'é', 'ü', '€', ' ', '-', 'Ł'), minLength: 1, maxLength: 90 }).filter((s) => s.trim() !== '');
    fc.assert(
      fc.property(
        fc.array(fc.record({ name, quantity: fc.integer({ min: 1, max: 999 }), unit: fc.integer({ min: 0, max: 9_999_999 }) }), { minLength: 1, maxLength: 8 }),
        name,
        fc.constantFrom(58 as const, 80 as const),
        (lines, store, paperWidth) => {
          const doc = receipt(lines, { store: { name: store, addressLines: [store] }, footer: [store], qr: { data: 'https://x.example/r/A1-000042', caption: store } });
          for (const printable of [undefined, (s: string) => s.replace(/€/g, 'EUR').replace(/Ł/g, 'L')]) {
            const l = layoutDocument(doc, { paperWidth, ...(printable ? { printable } : {}) });
            for (const r of textRows(l)) expect(textWidth(r.text)).toBeLessThanOrEqual(columnsFor(l.columns, r.size));
            if (printable) expect(texts(l).join('')).not.toMatch(/[€Ł]/);
          }
        },
      ),
      { seed: 58_80, numRuns: 150 },
    );
  });

  it('refuses paper that is not 58 or 80 mm and documents that do not validate', () => {
    const doc = receipt([{ name: 'Loaf', quantity: 1, unit: 450 }]);
    for (const bad of [() => layoutDocument(doc, { paperWidth: 70 as 58 }), () => layoutDocument({ ...doc, totalCents: 1 } as ReceiptDocumentInput, { paperWidth: 80 })]) {
      let code = 'none';
      try {
        bad();
      } catch (e) {
        code = isAppError(e) ? e.code : 'other';
      }
      expect(code).toBe('BAD_INPUT');
    }
  });
});
