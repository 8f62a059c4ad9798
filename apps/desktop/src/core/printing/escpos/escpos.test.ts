import { parseReceiptDocument, type SaleReceiptDocument } from '@makeries/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf } from '../../test/fixtures';
import { everythingReceipt, type PrintingShop } from '../documents/test-kit';
import { textWidth, type TextRow } from '../layout/index';
import { decodeEscPos, type DecodedCommand } from '../test/escpos-decoder';
import { layoutForPrinter, renderEscPos, type PrinterProfile } from './index';

let s: PrintingShop;
let receipt: SaleReceiptDocument;
beforeAll(async () => {
  const r = await everythingReceipt();
  s = r.s;
  receipt = r.doc;
});
afterAll(() => s.t.cleanup());

const SETS = ['epson', 'star'] as const;
const WIDTHS = [58, 80] as const;

function layoutText(profile: PrinterProfile, doc: SaleReceiptDocument = receipt): string[] {
  return layoutForPrinter(doc, profile)
    .rows.filter((r): r is TextRow => r.kind === 'text')
    .map((r) => r.text);
}

/** The footer carries what code pages disagree on: € (not in 437/850/852), £ (not in 852), Ł ó ź (only 852), 中 (none). */
function withFooter(footer: string[]): SaleReceiptDocument {
  return parseReceiptDocument({ ...receipt, footer }) as SaleReceiptDocument;
}

