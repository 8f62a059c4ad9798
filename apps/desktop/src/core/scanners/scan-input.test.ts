import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dbState } from '../router/test-kit';
import { ean13, makeCore, seedShop, signIn, type Shop, type TestCore } from '../test/fixtures';
import type { ScannerEvent } from './scanners';

let t: TestCore;
let shop: Shop;
let events: ScannerEvent[];

beforeEach(async () => {
  t = makeCore();
  shop = await seedShop(t.core);
  events = [];
  t.core.scanners.onEvent((e) => events.push(e));
});
afterEach(() => t.cleanup());

const lines = () => t.core.cart.current()?.lines.map((l) => ({ name: l.name, quantity: l.quantity })) ?? [];

describe('scan pipeline', () => {
  it('adds a valid barcode to the signed-in register’s cart and tells listeners', async () => {
    await signIn(t.core, shop);
    const outcome = t.core.scanners.scan(` ${shop.barcodes.croissant} `);
    t.core.scanners.scan(shop.barcodes.croissant);

    expect(outcome).toMatchObject({ status: 'added', code: shop.barcodes.croissant, lineId: expect.any(String) });
    expect(lines()).toEqual([{ name: 'Butter Croissant', quantity: 2 }]);
    expect(events.map((e) => e.kind === 'scan' && { source: e.scan.source, status: e.scan.outcome.status })).toEqual([
      { source: 'keyboard', status: 'added' },
      { source: 'keyboard', status: 'added' },
    ]);
  });

  it('reports a wrong check digit as invalid, with a message to rescan, and writes nothing', async () => {
    await signIn(t.core, shop);
    const good = shop.barcodes.loaf;
    const misread = `${good.slice(0, 12)}${(Number(good.slice(12)) + 3) % 10}`;
    const before = dbState(t.core);

    const outcome = t.core.scanners.scan(misread);

    expect(outcome).toEqual({ status: 'invalid', code: misread, error: { code: 'INVALID_BARCODE', message: expect.stringMatching(/last digit should be \d/) } });
    expect(dbState(t.core)).toEqual(before);
  });

  it('reports an unknown barcode with its code so the screen can offer quick-add, and writes nothing', async () => {
    await signIn(t.core, shop);
    const unknown = ean13('501234577777');
    const before = dbState(t.core);

    const outcome = t.core.scanners.scan(unknown);

    expect(outcome).toEqual({ status: 'unknown', code: unknown, message: expect.stringMatching(/Quick-add/), canQuickAdd: true });
    expect(dbState(t.core)).toEqual(before);
  });

  it('decodes a scale label with the shop’s GS1 template, and does not offer quick-add for an unknown one', async () => {
    await signIn(t.core, shop);
    // prefix 21, item 01234 (the cheddar's SKU), 00750 g
    expect(t.core.scanners.scan(ean13('210123400750'))).toMatchObject({ status: 'added' });
    expect(lines()).toEqual([{ name: 'Mature Cheddar', quantity: 750 }]);

    expect(t.core.scanners.scan(ean13('219999900750'))).toMatchObject({ status: 'unknown', canQuickAdd: false, message: expect.stringMatching(/PLU/) });
  });

  it('refuses a scan while nobody is signed in, as a value rather than an exception', () => {
    expect(t.core.scanners.scan(shop.barcodes.croissant)).toMatchObject({
      status: 'refused',
      error: { code: 'UNAUTHENTICATED', message: expect.stringMatching(/PIN/) },
    });
    expect(t.core.cart.current()).toBeNull();
  });
});
