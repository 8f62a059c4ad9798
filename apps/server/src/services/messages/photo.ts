import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { MessagePhotoInput } from '@makeries/shared';
import { decodeImageUpload, openImage, writeVariants, type MediaEnv } from '../images';

export interface StoredPhoto {
  path: string;
  thumbPath: string;
  /** removes the files again (the message was not stored after all) */
  discard(): Promise<void>;
}

/**
 * A message's one photo, through the product image pipeline: real bytes checked (PNG/JPEG/WebP, size, pixels),
 * re-encoded without metadata (no GPS), stored under `<mediaDir>/messages/<orderId>/` and served at /media/.
 * The file names carry the message id, which only the two parties of the thread see.
 */
export async function storeMessagePhoto(env: MediaEnv, orderId: string, messageId: string, photo: MessagePhotoInput): Promise<StoredPhoto> {
  const image = await openImage(decodeImageUpload(photo.contentType, photo.dataBase64));
  const relDir = `messages/${orderId}`;
  const dir = join(env.mediaDir, relDir);
  const written = await writeVariants(image, dir, messageId);
  return {
    path: `${relDir}/${written.files.md}`,
    thumbPath: `${relDir}/${written.files.th}`,
    discard: () => Promise.all(Object.values(written.files).map((f) => rm(join(dir, f), { force: true }))).then(() => undefined),
  };
}
