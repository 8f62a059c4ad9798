/**
 * A receipt logo is a 1-bit bitmap in the thermal printer's own shape: rows top to bottom, ceil(width / 8)
 * bytes per row, most significant bit = leftmost dot, 1 = black, stored as base64 so the document stays JSON.
 * Pure TS (atob/btoa exist in Node and browsers), so the preview draws exactly the dots the printer gets.
 */
import { z } from 'zod';
import { AppError } from '../errors';

/** 80 mm paper prints 576 dots across (72 mm at 203 dpi); 58 mm prints 384. */
export const MAX_LOGO_WIDTH = 576;
export const MAX_LOGO_HEIGHT = 480;

const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

export function bytesPerRow(width: number): number {
  return Math.ceil(width / 8);
}

export function decodeBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function encodeBase64(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

export const receiptLogoSchema = z
  .object({
    width: z.number().int().min(8, 'A logo is at least 8 dots wide').max(MAX_LOGO_WIDTH, `A logo is at most ${MAX_LOGO_WIDTH} dots wide`),
    height: z.number().int().min(1).max(MAX_LOGO_HEIGHT, `A logo is at most ${MAX_LOGO_HEIGHT} dots tall`),
    bits: z.string().regex(BASE64_RE, 'Logo bits are base64'),
  })
  .refine((l) => !BASE64_RE.test(l.bits) || decodeBase64(l.bits).length === bytesPerRow(l.width) * l.height, {
    error: 'The logo bits do not match its width and height (one bit per dot, rows padded to whole bytes)',
    path: ['bits'],
  });
export type ReceiptLogo = z.infer<typeof receiptLogoSchema>;

/** A decoded logo: `dots[y][x]` is true for black. */
export function logoDots(logo: ReceiptLogo): boolean[][] {
  const bytes = decodeBase64(logo.bits);
  const stride = bytesPerRow(logo.width);
  const rows: boolean[][] = [];
  for (let y = 0; y < logo.height; y++) {
    const row: boolean[] = [];
    for (let x = 0; x < logo.width; x++) row.push((((bytes[y * stride + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1) === 1);
    rows.push(row);
  }
  return rows;
}

export function logoFromDots(dots: readonly (readonly boolean[])[]): ReceiptLogo {
  const height = dots.length;
  const width = Math.max(0, ...dots.map((r) => r.length));
  if (height === 0 || width < 8) throw new AppError('BAD_INPUT', 'A logo needs at least one row of 8 dots.');
  const stride = bytesPerRow(width);
  const bytes = new Uint8Array(stride * height);
  dots.forEach((row, y) =>
    row.forEach((on, x) => {
      if (on) bytes[y * stride + (x >> 3)] = (bytes[y * stride + (x >> 3)] ?? 0) | (0x80 >> (x & 7));
    }),
  );
  return { width, height, bits: encodeBase64(bytes) };
}

/** Art rows like "..##.." (any non-space, non-dot is black): handy for small marks and for tests. */
export function logoFromArt(rows: readonly string[]): ReceiptLogo {
  return logoFromDots(rows.map((r) => Array.from(r, (c) => c !== '.' && c !== ' ')));
}

/**
 * Shrinks a logo by a whole factor until it fits `maxWidth` dots (nearest neighbour keeps edges crisp on
 * thermal paper). A logo that already fits comes back unchanged.
 */
export function fitLogo(logo: ReceiptLogo, maxWidth: number): ReceiptLogo {
  if (logo.width <= maxWidth) return logo;
  const factor = Math.ceil(logo.width / maxWidth);
  const dots = logoDots(logo);
  const width = Math.max(8, Math.floor(logo.width / factor));
  const height = Math.max(1, Math.floor(logo.height / factor));
  const scaled: boolean[][] = [];
  for (let y = 0; y < height; y++) {
    const src = dots[y * factor] ?? [];
    const row: boolean[] = [];
    for (let x = 0; x < width; x++) row.push(src[x * factor] ?? false);
    scaled.push(row);
  }
  return logoFromDots(scaled);
}
