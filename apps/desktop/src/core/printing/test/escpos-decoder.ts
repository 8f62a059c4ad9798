/**
 * Test utility: reads what a fake printer received back into printed lines and commands, so tests assert
 * content, cut, code page, QR and drawer pulse instead of bytes. Written from the EPSON ESC/POS and STAR
 * line-mode references, independently of our encoder, so the two check each other.
 *
 * - `lines`: every printed line (text up to LF), decoded with the code page active at that point.
 * - `commands`: everything in order, including `{ kind: 'text' }` per printed line (empty lines too).
 * - STAR drawer timings (10 ms units) are reported in EPSON units (2 ms) as t1/t2, plus onMs/offMs.
 */
import { decodeText } from '../escpos/charset';

export type CommandSet = 'epson' | 'star';

export type DecodedCommand =
  | { kind: 'init' }
  | { kind: 'codePage'; table: number; encoding: string | null }
  | { kind: 'align'; align: 'left' | 'center' | 'right' }
  | { kind: 'bold'; on: boolean }
  | { kind: 'size'; width: number; height: number }
  | { kind: 'text'; text: string }
  | { kind: 'qr'; data: string; cellSize: number | null }
  | { kind: 'image'; width: number; height: number }
  | { kind: 'feed'; lines: number }
  | { kind: 'cut'; partial: boolean }
  | { kind: 'drawer'; pin: 0 | 1; t1: number; t2: number; onMs: number; offMs: number }
  | { kind: 'unknown'; bytes: number[] };

export interface DecodedJob {
  lines: string[];
  commands: DecodedCommand[];
}

const EPSON_TABLES: Record<number, string> = { 0: 'CP437', 2: 'CP850', 3: 'CP860', 4: 'CP863', 5: 'CP865', 16: 'CP1252', 17: 'CP866', 18: 'CP852', 19: 'CP858', 45: 'WIN1250', 46: 'WIN1251' };
const STAR_TABLES: Record<number, string> = { 0: 'CP437', 1: 'CP437', 3: 'CP437', 4: 'CP858', 5: 'CP852', 6: 'CP860', 8: 'CP863', 9: 'CP865', 10: 'CP866', 32: 'CP1252', 33: 'WIN1250', 34: 'WIN1251' };
const ALIGN = ['left', 'center', 'right'] as const;

class Decoder {
  i = 0;
  readonly commands: DecodedCommand[] = [];
  readonly lines: string[] = [];
  private text: number[] = [];
  private encoding = 'CP437';
  private qrData = '';
  private qrCell: number | null = null;
  /** STAR drive-1 pulse (10 ms units), set by ESC BEL n1 n2; power-on default 200 ms */
  private starPulse = { n1: 20, n2: 20 };

  constructor(
    private readonly b: Buffer,
    private readonly set: CommandSet,
  ) {}

  at(k: number): number {
    return this.b[this.i + k] ?? 0;
  }

  emit(c: DecodedCommand): void {
    this.commands.push(c);
  }

  endLine(): void {
    const text = decodeText(Buffer.from(this.text), this.encoding);
    this.text = [];
    this.lines.push(text);
    this.emit({ kind: 'text', text });
  }

  selectTable(table: number): void {
    const encoding = (this.set === 'epson' ? EPSON_TABLES : STAR_TABLES)[table] ?? null;
    if (encoding) this.encoding = encoding;
    this.emit({ kind: 'codePage', table, encoding });
  }

  drawer(pin: 0 | 1, t1: number, t2: number, unitMs: number): void {
    this.emit({ kind: 'drawer', pin, t1: (t1 * unitMs) / 2, t2: (t2 * unitMs) / 2, onMs: t1 * unitMs, offMs: t2 * unitMs });
  }

  run(): DecodedJob {
    while (this.i < this.b.length) {
      const c = this.at(0);
      if (c === 0x0a) {
        this.endLine();
        this.i += 1;
      } else if (c === 0x0d) this.i += 1;
      else if (c === 0x1b) this.i += this.set === 'epson' ? this.epsonEsc() : this.starEsc();
      else if (c === 0x1d) this.i += this.gs();
      else if (this.set === 'star' && c === 0x07) {
        this.drawer(0, this.starPulse.n1, this.starPulse.n2, 10);
        this.i += 1;
      } else if (this.set === 'star' && c === 0x1a) {
        this.drawer(1, 20, 20, 10);
        this.i += 1;
      } else if (c >= 0x20) {
        this.text.push(c);
        this.i += 1;
      } else {
        this.emit({ kind: 'unknown', bytes: [c] });
        this.i += 1;
      }
    }
    if (this.text.length > 0) this.endLine();
    return { lines: this.lines, commands: this.commands };
  }

