import { describe, expect, it } from 'vitest';
import { decodeEscPos } from './escpos-decoder';

/* Byte sequences written out from the EPSON ESC/POS and STAR line-mode references, not from our encoder. */
const b = (...parts: (number[] | string)[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('decodeEscPos', () => {
  it('reads EPSON text in the active code page, with modes, QR, feed and cut in order', () => {
    const qrData = 'https://x.example/r/A1-000001';
    const store = [0x1d, 0x28, 0x6b, (qrData.length + 3) & 0xff, 0, 0x31, 0x50, 0x30];
    const job = decodeEscPos(
      b(
        [0x1b, 0x40, 0x1b, 0x74, 19], // init, PC858
        [0x1b, 0x61, 1, 0x1b, 0x21, 0x30], // centre, double size
        'Caf', [0x82], ' M', [0x81], 'ller', [0x0a], // é = 82, ü = 81 in 858
        [0x1b, 0x21, 0x00, 0x1b, 0x45, 1], 'TOTAL ', [0x9c], '4.50', [0x0a], // £ = 9C
        [0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x43, 6], store, qrData, [0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30],
        [0x0a, 0x1b, 0x64, 4, 0x1d, 0x56, 1, 0x1b, 0x40, 0x1b, 0x74, 16],
        [0x80, 0x0a], // € in 1252
      ),
      { commandSet: 'epson' },
    );
    expect(job.lines).toEqual(['Café Müller', 'TOTAL £4.50', '', '€']);
    expect(job.commands).toEqual([
      { kind: 'init' },
      { kind: 'codePage', table: 19, encoding: 'CP858' },
      { kind: 'align', align: 'center' },
      { kind: 'size', width: 2, height: 2 },
      { kind: 'bold', on: false },
      { kind: 'text', text: 'Café Müller' },
      { kind: 'size', width: 1, height: 1 },
      { kind: 'bold', on: false },
      { kind: 'bold', on: true },
      { kind: 'text', text: 'TOTAL £4.50' },
      { kind: 'qr', data: qrData, cellSize: 6 },
      { kind: 'text', text: '' },
      { kind: 'feed', lines: 4 },
      { kind: 'cut', partial: true },
      { kind: 'init' },
      { kind: 'codePage', table: 16, encoding: 'CP1252' },
      { kind: 'text', text: '€' },
    ]);
  });

  it('reads STAR line mode: table select, bold, size, QR, image bands, cut and drawer', () => {
    const data = 'A1-000001';
    const band = (n: number) => [0x1b, 0x6b, n, 0, ...new Array<number>(n * 24).fill(0xff), 0x0a];
    const job = decodeEscPos(
      b(
        [0x1b, 0x40, 0x1b, 0x1d, 0x74, 32, 0x1b, 0x1d, 0x61, 2],
        [0x1b, 0x30], band(2), band(2), [0x1b, 0x7a, 1],
        [0x1b, 0x69, 1, 0, 0x1b, 0x45], 'Cr', [0xe8], 'me', [0x0a, 0x1b, 0x46, 0x1b, 0x69, 0, 0],
        [0x1b, 0x1d, 0x79, 0x53, 0x30, 2, 0x1b, 0x1d, 0x79, 0x53, 0x32, 5, 0x1b, 0x1d, 0x79, 0x44, 0x31, 0, data.length, 0], data, [0x1b, 0x1d, 0x79, 0x50],
        [0x1b, 0x61, 3, 0x1b, 0x64, 3],
        [0x1b, 0x07, 5, 50, 0x07],
      ),
      { commandSet: 'star' },
    );
    expect(job.lines).toEqual(['Crème']);
    expect(job.commands).toEqual([
      { kind: 'init' },
      { kind: 'codePage', table: 32, encoding: 'CP1252' },
      { kind: 'align', align: 'right' },
      { kind: 'image', width: 16, height: 48 },
      { kind: 'size', width: 1, height: 2 },
      { kind: 'bold', on: true },
      { kind: 'text', text: 'Crème' },
      { kind: 'bold', on: false },
      { kind: 'size', width: 1, height: 1 },
      { kind: 'qr', data, cellSize: 5 },
      { kind: 'feed', lines: 3 },
      { kind: 'cut', partial: true },
      { kind: 'drawer', pin: 0, t1: 25, t2: 250, onMs: 50, offMs: 500 },
    ]);
  });

  it('reports bytes it does not understand instead of printing them as text', () => {
    const job = decodeEscPos(b('a', [0x1b, 0x99, 0x10], 'b'), { commandSet: 'epson' });
    expect(job.lines).toEqual(['ab']);
    expect(job.commands).toEqual([{ kind: 'unknown', bytes: [0x1b, 0x99] }, { kind: 'unknown', bytes: [0x10] }, { kind: 'text', text: 'ab' }]);
  });
});
