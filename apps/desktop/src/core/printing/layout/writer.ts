import { fitLogo, type ReceiptLogo } from '@makeries/shared';
import { columnsFor, type Align, type LayoutRow, type TextSize } from './rows';

/**
 * Turns text into rows that never exceed the paper: every piece of text is normalised (NFC, no control
 * characters) and passed through `printable` BEFORE it is measured, so a character the printer's code page
 * lacks is replaced first and the columns still line up on paper.
 */
export type Printable = (text: string) => string;

/** Code points, not UTF-16 units: "é" and "€" are one column each. */
export function textWidth(s: string): number {
  return codePoints(s).length;
}

/** The printer's code page gets one byte per code point (text is NFC-normalised first), so a column is a code point. */
function codePoints(s: string): string[] {
  // eslint-disable-next-line @typescript-eslint/no-misused-spread -- code points are the printer's columns (see above), not graphemes
  return [...s];
}

function normalizeText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.normalize('NFC').replace(/[\u0000-\u001F\u007F-\u009F]+/g, ' ').trim();
}

function sliceChars(s: string, start: number, end?: number): string {
  return codePoints(s).slice(start, end).join('');
}

/** Word wrap to `width`; a word longer than a line is broken. Always at least one (possibly empty) line. */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/ +/).filter((w) => w !== '')) {
    let rest = word;
    while (textWidth(rest) > width) {
      if (current) {
        lines.push(current);
        current = '';
      }
      lines.push(sliceChars(rest, 0, width));
      rest = sliceChars(rest, width);
    }
    if (!rest) continue;
    if (!current) current = rest;
    else if (textWidth(current) + 1 + textWidth(rest) <= width) current = `${current} ${rest}`;
    else {
      lines.push(current);
      current = rest;
    }
  }
  lines.push(current);
  return lines;
}

export interface TextStyle {
  align?: Align;
  bold?: boolean;
  size?: TextSize;
  /** spaces before every wrapped line (left-aligned text) */
  indent?: number;
}

export interface PairStyle {
  bold?: boolean;
  size?: TextSize;
  /** '.' draws dot leaders between name and price ("Loaf ....... £4.50") */
  leader?: ' ' | '.';
  /** spaces before the left text, kept on wrapped lines too */
  indent?: number;
}

function fill(n: number, leader: ' ' | '.'): string {
  return leader === '.' && n >= 3 ? ` ${'.'.repeat(n - 2)} ` : ' '.repeat(n);
}

export class RowWriter {
  readonly rows: LayoutRow[] = [];

  constructor(
    readonly columns: number,
    readonly dots: number,
    readonly qrCellSize: number,
    private readonly printable: Printable = (s) => s,
  ) {}

  clean(s: string): string {
    return normalizeText(this.printable(normalizeText(s)));
  }

  private push(text: string, style: Omit<TextStyle, 'indent'>): void {
    this.rows.push({ kind: 'text', text, align: style.align ?? 'left', bold: style.bold ?? false, size: style.size ?? 'normal' });
  }

  /** Wrapped text; each line one row. */
  text(s: string, style: TextStyle = {}): void {
    const width = columnsFor(this.columns, style.size ?? 'normal');
    const indent = ' '.repeat(Math.min(style.indent ?? 0, Math.floor(width / 2)));
    for (const l of wrapText(this.clean(s), width - indent.length)) this.push(l ? `${indent}${l}` : l, style);
  }

  /** Text that must not wrap (a rule, a heading that was measured already): cut at the line width. */
  line(s: string, style: TextStyle = {}): void {
    this.push(sliceChars(this.clean(s), 0, columnsFor(this.columns, style.size ?? 'normal')), style);
  }

  blank(n = 1): void {
    for (let i = 0; i < n; i++) this.push('', {});
  }

  rule(ch: '-' | '=' = '-'): void {
    this.push(ch.repeat(this.columns), {});
  }

  /**
   * "left ...... right" across the full width. A long left side wraps; the right side stays on the last
   * line when it fits there, otherwise it gets a line of its own, right-aligned.
   */
  pair(left: string, right: string, style: PairStyle = {}): void {
    const width = columnsFor(this.columns, style.size ?? 'normal');
    const indent = ' '.repeat(Math.min(style.indent ?? 0, Math.floor(width / 2)));
    const leader = style.leader ?? ' ';
    const l = this.clean(left);
    const r = this.clean(right);
    const textStyle = { bold: style.bold ?? false, size: style.size ?? 'normal' };
    const rw = textWidth(r);
    if (rw + 2 + indent.length > width) {
      this.text(`${indent}${l}`, textStyle);
      this.text(r, { ...textStyle, align: 'right' });
      return;
    }
    const wrapped = wrapText(l, width - indent.length).map((x) => `${indent}${x}`);
    const last = wrapped.pop() ?? '';
    for (const x of wrapped) this.push(x, textStyle);
    const gap = width - textWidth(last) - rw;
    if (gap >= 1) this.push(`${last}${fill(gap, leader)}${r}`, textStyle);
    else {
      this.push(last, textStyle);
      this.push(`${' '.repeat(width - rw)}${r}`, textStyle);
    }
  }

  qr(data: string): void {
    this.rows.push({ kind: 'qr', data, cellSize: this.qrCellSize });
  }

  logo(logo: ReceiptLogo): void {
    const fitted = fitLogo(logo, this.dots);
    this.rows.push({ kind: 'logo', width: fitted.width, height: fitted.height, bits: fitted.bits });
  }

  feed(lines: number): void {
    this.rows.push({ kind: 'feed', lines });
  }

  cut(): void {
    this.rows.push({ kind: 'cut' });
  }
}
