import { bytesPerRow, decodeBase64 } from '@makeries/shared';
import type { LogoRow } from '../layout/index';
import type { CommandSet } from './code-pages';

/*
 * The few byte sequences node-thermal-printer gets wrong or lacks. Its STAR printQR never sends the
 * data-setting command (ESC GS y D 1), and its images need a PNG; a logo is already a 1-bit raster here.
 */

const ESC = 0x1b;
const GS = 0x1d;

export const INIT = Buffer.from([ESC, 0x40]);

/** EPSON `ESC d n` (print and feed n lines) / STAR `ESC a n` (feed n lines). */
export function feedLines(commandSet: CommandSet, lines: number): Buffer {
  const n = Math.max(0, Math.min(255, Math.round(lines)));
  return Buffer.from(commandSet === 'star' ? [ESC, 0x61, n] : [ESC, 0x64, n]);
}

/** STAR line mode QR: model 2, correction M, cell size, data (auto mode), print. */
export function starQr(data: string, cellSize: number): Buffer {
  const bytes = Buffer.from(data, 'latin1');
  return Buffer.concat([
    Buffer.from([ESC, GS, 0x79, 0x53, 0x30, 0x02]),
    Buffer.from([ESC, GS, 0x79, 0x53, 0x31, 0x01]),
    Buffer.from([ESC, GS, 0x79, 0x53, 0x32, Math.max(1, Math.min(8, cellSize))]),
    Buffer.from([ESC, GS, 0x79, 0x44, 0x31, 0x00, bytes.length & 0xff, (bytes.length >> 8) & 0xff]),
    bytes,
    Buffer.from([ESC, GS, 0x79, 0x50]),
  ]);
}

/** The logo's rows padded on the left so it sits in the middle of `paperDots` (same on every command set). */
function centredRaster(logo: LogoRow, paperDots: number): { stride: number; rows: Buffer[] } {
  const src = decodeBase64(logo.bits);
  const srcStride = bytesPerRow(logo.width);
  const padBytes = Math.max(0, Math.floor((paperDots - logo.width) / 2 / 8));
  const stride = padBytes + srcStride;
  const rows: Buffer[] = [];
  for (let y = 0; y < logo.height; y++) {
    const row = Buffer.alloc(stride);
    row.set(src.subarray(y * srcStride, (y + 1) * srcStride), padBytes);
    rows.push(row);
  }
  return { stride, rows };
}

/**
 * EPSON: one `GS v 0` raster. STAR: 24-dot bands with `ESC k n 0` (row-major, n bytes per dot row), line
 * spacing set to the band height first (ESC 0) and back to the default after (ESC z 1), as Star documents it.
 */
export function logoRaster(commandSet: CommandSet, logo: LogoRow, paperDots: number): Buffer {
  const { stride, rows } = centredRaster(logo, paperDots);
  if (commandSet === 'epson') {
    const h = rows.length;
    return Buffer.concat([Buffer.from([GS, 0x76, 0x30, 0x00, stride & 0xff, stride >> 8, h & 0xff, h >> 8]), ...rows]);
  }
  const parts: Buffer[] = [Buffer.from([ESC, 0x30])];
  for (let top = 0; top < rows.length; top += 24) {
    const band = Buffer.alloc(stride * 24);
    for (let y = 0; y < 24; y++) rows[top + y]?.copy(band, y * stride);
    parts.push(Buffer.from([ESC, 0x6b, stride & 0xff, 0x00]), band, Buffer.from([0x0a]));
  }
  parts.push(Buffer.from([ESC, 0x7a, 0x01]));
  return Buffer.concat(parts);
}