  /** EPSON ESC sequences; returns their length. */
  epsonEsc(): number {
    const op = this.at(1);
    const n = this.at(2);
    switch (op) {
      case 0x40:
        this.emit({ kind: 'init' });
        this.encoding = 'CP437';
        return 2;
      case 0x74:
        this.selectTable(n);
        return 3;
      case 0x61:
        this.emit({ kind: 'align', align: ALIGN[n % 48] ?? 'left' });
        return 3;
      case 0x45:
        this.emit({ kind: 'bold', on: (n & 1) === 1 });
        return 3;
      case 0x21:
        this.emit({ kind: 'size', width: n & 0x20 ? 2 : 1, height: n & 0x10 ? 2 : 1 });
        this.emit({ kind: 'bold', on: (n & 0x08) !== 0 });
        return 3;
      case 0x64:
        this.emit({ kind: 'feed', lines: n });
        return 3;
      case 0x70:
        this.drawer((n % 48) as 0 | 1, this.at(3), this.at(4), 2);
        return 5;
      case 0x32:
        return 2;
      case 0x33:
      case 0x2d:
      case 0x4d:
        return 3;
      default:
        this.emit({ kind: 'unknown', bytes: [0x1b, op] });
        return 2;
    }
  }

  /** STAR line-mode ESC sequences. */
  starEsc(): number {
    const op = this.at(1);
    const n = this.at(2);
    switch (op) {
      case 0x40:
        this.emit({ kind: 'init' });
        this.encoding = 'CP437';
        return 2;
      case 0x1d:
        return this.starEscGs();
      case 0x45:
        this.emit({ kind: 'bold', on: true });
        return 2;
      case 0x46:
        this.emit({ kind: 'bold', on: false });
        return 2;
      case 0x69:
        this.emit({ kind: 'size', width: this.at(3) + 1, height: n + 1 });
        return 4;
      case 0x61:
        this.emit({ kind: 'feed', lines: n });
        return 3;
      case 0x64:
        this.emit({ kind: 'cut', partial: n === 1 || n === 3 });
        return 3;
      case 0x07:
        this.starPulse = { n1: n, n2: this.at(3) };
        return 4;
      case 0x30:
        return 2;
      case 0x7a:
        return 3;
      case 0x6b:
        return this.starBand(n);
      default:
        this.emit({ kind: 'unknown', bytes: [0x1b, op] });
        return 2;
    }
  }

  /** ESC k n 0 + 24 rows of n bytes; consecutive bands (and the LF after each) are one image. */
  starBand(stride: number): number {
    const len = 4 + stride * 24;
    const after = this.b[this.i + len] === 0x0a ? 1 : 0;
    const prev = this.commands.at(-1);
    if (prev?.kind === 'image' && prev.width === stride * 8) prev.height += 24;
    else this.emit({ kind: 'image', width: stride * 8, height: 24 });
    return len + after;
  }

  starEscGs(): number {
    const op = this.at(2);
    const n = this.at(3);
    if (op === 0x74) {
      this.selectTable(n);
      return 4;
    }
    if (op === 0x61) {
      this.emit({ kind: 'align', align: ALIGN[n % 48] ?? 'left' });
      return 4;
    }
    if (op === 0x79) {
      const fn = this.at(3);
      if (fn === 0x53) {
        if (this.at(4) === 0x32) this.qrCell = this.at(5);
        return 6;
      }
      if (fn === 0x44) {
        const k = this.at(6) + this.at(7) * 256;
        this.qrData = this.b.subarray(this.i + 8, this.i + 8 + k).toString('latin1');
        return 8 + k;
      }
      if (fn === 0x50) {
        this.emit({ kind: 'qr', data: this.qrData, cellSize: this.qrCell });
        return 4;
      }
    }
    this.emit({ kind: 'unknown', bytes: [0x1b, 0x1d, op] });
    return 3;
  }

  /** GS sequences (EPSON; STAR printers accept the same raster and cut in ESC/POS emulation). */
  gs(): number {
    const op = this.at(1);
    const n = this.at(2);
    if (op === 0x21) {
      this.emit({ kind: 'size', width: (n >> 4) + 1, height: (n & 7) + 1 });
      return 3;
    }
    if (op === 0x56) {
      this.emit({ kind: 'cut', partial: n === 1 || n === 49 || n === 66 });
      return n === 65 || n === 66 ? 4 : 3;
    }
    if (op === 0x76 && n === 0x30) {
      const x = this.at(4) + this.at(5) * 256;
      const y = this.at(6) + this.at(7) * 256;
      this.emit({ kind: 'image', width: x * 8, height: y });
      return 8 + x * y;
    }
    if (op === 0x28 && n === 0x6b) return this.epsonSymbol();
    if (op === 0x42) return 3;
    this.emit({ kind: 'unknown', bytes: [0x1d, op] });
    return 2;
  }

  /** GS ( k pL pH cn fn …: QR model/size/correction/store/print. */
  epsonSymbol(): number {
    const len = this.at(3) + this.at(4) * 256;
    const cn = this.at(5);
    const fn = this.at(6);
    if (cn === 0x31 && fn === 0x43) this.qrCell = this.at(7);
    if (cn === 0x31 && fn === 0x50) this.qrData = this.b.subarray(this.i + 8, this.i + 5 + len).toString('latin1');
    if (cn === 0x31 && fn === 0x51) this.emit({ kind: 'qr', data: this.qrData, cellSize: this.qrCell });
    return 5 + len;
  }
}

export function decodeEscPos(bytes: Buffer | Uint8Array, opts: { commandSet: CommandSet }): DecodedJob {
  return new Decoder(Buffer.from(bytes), opts.commandSet).run();
}
