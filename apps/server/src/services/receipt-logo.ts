import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, logoFromDots, uuidv7, type ReceiptLogoUploadInput, type ReceiptLogoUploadResult } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import sharp, { type OutputInfo } from 'sharp';
import type { DbOrTx } from '../db/client';
import { vendors } from '../db/schema/index';
import type { MediaEnv } from './images';

/** 384 dots is the full width of 58 mm paper; on 80 mm it prints centred. Tall logos waste paper. */
const LOGO_MAX_WIDTH = 384;
const LOGO_MAX_HEIGHT = 200;
const MAX_PIXELS = 25_000_000;

function unsupported(): AppError {
  return new AppError('UNSUPPORTED_MEDIA', 'Please choose a PNG, JPEG or WebP image for the receipt logo.');
}

/** Black-and-white dots of an image: transparent → white, then grey at 50 % and darker prints. */
async function toDots(buffer: Buffer): Promise<boolean[][]> {
  let raw: { data: Buffer; info: OutputInfo };
  try {
    const meta = await sharp(buffer, { limitInputPixels: MAX_PIXELS }).metadata();
    if (!meta.format || !['png', 'jpeg', 'webp'].includes(meta.format)) throw unsupported();
    raw = await sharp(buffer, { limitInputPixels: MAX_PIXELS, autoOrient: true })
      .flatten({ background: '#ffffff' })
      .resize({ width: LOGO_MAX_WIDTH, height: LOGO_MAX_HEIGHT, fit: 'inside', withoutEnlargement: true })
      .grayscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw unsupported();
  }
  const { width, height, channels } = raw.info;
  if (width < 8) throw new AppError('BAD_INPUT', 'That image is too narrow for a receipt logo (at least 8 pixels wide).');
  const dots: boolean[][] = [];
  for (let y = 0; y < height; y++) {
    const row: boolean[] = [];
    for (let x = 0; x < width; x++) row.push((raw.data[(y * width + x) * channels] ?? 255) < 128);
    dots.push(row);
  }
  if (!dots.some((r) => r.some(Boolean))) throw new AppError('BAD_INPUT', 'That image prints as blank paper: use a dark logo on a light background.');
  return dots;
}

/** The dots as a 1-bit-looking PNG (what the storefront or a back office can show next to the receipt). */
async function dotsPng(dots: boolean[][]): Promise<Buffer> {
  const height = dots.length;
  const width = dots[0]?.length ?? 0;
  const px = Buffer.alloc(width * height, 255);
  dots.forEach((row, y) => row.forEach((on, x) => (on ? (px[y * width + x] = 0) : undefined)));
  return sharp(px, { raw: { width, height, channels: 1 } }).png({ palette: true, colours: 2 }).toBuffer();
}

/**
 * A receipt logo uploaded from a counter: converted once, here, to the printer's black-and-white dots, stored as
 * a PNG under `<mediaDir>/vendors/<vendorId>/`, and set on the vendor (the change feed tells every counter).
 * Returns the dots so the uploading counter prints it at once.
 */
export async function uploadReceiptLogo(db: DbOrTx, env: MediaEnv, vendorId: string, input: ReceiptLogoUploadInput): Promise<ReceiptLogoUploadResult> {
  const dots = await toDots(Buffer.from(input.dataBase64, 'base64'));
  const relPath = `vendors/${vendorId}/receipt-logo-${uuidv7()}.png`;
  const file = join(env.mediaDir, relPath);
  await mkdir(join(env.mediaDir, `vendors/${vendorId}`), { recursive: true });
  await writeFile(file, await dotsPng(dots));
  const [previous] = await db.select({ path: vendors.receiptLogoPath }).from(vendors).where(eq(vendors.id, vendorId));
  await db.update(vendors).set({ receiptLogoPath: relPath, updatedAt: new Date() }).where(eq(vendors.id, vendorId));
  if (previous?.path) await rm(join(env.mediaDir, previous.path), { force: true });
  return { path: relPath, logo: logoFromDots(dots) };
}

/** The shop's current receipt logo as printer dots, for a counter that has not got it yet; null when none. */
export async function currentReceiptLogo(db: DbOrTx, env: MediaEnv, vendorId: string): Promise<ReceiptLogoUploadResult | null> {
  const [row] = await db.select({ path: vendors.receiptLogoPath }).from(vendors).where(eq(vendors.id, vendorId));
  if (!row?.path) return null;
  let bytes: Buffer;
  try {
    bytes = await readFile(join(env.mediaDir, row.path));
  } catch {
    return null;
  }
  return { path: row.path, logo: logoFromDots(await toDots(bytes)) };
}

export async function removeReceiptLogo(db: DbOrTx, env: MediaEnv, vendorId: string): Promise<void> {
  const [previous] = await db.select({ path: vendors.receiptLogoPath }).from(vendors).where(eq(vendors.id, vendorId));
  if (!previous?.path) return;
  await db.update(vendors).set({ receiptLogoPath: null, updatedAt: new Date() }).where(eq(vendors.id, vendorId));
  await rm(join(env.mediaDir, previous.path), { force: true });
}