describe('renderEscPos', () => {
  for (const commandSet of SETS) {
    for (const paperWidth of WIDTHS) {
      it(`${commandSet} ${paperWidth} mm: the printer gets exactly the layout's lines, the logo, the QR and one cut`, () => {
        const profile: PrinterProfile = { paperWidth, commandSet, codePage: 'PC858_EURO' };
        const job = decodeEscPos(renderEscPos(receipt, profile), { commandSet });
        expect(job.lines).toEqual(layoutText(profile));
        const kinds = job.commands.filter((c) => c.kind !== 'text' && c.kind !== 'align' && c.kind !== 'bold' && c.kind !== 'size').map((c) => c.kind);
        // STAR's cut feeds to the blade itself, EPSON is fed explicitly first
        expect(kinds).toEqual(['init', 'codePage', 'image', 'qr', ...(commandSet === 'epson' ? ['feed'] : []), 'cut', 'init', 'codePage']);
        // the 96 × 48 logo is padded on the left so its middle is the paper's middle
        const dots = paperWidth === 58 ? 384 : 576;
        expect(job.commands.find((c) => c.kind === 'image')).toEqual({ kind: 'image', width: dots / 2 + 48, height: 48 });
        expect(job.commands.find((c) => c.kind === 'qr')).toEqual({ kind: 'qr', data: 'https://makeries.example/r/A1-000001', cellSize: paperWidth === 58 ? 5 : 6 });
        expect(job.commands.find((c) => c.kind === 'cut')).toEqual({ kind: 'cut', partial: true });
        expect(job.commands.some((c) => c.kind === 'unknown')).toBe(false);
        const columns = paperWidth === 58 ? 32 : 48;
        expect(job.lines.every((l) => textWidth(l) <= columns)).toBe(true);
      });
    }
  }

  it('prints the same text on EPSON and STAR', () => {
    const epson = decodeEscPos(renderEscPos(receipt, { paperWidth: 80, commandSet: 'epson', codePage: 'PC858_EURO' }), { commandSet: 'epson' });
    const star = decodeEscPos(renderEscPos(receipt, { paperWidth: 80, commandSet: 'star', codePage: 'PC858_EURO' }), { commandSet: 'star' });
    expect(star.lines).toEqual(epson.lines);
    expect(epson.lines).toContain('Café Müller');
  });

  it('prints the total tall and bold and the store name double size', () => {
    for (const commandSet of SETS) {
      const { commands } = decodeEscPos(renderEscPos(receipt, { paperWidth: 58, commandSet, codePage: 'PC858' }), { commandSet });
      const modeAt = (i: number) => {
        const before = commands.slice(0, i);
        const size = before.filter((c): c is Extract<DecodedCommand, { kind: 'size' }> => c.kind === 'size').at(-1);
        const bold = before.filter((c): c is Extract<DecodedCommand, { kind: 'bold' }> => c.kind === 'bold').at(-1);
        return { width: size?.width ?? 1, height: size?.height ?? 1, bold: bold?.on ?? false };
      };
      const total = commands.findIndex((c) => c.kind === 'text' && c.text.startsWith('TOTAL'));
      expect(modeAt(total)).toEqual({ width: 1, height: 2, bold: true });
      const name = commands.findIndex((c) => c.kind === 'text' && c.text === 'Café Müller');
      expect(modeAt(name)).toEqual({ width: 2, height: 2, bold: true });
      const served = commands.findIndex((c) => c.kind === 'text' && c.text.startsWith('Served by'));
      expect(modeAt(served)).toEqual({ width: 1, height: 1, bold: false });
    }
  });

  it('re-selects the code page after every cut, so the next job does not print in the default table', () => {
    for (const commandSet of SETS) {
      const job = decodeEscPos(renderEscPos(receipt, { paperWidth: 80, commandSet, codePage: 'WPC1252' }), { commandSet });
      const cuts = job.commands.flatMap((c, i) => (c.kind === 'cut' ? [i] : []));
      expect(cuts.length).toBeGreaterThan(0);
      const table = commandSet === 'epson' ? 16 : 32;
      for (const i of cuts) expect(job.commands.slice(i + 1, i + 3)).toEqual([{ kind: 'init' }, { kind: 'codePage', table, encoding: 'CP1252' }]);
      // two jobs back to back on one connection still read right
      const both = decodeEscPos(Buffer.concat([renderEscPos(receipt, { paperWidth: 80, commandSet, codePage: 'WPC1252' }), renderEscPos(receipt, { paperWidth: 80, commandSet, codePage: 'WPC1252' })]), { commandSet });
      expect(both.lines.filter((l) => l === 'Café Müller')).toHaveLength(2);
    }
  });

  const CASES: { codePage: string; tables: Record<'epson' | 'star', number>; footer: string }[] = [
    { codePage: 'PC858_EURO', tables: { epson: 19, star: 4 }, footer: 'Pay in € or £ - Lódz ?' },
    { codePage: 'PC850', tables: { epson: 2, star: 4 }, footer: 'Pay in EUR or £ - Lódz ?' },
    { codePage: 'PC437', tables: { epson: 0, star: 1 }, footer: 'Pay in EUR or £ - Lódz ?' },
    { codePage: 'WPC1252', tables: { epson: 16, star: 32 }, footer: 'Pay in € or £ – Lódz ?' },
    { codePage: 'PC852', tables: { epson: 18, star: 5 }, footer: 'Pay in EUR or GBP - Łódź ?' },
  ];
  for (const c of CASES) {
    it(`${c.codePage}: accented names and £ survive, what the table lacks degrades to ASCII`, () => {
      const doc = withFooter(['Pay in € or £ – Łódź 中']);
      for (const commandSet of SETS) {
        const job = decodeEscPos(renderEscPos(doc, { paperWidth: 80, commandSet, codePage: c.codePage }), { commandSet });
        expect(job.commands[1]).toMatchObject({ kind: 'codePage', table: c.tables[commandSet] });
        // STAR has no 850 table and uses 858 (850 plus €)
        const expectFooter = commandSet === 'star' && c.codePage === 'PC850' ? 'Pay in € or £ - Lódz ?' : c.footer;
        expect(job.lines).toContain(expectFooter);
        const text = job.lines.join('\n');
        expect(text).toContain('Café Müller');
        if (c.codePage !== 'PC852') {
          expect(text).toContain('Crème brûlée');
          expect(text).toMatch(/£\d+\.\d\d/);
        }
        expect(job.lines).toEqual(layoutText({ paperWidth: 80, commandSet, codePage: c.codePage }, doc));
      }
    });
  }

  it('refuses an unknown code page, paper width or command set with BAD_INPUT', () => {
    expect(codeOf(() => renderEscPos(receipt, { paperWidth: 80, commandSet: 'epson', codePage: 'KLINGON' }))).toBe('BAD_INPUT');
    expect(codeOf(() => renderEscPos(receipt, { paperWidth: 70 as 80, commandSet: 'epson', codePage: 'PC858' }))).toBe('BAD_INPUT');
    expect(codeOf(() => renderEscPos(receipt, { paperWidth: 80, commandSet: 'zebra' as 'star', codePage: 'PC858' }))).toBe('BAD_INPUT');
  });
});
