import type { TestPageDocument } from '@makeries/shared';
import { formatsFor } from './format';
import { storeHeader } from './header';
import type { RowWriter } from './writer';

/** Accented names, currency signs and a QR: if these print, receipts will too. */
const TEST_PAGE_SAMPLE = 'Café Müller · £4.50 · €3.20 · niño · Ærø';

export function layoutTestPage(w: RowWriter, doc: TestPageDocument): void {
  const f = formatsFor(doc);
  storeHeader(w, doc.store, { full: true });
  w.rule('=');
  w.text('PRINTER TEST', { align: 'center', bold: true, size: 'double' });
  w.text(doc.printerName, { align: 'center' });
  w.text(f.dateTime(doc.printedAt), { align: 'center' });
  w.rule();
  for (const d of doc.details) w.text(d);
  w.text(TEST_PAGE_SAMPLE);
  w.pair('Left', 'Right');
  w.text('Bold', { bold: true });
  w.text('Tall', { size: 'tall' });
  w.text('Double', { size: 'double' });
  w.text('1234567890'.repeat(5));
  if (doc.qr) {
    w.blank();
    w.qr(doc.qr.data);
    if (doc.qr.caption) w.text(doc.qr.caption, { align: 'center' });
  }
  w.blank();
  w.text('If you can read this, the printer works.', { align: 'center' });
}
