import type { ReceiptDocument, ReceiptDocumentInput } from '@makeries/shared';
import { layoutDocument, type Layout, type LayoutRow, type PaperWidth } from '../layout/index';
import { logoSvg, qrSvg } from './svg';

/*
 * The on-screen preview: the same rows the printer gets, drawn to scale. Font A is 12 × 24 dots on a 203 dpi
 * head (1.5 × 3 mm), lines advance 1/6 inch; the print area is exactly `columns` characters wide, centred on
 * paper of the real width. Pure string building (no DOM, no node), so the renderer UI can use it directly.
 */

export const PREVIEW_CSS = `
.receipt-paper{box-sizing:border-box;background:#fff;color:#111;margin:0 auto;padding:5mm 0 0;overflow:hidden;
  font-family:"DejaVu Sans Mono","Liberation Mono",Menlo,Consolas,monospace;font-size:2.5mm;--line:calc(1in / 6)}
.receipt-print{margin:0 auto;width:calc(var(--cols) * 1ch)}
.receipt-row{white-space:pre;height:var(--line);line-height:var(--line);overflow:visible}
.receipt-row.center{text-align:center}.receipt-row.right{text-align:right}
.receipt-row.bold{font-weight:700}
.receipt-row.tall,.receipt-row.double{height:calc(var(--line) * 2)}
.receipt-row.tall span{display:inline-block;transform:scaleY(2);transform-origin:0 0}
.receipt-row.double{font-size:5mm;line-height:calc(var(--line) * 2)}
.receipt-row.qr,.receipt-row.logo{height:auto;line-height:0;text-align:center;padding:1mm 0}
.receipt-row.cut{height:0;margin:0 -10mm;border-top:0.3mm dashed #888;position:relative}
.receipt-row.cut::after{content:"\\2702";position:absolute;left:11mm;top:-2.2mm;font-size:3.5mm;line-height:1;color:#888;background:#fff}
`;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

function rowHtml(row: LayoutRow): string {
  switch (row.kind) {
    case 'text': {
      const cls = ['receipt-row', row.align, row.size, row.bold ? 'bold' : ''].filter(Boolean).join(' ');
      return `<div class="${cls}" data-kind="text"><span>${escapeHtml(row.text)}</span></div>`;
    }
    case 'qr':
      return `<div class="receipt-row qr" data-kind="qr" data-qr="${escapeHtml(row.data)}">${qrSvg(row.data, row.cellSize)}</div>`;
    case 'logo':
      return `<div class="receipt-row logo" data-kind="logo">${logoSvg(row)}</div>`;
    case 'feed':
      return `<div class="receipt-row feed" data-kind="feed" style="height:calc(var(--line) * ${row.lines})"></div>`;
    case 'cut':
      return '<div class="receipt-row cut" data-kind="cut" title="The printer cuts here"></div>';
  }
}

/** The paper element alone (with PREVIEW_CSS), for embedding in a page that has its own <head>. */
export function previewFragment(layout: Layout): string {
  const rows = layout.rows.map(rowHtml).join('\n');
  return (
    `<div class="receipt-paper" data-paper-width="${layout.paperWidth}" style="width:${layout.paperWidth}mm">` +
    `<div class="receipt-print" style="--cols:${layout.columns}">\n${rows}\n</div></div>`
  );
}

/** A self-contained HTML page that looks like the paper: inline CSS, inline SVG, no external requests. */
function previewPage(layout: Layout, title = 'Receipt preview'): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>html,body{margin:0;padding:0;background:#fff}${PREVIEW_CSS}</style></head>
<body>${previewFragment(layout)}</body></html>`;
}

/** Document → layout (same step as the printer) → preview page. */
export function renderPreviewHtml(doc: ReceiptDocument | ReceiptDocumentInput, opts: { paperWidth: PaperWidth; title?: string }): string {
  return previewPage(layoutDocument(doc, { paperWidth: opts.paperWidth }), opts.title);
}
