import { FIGURE_LABELS, grossLabel, tenderLabel, type ShiftReportDocument } from '@makeries/shared';
import { formatsFor, type Formats } from './format';
import { storeHeader } from './header';
import type { RowWriter } from './writer';

function heading(w: RowWriter, text: string): void {
  w.rule();
  w.text(text, { bold: true });
}

function cashSection(w: RowWriter, doc: ShiftReportDocument, f: Formats): void {
  heading(w, 'CASH DRAWER');
  if (!doc.cash) {
    // blind close: whoever counts the drawer must not know what it should hold
    w.text('Blind close: the expected cash is shown on the Z report, after the count.');
    return;
  }
  w.pair('Opening float', f.money(doc.cash.floatCents));
  w.pair('Cash sales', f.money(doc.cash.salesCents));
  w.pair('Cash refunds', f.money(-doc.cash.refundsCents));
  w.pair('Paid in', f.money(doc.cash.paidInCents));
  w.pair('Paid out', f.money(-doc.cash.paidOutCents));
  w.pair('Expected in drawer', f.money(doc.cash.expectedCents), { bold: true });
  if (!doc.counted) return;
  w.pair('Counted', f.money(doc.counted.countedCents), { bold: true });
  const os = doc.counted.overShortCents;
  w.pair(os === 0 ? 'Over/short' : os > 0 ? 'Over' : 'Short', f.signed(os), { bold: true, size: 'tall' });
  if (doc.counted.denominations.length === 0) return;
  heading(w, 'COUNT');
  for (const d of doc.counted.denominations) w.pair(`${f.money(d.valueCents)} x ${d.count}`, f.money(d.valueCents * d.count), { indent: 2 });
}

/** The figures as packages/shared report-figures defines them: gross − discounts (− included tax) = net; net + tax = total. */
function salesSection(w: RowWriter, doc: ShiftReportDocument, f: Formats): void {
  const s = doc.sales;
  heading(w, 'SALES');
  w.pair('Sales', String(s.count));
  w.pair(grossLabel(s.grossBasis), f.money(s.grossCents));
  w.pair(FIGURE_LABELS.discounts, f.money(-s.discountCents));
  w.pair(FIGURE_LABELS.net, f.money(s.netCents), { bold: true });
  w.pair(FIGURE_LABELS.tax, f.money(s.taxCents));
  w.pair(FIGURE_LABELS.total, f.money(s.totalCents), { bold: true });
  if (s.roundingCents !== 0) w.pair(FIGURE_LABELS.rounding, f.signed(s.roundingCents));
  heading(w, 'REFUNDS');
  w.pair(`Refunds (${doc.refunds.count})`, f.money(-doc.refunds.totalCents));
  w.pair(FIGURE_LABELS.afterRefunds, f.money(doc.afterRefundsCents), { bold: true });
}

/** X report (mid-shift, shift stays open) or Z report (the close, with the count and over/short). */
export function layoutShiftReport(w: RowWriter, doc: ShiftReportDocument): void {
  const f = formatsFor(doc);
  storeHeader(w, doc.store, { full: false });
  w.rule('=');
  w.text(`${doc.report} REPORT`, { align: 'center', bold: true, size: 'double' });
  w.text(doc.report === 'X' ? 'Shift still open - not a closing report' : 'End of shift', { align: 'center' });
  w.blank();
  w.pair('Register', doc.registerCode);
  w.pair('Opened', f.dateTime(doc.openedAt));
  w.pair('Opened by', doc.openedByName);
  if (doc.closedAt) w.pair('Closed', f.dateTime(doc.closedAt));
  if (doc.closedByName) w.pair('Closed by', doc.closedByName);
  w.pair('Printed', f.dateTime(doc.printedAt));
  salesSection(w, doc, f);
  heading(w, 'TENDERS');
  if (doc.tenders.length === 0) w.text('No payments taken', { indent: 2 });
  for (const t of doc.tenders) w.pair(`${tenderLabel(t.kind)} (${t.count})`, f.money(t.amountCents));
  cashSection(w, doc, f);
  w.rule();
  w.pair('No-sale drawer opens', String(doc.noSaleCount));
}
