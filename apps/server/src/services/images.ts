import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, IMAGE_CONTENT_TYPES, IMAGE_MAX_BYTES, uuidv7, type ImageUploadInput } from '@makeries/shared';
import { and, eq, sql } from 'drizzle-orm';
import sharp, { type Metadata, type Sharp } from 'sharp';
import type { DbOrTx } from '../db/client';
import { productImages, products } from '../db/schema/index';
import type { Env } from '../env';
import { imageOut, type ProductImage } from './products/reads';

/** Refuse decompression bombs: a small file can claim enormous dimensions (~50 megapixels is plenty). */
const MAX_PIXELS = 50_000_000;
const MEDIUM_PX = 800;
const THUMB_PX = 200;
const SNIFFED_FORMATS = new Set(['png', 'jpeg', 'webp']);

export type MediaEnv = Pick<Env, 'mediaDir'>;

function tooLarge(): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `Images can be at most ${IMAGE_MAX_BYTES / 1024 / 1024} MB. Resize it and try again.`, {
    details: { maxBytes: IMAGE_MAX_BYTES },
  });
}

function unsupported(): AppError {
  return new AppError('UNSUPPORTED_MEDIA', 'Please upload a PNG, JPEG or WebP photo.', { details: { accepted: [...IMAGE_CONTENT_TYPES] } });
}

/** Checks the real bytes (not the declared type) and returns a pipeline that auto-orients from EXIF. */
export async function openImage(buffer: Buffer): Promise<Sharp> {
  if (buffer.length > IMAGE_MAX_BYTES) throw tooLarge();
  let meta: Metadata;
  try {
    meta = await sharp(buffer, { limitInputPixels: false }).metadata();
  } catch {
    throw unsupported();
  }
  if (!meta.format || !SNIFFED_FORMATS.has(meta.format) || !meta.width || !meta.height) throw unsupported();
  if (meta.width * meta.height > MAX_PIXELS) {
    throw new AppError('PAYLOAD_TOO_LARGE', 'That image has too many pixels. Resize it below 50 megapixels and try again.');
  }
  return sharp(buffer, { limitInputPixels: MAX_PIXELS, autoOrient: true });
}

interface Written {
  width: number;
  height: number;
  files: { orig: string; md: string; th: string };
}

/** Original (re-encoded, metadata such as GPS stripped), 800px medium and 200px square thumb, as WebP. */
export async function writeVariants(image: Sharp, dir: string, imageId: string): Promise<Written> {
  const files = { orig: `${imageId}-orig.webp`, md: `${imageId}-md.webp`, th: `${imageId}-th.webp` };
  await mkdir(dir, { recursive: true });
  try {
    const [orig] = await Promise.all([
      image.clone().webp({ quality: 90 }).toFile(join(dir, files.orig)),
      image
        .clone()
        .resize({ width: MEDIUM_PX, height: MEDIUM_PX, fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 82 })
        .toFile(join(dir, files.md)),
      image.clone().resize({ width: THUMB_PX, height: THUMB_PX, fit: 'cover' }).webp({ quality: 78 }).toFile(join(dir, files.th)),
    ]);
    return { width: orig.width, height: orig.height, files };
  } catch (e) {
    await removeFiles(dir, Object.values(files));
    if (e instanceof AppError) throw e;
    // the header parsed but the pixel data did not (truncated or corrupt file)
    throw unsupported();
  }
}

async function removeFiles(dir: string, names: string[]): Promise<void> {
  await Promise.all(names.map((n) => rm(join(dir, n), { force: true })));
}

/**
 * Stores a product photo: files under `<mediaDir>/products/<productId>/`, then the product_images row
 * (paths relative to mediaDir, served at /media/). Used by the upload procedure and the seed script.
 */
export async function saveProductImage(
  db: DbOrTx,
  env: MediaEnv,
  vendorId: string,
  productId: string,
  buffer: Buffer,
  alt = '',
): Promise<ProductImage> {
  const [product] = await db
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.id, productId), eq(products.vendorId, vendorId)));
  if (!product) throw new AppError('NOT_FOUND', 'That product does not exist.');
  const image = await openImage(buffer);
  const imageId = uuidv7();
  const relDir = `products/${productId}`;
  const dir = join(env.mediaDir, relDir);
  const written = await writeVariants(image, dir, imageId);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(productImages)
        .values({
          id: imageId,
          productId,
          vendorId,
          originalPath: `${relDir}/${written.files.orig}`,
          mediumPath: `${relDir}/${written.files.md}`,
          thumbPath: `${relDir}/${written.files.th}`,
          width: written.width,
          height: written.height,
          alt: alt.trim().slice(0, 300),
          sort: sql`(SELECT coalesce(max(sort) + 1, 0) FROM product_images WHERE product_id = ${productId})`,
        })
        .returning();
      await tx.update(products).set({ updatedAt: sql`now()` }).where(eq(products.id, productId));
      if (!row) throw new AppError('INTERNAL', 'Could not save the image.');
      return imageOut(row);
    });
  } catch (e) {
    await removeFiles(dir, Object.values(written.files));
    throw e;
  }
}

const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

/** The upload procedure: declared type, size (before decoding) and base64 are checked, then the bytes. */
export async function uploadProductImage(db: DbOrTx, env: MediaEnv, vendorId: string, input: ImageUploadInput): Promise<ProductImage> {
  return saveProductImage(db, env, vendorId, input.productId, decodeImageUpload(input.contentType, input.dataBase64), input.alt);
}

/** An uploaded image's declared type, size (before decoding) and base64 checked; its bytes (checked by openImage). */
export function decodeImageUpload(contentType: string, dataBase64: string): Buffer {
  const declared = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!(IMAGE_CONTENT_TYPES as readonly string[]).includes(declared)) throw unsupported();
  const data = dataBase64.replace(/^data:[^;,]*;base64,/, '').replace(/\s+/g, '');
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  if ((data.length * 3) / 4 - padding > IMAGE_MAX_BYTES) throw tooLarge();
  if (!BASE64_RE.test(data)) {
    throw new AppError('BAD_INPUT', 'The image data is not valid base64.', { issues: [{ path: 'dataBase64', message: 'Not base64' }] });
  }
  return Buffer.from(data, 'base64');
}

/** Deletes the row, then the files (a leftover file is harmless; a row pointing at nothing is not). */
export async function removeProductImage(db: DbOrTx, env: MediaEnv, vendorId: string, imageId: string): Promise<{ id: string }> {
  const row = await db.transaction(async (tx) => {
    const [r] = await tx
      .delete(productImages)
      .where(and(eq(productImages.id, imageId), eq(productImages.vendorId, vendorId)))
      .returning();
    if (!r) throw new AppError('NOT_FOUND', 'That image does not exist.');
    await tx.update(products).set({ updatedAt: sql`now()` }).where(eq(products.id, r.productId));
    return r;
  });
  await Promise.all([row.originalPath, row.mediumPath, row.thumbPath].map((p) => rm(join(env.mediaDir, p), { force: true })));
  return { id: row.id };
}
