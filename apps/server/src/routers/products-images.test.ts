import { mkdtempSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { IMAGE_MAX_BYTES } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { productImages } from '../db/schema/index';
import { saveProductImage } from '../services/images';
import { countRows, errorOf, productInput } from '../services/products/test-support';
import { createCustomerFixture, createVendorFixture, type CustomerFixture, type VendorFixture } from '../test/fixtures';
import { describeEachDb } from '../test/harness';

const mediaDir = mkdtempSync(join(tmpdir(), 'mk-media-'));
afterAll(() => rm(mediaDir, { recursive: true, force: true }));

function picture(width: number, height: number, format: 'png' | 'jpeg' | 'gif'): Promise<Buffer> {
  const img = sharp({ create: { width, height, channels: 3, background: '#c98a3d' } });
  return (format === 'png' ? img.png() : format === 'jpeg' ? img.jpeg() : img.gif()).toBuffer();
}

/** A tiny PNG whose header claims 20000×20000 pixels: a decompression bomb in miniature. */
function pngBomb(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(20000, 0);
  ihdr.writeUInt32BE(20000, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const sig = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(60001))), chunk('IEND', Buffer.alloc(0))]);
}

async function sizeOf(url: string): Promise<[number | undefined, number | undefined, string | undefined]> {
  const m = await sharp(join(mediaDir, url.replace(/^\/media\//, ''))).metadata();
  return [m.width, m.height, m.format];
}

async function filesUnder(dir: string): Promise<string[]> {
  return readdir(dir, { recursive: true }).catch(() => []);
}

describeEachDb(
  'product images',
  (get) => {
    let a: VendorFixture;
    let b: VendorFixture;
    let customer: CustomerFixture;
    let productId: string;

    beforeAll(async () => {
      const { db } = get().database;
      a = await createVendorFixture(db);
      b = await createVendorFixture(db);
      customer = await createCustomerFixture(db);
      const manager = await get().caller({ bearer: a.managerToken });
      productId = (await manager.products.create(productInput())).id;
    });

    it('stores original, 800px medium and 200px square thumb as WebP', async () => {
      const manager = await get().caller({ bearer: a.managerToken });
      const png = await picture(1200, 900, 'png');
      const img = await manager.products.uploadImage({ productId, contentType: 'image/png', dataBase64: png.toString('base64'), alt: 'A loaf' });
      expect(img).toMatchObject({ width: 1200, height: 900, alt: 'A loaf', sort: 0 });
      expect(img.originalUrl).toBe(`/media/products/${productId}/${img.id}-orig.webp`);
      expect(await sizeOf(img.originalUrl)).toEqual([1200, 900, 'webp']);
      expect(await sizeOf(img.mediumUrl)).toEqual([800, 600, 'webp']);
      expect(await sizeOf(img.thumbUrl)).toEqual([200, 200, 'webp']);
      const [row] = await get().database.db.select().from(productImages).where(eq(productImages.id, img.id));
      expect(row).toMatchObject({ vendorId: a.vendorId, mediumPath: `products/${productId}/${img.id}-md.webp` });

      // a portrait JPEG sent as a data: URL keeps its aspect ratio; a small one is never enlarged
      const jpeg = await picture(600, 1000, 'jpeg');
      const tall = await manager.products.uploadImage({ productId, contentType: 'image/jpeg', dataBase64: `data:image/jpeg;base64,${jpeg.toString('base64')}`, alt: '' });
      expect(await sizeOf(tall.mediumUrl)).toEqual([480, 800, 'webp']);
      expect(tall.sort).toBe(1);
      const small = await saveProductImage(get().database.db, get().env, a.vendorId, productId, await picture(300, 200, 'png'));
      expect(await sizeOf(small.mediumUrl)).toEqual([300, 200, 'webp']);
      expect(await sizeOf(small.thumbUrl)).toEqual([200, 200, 'webp']);

      const shown = await (await get().caller()).products.byId({ productId });
      expect(shown.images.map((i) => i.id)).toEqual([img.id, tall.id, small.id]);
    });

    it('refuses unsupported, oversized and malformed uploads without writing rows or files', async () => {
      const { db } = get().database;
      const manager = await get().caller({ bearer: a.managerToken });
      const before = await countRows(db, ['product_images']);
      const filesBefore = await filesUnder(mediaDir);
      const upload = (contentType: string, dataBase64: string) => errorOf(manager.products.uploadImage({ productId, contentType, dataBase64, alt: '' }));
      const gif = (await picture(50, 50, 'gif')).toString('base64');
      expect((await upload('image/gif', gif)).code).toBe('UNSUPPORTED_MEDIA');
      // the declared type is not trusted: these bytes are a GIF, and these are text
      expect((await upload('image/png', gif)).code).toBe('UNSUPPORTED_MEDIA');
      expect((await upload('image/png', Buffer.from('hello, not an image').toString('base64'))).code).toBe('UNSUPPORTED_MEDIA');
      const truncated = (await picture(400, 400, 'png')).subarray(0, 200).toString('base64');
      expect((await upload('image/png', truncated)).code).toBe('UNSUPPORTED_MEDIA');
      const huge = Buffer.alloc(IMAGE_MAX_BYTES + 1, 1).toString('base64');
      const tooLarge = await upload('image/png', huge);
      expect(tooLarge.code).toBe('PAYLOAD_TOO_LARGE');
      expect(tooLarge.message).toContain('8 MB');
      expect((await upload('image/png', pngBomb().toString('base64'))).code).toBe('PAYLOAD_TOO_LARGE');
      expect((await upload('image/png', 'not*base64!')).code).toBe('BAD_INPUT');
      expect((await upload('image/png', '')).code).toBe('BAD_INPUT');
      expect(await countRows(db, ['product_images'])).toEqual(before);
      expect(await filesUnder(mediaDir)).toEqual(filesBefore);
    });

    it('only the vendor’s managers may upload or remove images', async () => {
      const { db } = get().database;
      const png = (await picture(100, 100, 'png')).toString('base64');
      const input = { productId, contentType: 'image/png', dataBase64: png, alt: '' };
      const before = await countRows(db, ['product_images']);
      expect((await errorOf((await get().caller()).products.uploadImage(input))).code).toBe('UNAUTHENTICATED');
      expect((await errorOf((await get().caller({ sessionCookie: customer.cookie })).products.uploadImage(input))).code).toBe('UNAUTHENTICATED');
      expect((await errorOf((await get().caller({ bearer: a.cashierToken })).products.uploadImage(input))).code).toBe('FORBIDDEN');
      expect((await errorOf((await get().caller({ bearer: b.managerToken })).products.uploadImage(input))).code).toBe('NOT_FOUND');
      expect(await countRows(db, ['product_images'])).toEqual(before);

      const img = await (await get().caller({ bearer: a.ownerToken })).products.uploadImage(input);
      expect((await errorOf((await get().caller({ bearer: b.managerToken })).products.removeImage({ imageId: img.id }))).code).toBe('NOT_FOUND');
      expect((await errorOf((await get().caller({ bearer: a.cashierToken })).products.removeImage({ imageId: img.id }))).code).toBe('FORBIDDEN');
      const names = [img.originalUrl, img.mediumUrl, img.thumbUrl].map((u) => u.split('/').at(-1));
      expect(await filesUnder(join(mediaDir, 'products', productId))).toEqual(expect.arrayContaining(names));

      await (await get().caller({ bearer: a.managerToken })).products.removeImage({ imageId: img.id });
      expect(await countRows(db, ['product_images'])).toEqual(before);
      const left = await filesUnder(join(mediaDir, 'products', productId));
      for (const n of names) expect(left).not.toContain(n);
      expect((await errorOf((await get().caller({ bearer: a.managerToken })).products.removeImage({ imageId: img.id }))).code).toBe('NOT_FOUND');
    });
  },
  { MEDIA_DIR: mediaDir },
);
