import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { productImages } from '../../db/schema/index';
import type { Env } from '../../env';
import { saveProductImage } from '../images';
import { PosError } from './types';

export const IMAGE_JOB = 'pos.image';
const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/**
 * A POS photo becomes the product's photo here (POS image URLs are not permanent, so the bytes are copied into
 * MEDIA_DIR). Only for products without a photo: one the shop added here is never replaced.
 */
export async function importImage(db: Db, env: Env, job: { productId: string; url: string; vendorId: string }): Promise<'saved' | 'kept'> {
  const [has] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(productImages)
    .where(eq(productImages.productId, job.productId));
  if ((has?.n ?? 0) > 0) return 'kept';
  const res = await fetch(job.url, { signal: AbortSignal.timeout(env.POS_TIMEOUT_MS) });
  if (!res.ok) throw new PosError(res.status >= 500 ? 'transient' : 'rejected', `The photo could not be downloaded (HTTP ${String(res.status)}).`);
  const buffer = Buffer.from(await res.arrayBuffer());
  if (buffer.length > MAX_IMAGE_BYTES) throw new PosError('rejected', 'The photo is larger than 10 MB.');
  await saveProductImage(db, env, job.vendorId, job.productId, buffer);
  return 'saved';
}
