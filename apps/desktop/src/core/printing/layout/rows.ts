/**
 * What a document looks like on a given paper, as rows: the ESC/POS renderer and the preview both draw
 * exactly these, so the screen matches the paper line for line. Widths are in Font A characters.
 */
import { AppError } from '@makeries/shared';

export type PaperWidth = 58 | 80;
export type Align = 'left' | 'center' | 'right';
/** tall = double height; double = double width and height (half as many characters fit) */
export type TextSize = 'normal' | 'tall' | 'double';

export interface TextRow {
  kind: 'text';
  text: string;
  align: Align;
  bold: boolean;
  size: TextSize;
}

interface QrRow {
  kind: 'qr';
  data: string;
  /** dots per QR module */
  cellSize: number;
}

/** 1-bit raster already narrowed to the paper (see ReceiptLogo for the bit layout) */
export interface LogoRow {
  kind: 'logo';
  width: number;
  height: number;
  bits: string;
}

export type LayoutRow = TextRow | QrRow | LogoRow | { kind: 'feed'; lines: number } | { kind: 'cut' };

export interface PaperSpec {
  paperWidth: PaperWidth;
  /** Font A characters per line */
  columns: number;
  /** printable dots across at 203 dpi */
  dots: number;
  /** printable width in mm */
  printableMm: number;
  qrCellSize: number;
}

const PAPERS: Record<PaperWidth, PaperSpec> = {
  58: { paperWidth: 58, columns: 32, dots: 384, printableMm: 48, qrCellSize: 5 },
  80: { paperWidth: 80, columns: 48, dots: 576, printableMm: 72, qrCellSize: 6 },
};

export function paperSpec(paperWidth: number): PaperSpec {
  const spec = paperWidth === 58 || paperWidth === 80 ? PAPERS[paperWidth] : undefined;
  if (!spec) throw new AppError('BAD_INPUT', `Receipt paper is 58 or 80 mm wide; got ${String(paperWidth)}.`, { issues: [{ path: 'paperWidth', message: 'Use 58 or 80' }] });
  return spec;
}

/** Characters that fit on one line at this size. */
export function columnsFor(columns: number, size: TextSize): number {
  return size === 'double' ? Math.floor(columns / 2) : columns;
}

export interface Layout extends PaperSpec {
  rows: LayoutRow[];
}
