import { isAppError, type ErrorCode } from '@makeries/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { dbState } from '../router/test-kit';
import { storeOf } from '../store/store';
import { makeCore, seedShop, signIn, type Shop, type TestCore } from '../test/fixtures';

let t: TestCore;
afterEach(() => t.cleanup());

/** The bakery with croissants at 0 on hand (the server's level) and the policy set in the back office. */
async function soldOutBakery(policy?: 'warn' | 'block' | 'allow'): Promise<Shop> {
  t = makeCore();
  const shop = await seedShop(t.core);
  await signIn(t.core, shop, 'manager');
  if (policy) store().update({ soldOutPolicy: policy });
  t.core.mirror.applyPage({
    changes: [{ entity: 'stock_level', op: 'upsert', id: shop.variants.croissant, data: { variantId: shop.variants.croissant, onHand: 0, reserved: 0 } }],
    nextCursor: '2',
    epoch: 'epoch-1',
  });
  return shop;
}

function refusal(fn: () => unknown): { code: ErrorCode | 'none'; message: string; soldOut?: Record<string, unknown> } {
  try {
    fn();
    return { code: 'none', message: '' };
  } catch (e) {
    if (!isAppError(e)) throw e;
    return { code: e.code, message: e.message, ...(e.details?.soldOut ? { soldOut: e.details.soldOut as Record<string, unknown> } : {}) };
  }
}

const store = () => storeOf(t.core.ctx);
const lines = () => t.core.cart.current()?.lines.map((l) => [l.name, l.quantity]) ?? [];

describe('selling what the counter believes is sold out', () => {
  it('warns by default, on a scan and on a tap, writing nothing until staff say "sell anyway"', async () => {
    const shop = await soldOutBakery();
    expect(store().settings().soldOutPolicy).toBe('warn');
    const before = dbState(t.core);
    const scan = refusal(() => t.core.cart.addScan({ code: shop.barcodes.croissant }));
    expect(scan).toEqual({
      code: 'OUT_OF_STOCK',
      message: 'Butter Croissant: 0 in stock — sell anyway?',
      soldOut: { variantId: shop.variants.croissant, name: 'Butter Croissant', available: 0, policy: 'warn', canSellAnyway: true, offline: false },
    });
    expect(refusal(() => t.core.cart.addVariant({ variantId: shop.variants.croissant })).code).toBe('OUT_OF_STOCK');
    expect(dbState(t.core)).toEqual(before);

    t.core.cart.addScan({ code: shop.barcodes.croissant, sellAnyway: true });
    t.core.cart.addVariant({ variantId: shop.variants.croissant, sellAnyway: true });
    expect(lines()).toEqual([['Butter Croissant', 2]]);
  });

  it('counts what the open sale already holds: the last one goes without a question, the next one asks', async () => {
    const shop = await soldOutBakery();
    t.core.mirror.applyPage({
      changes: [{ entity: 'stock_level', op: 'upsert', id: shop.variants.croissant, data: { variantId: shop.variants.croissant, onHand: 1, reserved: 0 } }],
      nextCursor: '3',
      epoch: 'epoch-1',
    });
    t.core.cart.addVariant({ variantId: shop.variants.croissant });
    expect(refusal(() => t.core.cart.addScan({ code: shop.barcodes.croissant })).message).toBe('Butter Croissant: 0 in stock — sell anyway?');
    expect(refusal(() => t.core.cart.addVariant({ variantId: shop.variants.loaf, quantity: 21 })).message).toBe('Sourdough Loaf: Only 20 in stock — sell anyway?');
    // untracked and never-counted items are never questioned
    t.core.cart.addVariant({ variantId: shop.variants.bag, quantity: 50 });
    t.core.cart.addScan({ code: shop.barcodes.jam });
    expect(lines()).toEqual([['Butter Croissant', 1], ['Paper Bag', 50], ['Strawberry Jam', 1]]);
  });

  it('blocks online, even when told to sell anyway, with a message saying what to do', async () => {
    const shop = await soldOutBakery('block');
    t.core.setOnline(true);
    const before = dbState(t.core);
    for (const add of [
      () => t.core.cart.addScan({ code: shop.barcodes.croissant }),
      () => t.core.cart.addScan({ code: shop.barcodes.croissant, sellAnyway: true }),
      () => t.core.cart.addVariant({ variantId: shop.variants.croissant }),
      () => t.core.cart.addVariant({ variantId: shop.variants.croissant, sellAnyway: true }),
    ]) {
      const r = refusal(add);
      expect(r.code).toBe('OUT_OF_STOCK');
      expect(r.message).toMatch(/^Butter Croissant: 0 in stock\. This shop does not sell items the till shows as sold out/);
      expect(r.soldOut).toMatchObject({ policy: 'block', canSellAnyway: false, offline: false });
    }
    expect(dbState(t.core)).toEqual(before);
  });

  it('offline, block becomes the warning (a counter sale is never refused for stock) and says so', async () => {
    const shop = await soldOutBakery('block');
    t.core.setOnline(false);
    const r = refusal(() => t.core.cart.addScan({ code: shop.barcodes.croissant }));
    expect(r.soldOut).toMatchObject({ policy: 'block', canSellAnyway: true, offline: true });
    expect(r.message).toBe('Butter Croissant: 0 in stock — sell anyway? (Offline: the shop’s “block sold-out items” rule applies only online.)');
    t.core.cart.addScan({ code: shop.barcodes.croissant, sellAnyway: true });
    t.core.cart.addVariant({ variantId: shop.variants.croissant, sellAnyway: true });
    expect(lines()).toEqual([['Butter Croissant', 2]]);
  });

  it('allow adds without a word; the keyboard-wedge scan pipeline passes the question on as a refusal', async () => {
    const shop = await soldOutBakery('allow');
    t.core.cart.addScan({ code: shop.barcodes.croissant });
    expect(lines()).toEqual([['Butter Croissant', 1]]);
    store().update({ soldOutPolicy: 'warn' });
    const outcome = t.core.scanners.scan(shop.barcodes.croissant);
    expect(outcome).toMatchObject({ status: 'refused', error: { code: 'OUT_OF_STOCK', details: { soldOut: { policy: 'warn', canSellAnyway: true } } } });
    expect(lines()).toEqual([['Butter Croissant', 1]]);
  });

  it('refuses an unknown policy and a sell-anyway that is not yes/no, writing nothing', async () => {
    const shop = await soldOutBakery();
    const before = dbState(t.core);
    const bad = refusal(() => store().update({ soldOutPolicy: 'sometimes' as 'warn' }));
    expect(bad).toMatchObject({ code: 'BAD_INPUT', message: 'soldOutPolicy: Choose warn, block or allow for selling sold-out items.' });
    expect(refusal(() => t.core.cart.addScan({ code: shop.barcodes.croissant, sellAnyway: 'yes' as unknown as boolean })).code).toBe('BAD_INPUT');
    expect(dbState(t.core)).toEqual(before);
    expect(store().settings().soldOutPolicy).toBe('warn');
  });
});
