import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { productSvg } from '../../src/seed/images';

const MEDIA_URL = /\/media\/([\w./-]+\.webp)/g;

/**
 * The generated catalog names a picture for every product but writes no files. Before a page is audited, its
 * pictures are drawn (as the demo seed draws them) into the server's media folder, so the browser downloads
 * real images, as a visitor's would.
 */
export async function drawPagePictures(base: string, path: string, mediaDir: string): Promise<number> {
  const html = await (await fetch(base + path)).text();
  const files = new Set([...html.matchAll(MEDIA_URL)].map((m) => m[1] ?? '').filter((f) => f && !f.includes('..')));
  for (const rel of files) {
    const file = join(mediaDir, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, await sharp(Buffer.from(productSvg(rel, 'bakery'))).resize(800, 600).webp({ quality: 78 }).toBuffer());
  }
  return files.size;
}
