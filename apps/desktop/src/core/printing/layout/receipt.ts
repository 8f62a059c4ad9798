import { tenderLabel, type ReceiptLine, type SaleReceiptDocument } from '@makeries/shared';
import { formatsFor, type Formats } from './format';
import { storeHeader } from './header';
import type { RowWriter } from './writer';

/** A refund prints its money as negatives, so a refund slip never reads like a sale. */
type Signed = (cents: number) => string;

function title(w: RowWriter, doc: SaleReceiptDocument, f: Formats): void {
  if (doc.type === 'refund') w.text('REFUND', { align: 'center', bold: true, size: 'double' });
  if (doc.reprint) {
    w.text('*** REPRINT - COPY ***', { align: 'center', bold: true, size: 'tall' });
    const by = doc.reprint.byName ? ` by ${doc.reprint.byName}` : '';
    w.text(`Reprinted ${f.dateTime(doc.reprint.at)}${by}`, { align: 'center' });
  }
  if (doc.type === 'refund' || doc.reprint) w.blank();
}

function meta(w: RowWriter, doc: SaleReceiptDocument, f: Formats): void {
  w.pair(doc.type === 'refund' ? 'Refund' : 'Receipt', doc.number, { bold: true });
  if (doc.refund) w.pair('Refund of', doc.refund.originalNumber);
  w.pair('Date', f.dateTime(doc.issuedAt));
  w.pair('Register', doc.registerCode);
  w.pair('Served by', doc.staffName);
  if (doc.refund?.approvedByName) w.pair('Approved by', doc.refund.approvedByName);
}

export function lineName(l: { name: string; variantName: string }): string {
  return l.variantName && l.variantName !== 'Default' ? `${l.name} (${l.variantName})` : l.name;
}

function itemLine(w: RowWriter, l: ReceiptLine, f: Formats, money: Signed): void {
  w.pair(lineName(l), money(l.grossCents), { leader: '.' });
  if (l.soldBy === 'weight' || l.quantity !== 1) w.text(f.quantity(l.soldBy, l.quantity, l.unitPriceCents), { indent: 2 });
  for (const d of l.discounts) w.pair(d.label, money(-d.amountCents), { indent: 2 });
  if (l.note) w.text(`Note: ${l.note}`, { indent: 2 });
}

function totals(w: RowWriter, doc: SaleReceiptDocument, f: Formats, money: Signed): void {
  const showSubtotal = doc.discountCents > 0 || doc.taxMode === 'exclusive';
  if (showSubtotal) w.pair('Subtotal', money(doc.subtotalCents));
  for (const d of doc.orderDiscounts) w.pair(d.label, money(-d.amountCents));
  if (doc.discountCents > 0 && doc.type === 'sale') w.pair('You saved', f.money(doc.discountCents));
  if (doc.taxMode === 'exclusive') for (const t of doc.taxes) w.pair(`${t.label} on ${f.money(t.netCents)}`, money(t.taxCents));
  w.pair(doc.type === 'refund' ? 'REFUND TOTAL' : 'TOTAL', money(doc.totalCents), { bold: true, size: 'tall' });
  if (doc.roundingCents !== 0) {
    w.pair('Cash rounding', f.signed(doc.type === 'refund' ? -doc.roundingCents : doc.roundingCents));
    w.pair(doc.type === 'refund' ? 'Paid out' : 'Total paid', money(doc.totalCents + doc.roundingCents), { bold: true });
  }
}

function tenders(w: RowWriter, doc: SaleReceiptDocument, money: Signed, f: Formats): void {
  if (doc.tenders.length === 0) return;
  w.rule();
  for (const t of doc.tenders) {
    const label = doc.type === 'refund' ? `Refunded to ${tenderLabel(t.kind).toLowerCase()}` : tenderLabel(t.kind);
    const ref = t.reference ? ` ${t.reference}` : '';
    const shown = doc.type === 'sale' && t.kind === 'cash' ? t.tenderedCents : t.amountCents;
    w.pair(`${label}${ref}`, doc.type === 'refund' ? money(shown) : f.money(shown));
  }
  if (doc.changeCents > 0) w.pair('Change', f.money(doc.changeCents), { bold: true, size: 'tall' });
}

function taxSummary(w: RowWriter, doc: SaleReceiptDocument, f: Formats, money: Signed): void {
  if (doc.taxMode !== 'inclusive' || doc.taxes.length === 0) return;
  w.rule();
  w.text(doc.type === 'refund' ? 'Tax included in this refund' : 'Prices include tax');
  for (const t of doc.taxes) w.pair(`${t.label} of ${f.money(t.grossCents)}`, money(t.taxCents), { indent: 2 });
}

function closing(w: RowWriter, doc: SaleReceiptDocument): void {
  if (doc.refund) {
    w.rule();
    if (doc.refund.reason) w.text(`Reason: ${doc.refund.reason}`);
    w.text(doc.refund.restocked ? 'Items returned to stock' : 'Items not returned to stock');
  }
  if (doc.note) {
    w.rule();
    w.text(`Note: ${doc.note}`);
  }
  if (doc.qr) {
    w.blank();
    w.qr(doc.qr.data);
    if (doc.qr.caption) w.text(doc.qr.caption, { align: 'center' });
    w.text(doc.number, { align: 'center', bold: true });
  }
  if (doc.footer.length > 0) {
    w.blank();
    for (const line of doc.footer) w.text(line, { align: 'center' });
  }
}

/** A sale receipt or refund slip: store header and the shop's header lines, markings, lines, totals, tenders, tax, QR and footer. */
export function layoutReceipt(w: RowWriter, doc: SaleReceiptDocument): void {
  const f = formatsFor(doc);
  const money: Signed = doc.type === 'refund' ? (c) => f.money(-c) : f.money;
  storeHeader(w, doc.store, { full: true });
  for (const line of doc.header) w.text(line, { align: 'center' });
  w.rule('=');
  title(w, doc, f);
  meta(w, doc, f);
  w.rule();
  for (const l of doc.lines) itemLine(w, l, f, money);
  w.rule();
  totals(w, doc, f, money);
  tenders(w, doc, money, f);
  taxSummary(w, doc, f, money);
  closing(w, doc);
}
