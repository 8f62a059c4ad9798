import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { SaleReceiptDocument } from '@makeries/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everythingReceipt, type PrintingShop } from '../documents/test-kit';
import { layoutDocument } from '../layout/index';
import { renderPreviewHtml } from './index';

let s: PrintingShop;
let receipt: SaleReceiptDocument;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  const r = await everythingReceipt({ cashRoundingCents: 5 });
  s = r.s;
  receipt = r.doc;
  dir = mkdtempSync(join(tmpdir(), 'receipt-preview-'));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
});
afterAll(async () => {
  await browser?.close();
  s?.t.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const px = (mm: number) => (mm * 96) / 25.4;

/** PNG width and height from the IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('receipt preview in Chromium', () => {
  for (const paperWidth of [58, 80] as const) {
    it(`${paperWidth} mm: the screenshot is paper-wide and shows the layout's rows, nothing wider than the paper`, async () => {
      const layout = layoutDocument(receipt, { paperWidth });
      const page = await browser.newPage({ viewport: { width: Math.ceil(px(paperWidth)), height: 600 } });
      await page.setContent(renderPreviewHtml(receipt, { paperWidth, title: `Receipt ${receipt.number}` }));
      const file = join(dir, `receipt-${paperWidth}.png`);
      await page.screenshot({ path: file, fullPage: true });
      copyFileSync(file, `/tmp/receipt-${paperWidth}.png`);

      const png = pngSize(file);
      expect(Math.abs(png.width - px(paperWidth))).toBeLessThanOrEqual(2);
      expect(png.height).toBeGreaterThan(png.width * 2);
      const paper = await page.locator('.receipt-paper').boundingBox();
      expect(Math.abs((paper?.width ?? 0) - px(paperWidth))).toBeLessThanOrEqual(1);
      // the print area is `columns` characters of Font A: 48 or 72 mm, whatever monospace font draws it
      const print = await page.locator('.receipt-print').boundingBox();
      expect(Math.abs((print?.width ?? 0) - px(layout.printableMm))).toBeLessThanOrEqual(px(3));
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(Math.ceil(px(paperWidth)));
      const widest = await page.evaluate<number>(
        `Math.max(...[...document.querySelectorAll('[data-kind="text"] span')].map((e) => e.getBoundingClientRect().right))`,
      );
      expect(widest).toBeLessThanOrEqual((print?.x ?? 0) + (print?.width ?? 0) + 1);

      const rows = await page.locator('[data-kind="text"]').allTextContents();
      expect(rows).toEqual(layout.rows.flatMap((r) => (r.kind === 'text' ? [r.text] : [])));
      expect(await page.locator('[data-kind="qr"] svg').isVisible()).toBe(true);
      expect(await page.locator('[data-kind="logo"] svg').isVisible()).toBe(true);
      expect(await page.locator('[data-kind="cut"]').count()).toBe(1);
      await page.close();
    });
  }
});
