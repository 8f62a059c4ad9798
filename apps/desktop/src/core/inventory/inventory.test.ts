import { isAppError, stockMovementArgs, type ErrorCode } from '@makeries/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { managerApproval, makeCore, seedShop, signIn, snapshotCounts, type TestCore } from '../test/fixtures';

let t: TestCore;
afterEach(() => t.cleanup());

async function codeOf(fn: () => unknown): Promise<ErrorCode | 'none'> {
  try {
    await fn();
    return 'none';
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
}

describe('stock at the counter', () => {
  it('receives, adjusts and counts offline: on-hand follows the ledger until the server confirms', async () => {
    t = makeCore();
    const shop = await seedShop(t.core);
    await signIn(t.core, shop, 'manager');
    const loaf = shop.variants.loaf;
    expect(t.core.inventory.onHand([loaf]).get(loaf)).toBe(20);
    expect((await t.core.inventory.record({ kind: 'receive', variantId: loaf, quantity: 12 })).onHand).toBe(32);
    expect((await t.core.inventory.record({ kind: 'adjust', variantId: loaf, quantity: -2, note: 'burnt' })).onHand).toBe(30);
    t.clock.advance(1000);
    expect((await t.core.inventory.record({ kind: 'count', variantId: loaf, quantity: 25 })).onHand).toBe(25);
    t.clock.advance(1000);
    expect((await t.core.inventory.record({ kind: 'receive', variantId: loaf, quantity: 1 })).onHand).toBe(26);
    const queued = t.core.outbox.pending().map((m) => stockMovementArgs.parse(m.args));
    expect(queued.map((m) => [m.kind, m.quantity])).toEqual([
      ['receive', 12],
      ['adjust', -2],
      ['count', 25],
      ['receive', 1],
    ]);
    // once the server has them, its level (sent back by pull) is the truth
    t.core.outbox.recordResults(queued.map((_, i) => ({ mutationId: i + 1, status: 'applied' as const })));
    t.core.mirror.applyPage({ changes: [{ entity: 'stock_level', op: 'upsert', id: loaf, data: { onHand: 26 } }], nextCursor: '9', epoch: 'epoch-1' });
    expect(t.core.inventory.onHand([loaf]).get(loaf)).toBe(26);
  });

  it('needs a manager and sensible quantities, and writes nothing otherwise', async () => {
    t = makeCore();
    const shop = await seedShop(t.core);
    await signIn(t.core, shop);
    const before = snapshotCounts(t.core);
    const loaf = shop.variants.loaf;
    expect(await codeOf(() => t.core.inventory.record({ kind: 'receive', variantId: loaf, quantity: 5 }))).toBe('FORBIDDEN');
    expect(await codeOf(() => t.core.inventory.record({ kind: 'receive', variantId: loaf, quantity: 0, approval: managerApproval(shop) }))).toBe('BAD_INPUT');
    expect(await codeOf(() => t.core.inventory.record({ kind: 'adjust', variantId: loaf, quantity: -1, approval: managerApproval(shop) }))).toBe('BAD_INPUT');
    expect(await codeOf(() => t.core.inventory.record({ kind: 'count', variantId: loaf, quantity: -1, approval: managerApproval(shop) }))).toBe('BAD_INPUT');
    expect(await codeOf(() => t.core.inventory.record({ kind: 'receive', variantId: shop.variants.bag, quantity: 1, approval: managerApproval(shop) }))).toBe('BAD_INPUT');
    expect(snapshotCounts(t.core)).toEqual(before);
    const ok = await t.core.inventory.record({ kind: 'receive', variantId: loaf, quantity: 5, approval: managerApproval(shop) });
    expect(ok.onHand).toBe(25);
  });
});
