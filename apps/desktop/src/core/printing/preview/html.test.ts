import QRCode from 'qrcode';
import { parseReceiptDocument, type SaleReceiptDocument } from '@makeries/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everythingReceipt, type PrintingShop } from '../documents/test-kit';
import { layoutDocument, type TextRow } from '../layout/index';
import { renderPreviewHtml } from './index';

let s: PrintingShop;
let receipt: SaleReceiptDocument;
beforeAll(async () => {
  const r = await everythingReceipt();
  s = r.s;
  receipt = r.doc;
});
afterAll(() => s.t.cleanup());

const unescape = (h: string) => h.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const htmlRows = (html: string) => [...html.matchAll(/data-kind="text"><span>(.*?)<\/span>/g)].map((m) => unescape(m[1] ?? ''));

describe('renderPreviewHtml', () => {
  for (const paperWidth of [58, 80] as const) {
    it(`${paperWidth} mm: a self-contained page with the layout's rows, to scale`, () => {
      const html = renderPreviewHtml(receipt, { paperWidth, title: 'Receipt A1-000001' });
      const layout = layoutDocument(receipt, { paperWidth });
      expect(html.startsWith('<!doctype html>')).toBe(true);
      expect(html).toContain('<title>Receipt A1-000001</title>');
      expect(html).toContain(`style="width:${paperWidth}mm"`);
      expect(html).toContain(`--cols:${layout.columns}`);
      expect(htmlRows(html)).toEqual(layout.rows.filter((r): r is TextRow => r.kind === 'text').map((r) => r.text));
      // nothing fetched from anywhere: no scripts, links, images or CSS urls
      expect(html).not.toMatch(/<script|<link|<img|src=|href=|url\(/);
      // the QR is drawn inline at the printer's size: (modules + quiet zone) × cell dots at 8 dots/mm
      const modules = QRCode.create('https://makeries.example/r/A1-000001', { errorCorrectionLevel: 'M' }).modules.size;
      const cell = paperWidth === 58 ? 5 : 6;
      expect(html).toContain(`aria-label="QR code" viewBox="0 0 ${modules + 8} ${modules + 8}" width="${((modules + 8) * cell) / 8}mm"`);
      expect(html).toContain('aria-label="Logo" viewBox="0 0 96 48" width="12mm" height="6mm"');
      expect(html).toContain('data-kind="cut"');
      expect(html).toContain('class="receipt-row left tall bold" data-kind="text"><span>TOTAL');
    });
  }

  it('escapes whatever a name contains', () => {
    const doc = parseReceiptDocument({ ...receipt, staffName: '<b>Tom & "Jerry"</b>' });
    const html = renderPreviewHtml(doc, { paperWidth: 80 });
    expect(html).not.toContain('<b>Tom');
    expect(html).toContain('&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;');
    expect(htmlRows(html).some((r) => r.endsWith('<b>Tom & "Jerry"</b>'))).toBe(true);
  });
});
