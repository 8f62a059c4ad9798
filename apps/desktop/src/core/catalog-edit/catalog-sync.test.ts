import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServerShop, serverClient, syncUntil, type ServerShop, type TestCounter, makeCounter } from '../sync/test-kit';
import { ean13 } from '../test/fixtures';
import { proofsSettled } from '../staff/proofs';
import { startServerProcess, type ServerProcess } from '../test/server-process';

/*
 * Catalog edits end to end against the real marketplace server: made offline, queued, pushed when the
 * server is back, visible to storefront search; a rejected edit converges the counter back to the server.
 */
let server: ServerProcess;
const counters: TestCounter[] = [];
beforeAll(async () => {
  server = await startServerProcess();
});
afterAll(async () => {
  await server?.destroy();
});
afterEach(async () => {
  for (const c of counters.splice(0)) await c.cleanup();
});

/** A 1×1 PNG, the smallest photo the server's image pipeline accepts. */
const PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

async function pairedTill(shop: ServerShop): Promise<TestCounter> {
  const pin = String(7000 + counters.length);
  const manager = await shop.owner.staff.create.mutate({ role: 'manager', name: `Manager ${pin}`, email: `mgr-${Date.now()}-${pin}@shop.example`, password: 'correct horse battery', pin });
  const till = makeCounter(server.url, { random: () => 0.25 });
  counters.push(till);
  await till.sync.pair(await shop.pairingCode());
  await till.core.staff.login({ staffId: manager.id, pin });
  // the marketplace's proof of that PIN arrives in the background; the tests go offline only once it is here
  await proofsSettled(till.core.ctx, [manager.id]);
  return till;
}

const barcodeOf = (till: TestCounter, variantId: string) =>
  (till.core.ctx.sqlite.prepare('SELECT barcode FROM mirror_variants WHERE id = ?').get(variantId) as { barcode: string | null } | undefined)?.barcode;

describe('catalog edits through sync', () => {
  it('an edit made offline is pushed when the server is back and storefront search finds it; a photo needs the connection', async () => {
    const shop = await createServerShop(server.url, 'Larder');
    const till = await pairedTill(shop);
    await server.stop();
    await server.sql(`UPDATE vendors SET status = 'approved' WHERE id = '${shop.vendorId}'`);

    const cat = await till.core.catalogEdit.saveCategory({ name: `Cordials ${Date.now()}` });
    const saved = await till.core.catalogEdit.save({
      name: 'Elderflower Cordial',
      categoryId: cat.id,
      onlineVisible: true,
      description: 'Picked in June',
      variants: [{ name: '500 ml', sku: `ELDER-${Date.now()}`, barcode: ean13(`50${String(Date.now()).slice(-10)}`), priceCents: 675 }],
    });
    await expect(till.core.catalogEdit.uploadPhoto({ productId: saved.productId, contentType: 'image/png', dataBase64: PIXEL_PNG })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'offline' },
    });
    expect(till.sync.status().pending).toBe(2);

    await server.restart();
    await syncUntil(till.sync, 'the edits are applied', () => expect(till.sync.status()).toMatchObject({ pending: 0, rejected: 0 }));
    const found = await serverClient(server.url).search.products.query({ q: 'elderflower', vendorId: shop.vendorId });
    expect(found.items.map((i) => i.name)).toEqual(['Elderflower Cordial']);

    const photo = await till.core.catalogEdit.uploadPhoto({ productId: saved.productId, contentType: 'image/png', dataBase64: PIXEL_PNG });
    const extras = await till.core.catalogEdit.extras({ productId: saved.productId });
    expect(extras).toMatchObject({ description: 'Picked in June', photos: [{ id: photo.id }] });
    expect((await fetch(photo.thumbUrl)).status).toBe(200);
  });

  it('a barcode another till took meanwhile is rejected, shown, and the counter converges back to the server', async () => {
    const shop = await createServerShop(server.url, 'Creamery');
    const till = await pairedTill(shop);
    const [mine] = till.core.catalogEdit.list({ q: shop.loaf.sku });
    if (!mine) throw new Error('the loaf was not bootstrapped');
    const contested = ean13(`51${String(Date.now()).slice(-10)}`);
    // the owner labels another product with the code in the web back office; this till has not pulled it yet
    await shop.owner.products.create.mutate({ name: 'Clotted Cream', onlineVisible: true, variants: [{ sku: `CREAM-${Date.now()}`, barcode: contested, priceCents: 300 }] });
    const v = mine.variants[0]!;
    await till.core.catalogEdit.save({ productId: mine.id, name: 'Renamed Loaf', categoryId: mine.categoryId, onlineVisible: mine.onlineVisible, variants: [{ ...v, barcode: contested }] });
    expect(barcodeOf(till, v.id)).toBe(contested);

    await syncUntil(till.sync, 'the edit is rejected and the server’s row pulled back', () => {
      expect(till.sync.status()).toMatchObject({ pending: 0, rejected: 1 });
      expect(barcodeOf(till, v.id)).toBeNull();
    });
    expect(till.core.catalogEdit.byId({ productId: mine.id })).toMatchObject({ name: shop.loaf.name, pendingSync: false });
    expect(till.core.outbox.rejections()).toEqual([expect.objectContaining({ name: 'catalog.productUpdate', code: 'DUPLICATE', message: expect.stringMatching(/Clotted Cream/) })]);
  });
});
