import { parseReceiptDocument, type ReceiptDocument, type ReceiptDocumentInput } from '@makeries/shared';
import { layoutKitchenTicket } from './kitchen';
import { layoutReceipt } from './receipt';
import { paperSpec, type Layout, type PaperWidth } from './rows';
import { layoutShiftReport } from './shift-report';
import { layoutTestPage } from './test-page';
import { RowWriter, type Printable } from './writer';

export * from './rows';
export { textWidth, wrapText } from './writer';

/** Blank lines fed after the last row so it clears the cutter (print head to blade is about 4 lines). */
const FEED_BEFORE_CUT = 4;

export interface LayoutOptions {
  paperWidth: PaperWidth;
  /** replaces characters the printer cannot show, before anything is measured (ESC/POS passes its code page's) */
  printable?: Printable;
}

/** The ONE layout step: a document on 58 or 80 mm paper → rows, ending with the feed and the cut. */
export function layoutDocument(input: ReceiptDocument | ReceiptDocumentInput, opts: LayoutOptions): Layout {
  const paper = paperSpec(opts.paperWidth);
  const doc = parseReceiptDocument(input);
  const w = new RowWriter(paper.columns, paper.dots, paper.qrCellSize, opts.printable);
  switch (doc.kind) {
    case 'receipt':
      layoutReceipt(w, doc);
      break;
    case 'kitchen':
      layoutKitchenTicket(w, doc);
      break;
    case 'shift_report':
      layoutShiftReport(w, doc);
      break;
    case 'test_page':
      layoutTestPage(w, doc);
      break;
  }
  w.feed(FEED_BEFORE_CUT);
  w.cut();
  return { ...paper, rows: w.rows };
}
