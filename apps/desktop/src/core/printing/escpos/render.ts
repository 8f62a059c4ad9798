import { ThermalPrinter, PrinterTypes } from 'node-thermal-printer';
import type { ReceiptDocument, ReceiptDocumentInput } from '@makeries/shared';
import { layoutDocument, type Layout, type LayoutRow, type TextSize } from '../layout/index';
import { printableFor, encodeText } from './charset';
import { resolveCodePage, type CommandSet, type ResolvedCodePage } from './code-pages';
import { feedLines, INIT, logoRaster, starQr } from './commands';
import { parseProfile, type PrinterProfile } from './profile';

/** What the printer is set to right now, so a mode is only sent when it changes (printers reset it on ESC @). */
interface PrinterState {
  align: 'left' | 'center' | 'right';
  size: TextSize;
  bold: boolean;
}

const RESET: PrinterState = { align: 'left', size: 'normal', bold: false };

class EscPosWriter {
  private readonly tp: ThermalPrinter;
  private state: PrinterState = { ...RESET };

  constructor(
    private readonly commandSet: CommandSet,
    private readonly codePage: ResolvedCodePage,
    private readonly layout: Layout,
  ) {
    // no interface: node-thermal-printer only builds the buffer here; the print queue owns the transport
    this.tp = new ThermalPrinter({ type: commandSet === 'star' ? PrinterTypes.STAR : PrinterTypes.EPSON, interface: '', width: layout.columns });
    this.initialise();
  }

  private initialise(): void {
    this.tp.add(INIT);
    this.tp.setCharacterSet(this.codePage.select);
    this.state = { ...RESET };
  }

  private align(align: PrinterState['align']): void {
    if (this.state.align === align) return;
    if (align === 'center') this.tp.alignCenter();
    else if (align === 'right') this.tp.alignRight();
    else this.tp.alignLeft();
    this.state.align = align;
  }

  private style(size: TextSize, bold: boolean): void {
    if (this.state.size !== size) {
      if (size === 'double') this.tp.setTextQuadArea();
      else if (size === 'tall') this.tp.setTextDoubleHeight();
      else this.tp.setTextNormal();
      this.state.size = size;
      // EPSON's ESC ! n also clears emphasis, so bold has to be said again
      if (this.commandSet === 'epson') this.state.bold = false;
    }
    if (this.state.bold !== bold) {
      this.tp.bold(bold);
      this.state.bold = bold;
    }
  }

  row(row: LayoutRow): void {
    switch (row.kind) {
      case 'text':
        this.align(row.align);
        this.style(row.size, row.bold);
        this.tp.add(encodeText(row.text, this.codePage.encoding));
        this.tp.newLine();
        return;
      case 'qr':
        this.align('center');
        if (this.commandSet === 'star') this.tp.add(starQr(row.data, row.cellSize));
        else this.tp.printQR(row.data, { cellSize: row.cellSize, correction: 'M', model: 2 });
        return;
      case 'logo':
        this.align('left');
        this.tp.add(logoRaster(this.commandSet, row, this.layout.dots));
        return;
      case 'feed':
        // STAR's cut command feeds the paper to the blade itself
        if (this.commandSet === 'epson') this.tp.add(feedLines(this.commandSet, row.lines));
        return;
      case 'cut':
        this.tp.partialCut({ verticalTabAmount: 0 });
        // node-thermal-printer sends ESC @ after the cut, which drops the code page: select it again
        this.tp.setCharacterSet(this.codePage.select);
        this.state = { ...RESET };
        return;
    }
  }

  bytes(): Buffer {
    return Buffer.from(this.tp.getBuffer());
  }
}

/** Rows already laid out → bytes for this printer. */
export function rowsToEscPos(layout: Layout, profile: PrinterProfile): Buffer {
  const p = parseProfile(profile);
  const w = new EscPosWriter(p.commandSet, resolveCodePage(p.codePage, p.commandSet), layout);
  for (const row of layout.rows) w.row(row);
  return w.bytes();
}

/** The layout this printer gets: text already narrowed to what its code page can show. */
export function layoutForPrinter(doc: ReceiptDocument | ReceiptDocumentInput, profile: PrinterProfile): Layout {
  const p = parseProfile(profile);
  const codePage = resolveCodePage(p.codePage, p.commandSet);
  return layoutDocument(doc, { paperWidth: p.paperWidth, printable: printableFor(codePage.encoding) });
}

/** A receipt document → the bytes to send to a receipt printer (init, code page, rows, feed, cut, code page). */
export function renderEscPos(doc: ReceiptDocument, profile: PrinterProfile): Buffer {
  return rowsToEscPos(layoutForPrinter(doc, profile), profile);
}
