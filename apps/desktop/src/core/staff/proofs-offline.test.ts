import { afterEach, describe, expect, it } from 'vitest';
import { staffProofs } from '../db/schema/index';
import { storeOf } from '../store/store';
import { managerApproval, makeCore, seedShop, signIn, snapshotCounts, type TestCore } from '../test/fixtures';
import { proofHeader, saveProof, syncProofs } from './proofs';

/*
 * A counter that never reached the marketplace since its staff typed their PINs holds no staff proof: role edits
 * that sync would carry are refused at once, in words, with nothing queued (they would be rejected later); the
 * till work (sales, deliveries, counts) goes on. Proofs are kept per person and chosen by their windows.
 */
let t: TestCore;
afterEach(() => t.cleanup());

const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe('role edits at a counter without staff proofs', () => {
  it('refuses store settings, stock adjustments, catalog edits, quick-adds and refunds before writing anything', async () => {
    t = makeCore();
    const shop = await seedShop(t.core, { proofs: false });
    await signIn(t.core, shop, 'manager');
    const before = snapshotCounts(t.core);
    expect(() => storeOf(t.core.ctx).update({ receiptFooter: 'Thanks!' })).toThrow(/^Store settings need the PIN checked by the marketplace: connect this counter/);
    await expect(t.core.inventory.record({ kind: 'adjust', variantId: shop.variants.loaf, quantity: -1, note: 'dropped' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      details: { needsStaffProof: true, staffId: shop.staff.manager },
    });
    await expect(t.core.catalogEdit.saveCategory({ name: 'Specials', sort: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/^Catalog edits need/) });
    expect(snapshotCounts(t.core)).toEqual(before);
    // receiving and counting are till work: the marketplace takes them without a proof
    expect((await t.core.inventory.record({ kind: 'receive', variantId: shop.variants.loaf, quantity: 2 })).onHand).toBe(22);
    expect((await t.core.inventory.record({ kind: 'count', variantId: shop.variants.loaf, quantity: 21 })).onHand).toBe(21);
  });

  it('a cashier’s edit approved by a manager needs the manager’s proof, not the cashier’s', async () => {
    t = makeCore();
    const shop = await seedShop(t.core, { proofs: false });
    await signIn(t.core, shop, 'cashier');
    const until = new Date(t.clock.now() + 7 * DAY).toISOString();
    saveProof(t.core.ctx, shop.staff.cashier, { token: `cashier-proof-${'c'.repeat(30)}`, expiresAt: until, syncExpiresAt: until });
    const adjust = { kind: 'adjust' as const, variantId: shop.variants.loaf, quantity: -1, note: 'dropped', approval: managerApproval(shop) };
    await expect(t.core.inventory.record(adjust)).rejects.toMatchObject({ code: 'FORBIDDEN', details: { staffId: shop.staff.manager } });
    saveProof(t.core.ctx, shop.staff.manager, { token: `manager-proof-${'m'.repeat(30)}`, expiresAt: until, syncExpiresAt: until });
    expect((await t.core.inventory.record(adjust)).onHand).toBe(19);
  });

  it('online calls get the proofs of the people acting while they are fresh; pushes get every proof in its sync window', async () => {
    t = makeCore();
    const shop = await seedShop(t.core, { proofs: false });
    const now = t.clock.now();
    const at = (ms: number) => new Date(now + ms).toISOString();
    saveProof(t.core.ctx, shop.staff.manager, { token: `manager-proof-${'m'.repeat(30)}`, expiresAt: at(12 * HOUR), syncExpiresAt: at(7 * DAY) });
    saveProof(t.core.ctx, shop.staff.cashier, { token: `cashier-proof-${'c'.repeat(30)}`, expiresAt: at(HOUR), syncExpiresAt: at(7 * DAY) });
    saveProof(t.core.ctx, shop.staff.owner, { token: `owner-proof-${'o'.repeat(30)}`, expiresAt: at(-HOUR), syncExpiresAt: at(DAY) });
    expect(await proofHeader(t.core.ctx, [shop.staff.cashier, shop.staff.manager, shop.staff.manager])).toBe(`cashier-proof-${'c'.repeat(30)},manager-proof-${'m'.repeat(30)}`);
    // the owner's is too old for an online call, still good for a push
    expect(await proofHeader(t.core.ctx, [shop.staff.owner])).toBeUndefined();
    expect(syncProofs(t.core.ctx)).toHaveLength(3);
    // a newer proof replaces the person's old one
    saveProof(t.core.ctx, shop.staff.owner, { token: `owner-proof-${'p'.repeat(30)}`, expiresAt: at(12 * HOUR), syncExpiresAt: at(7 * DAY) });
    expect(t.core.ctx.db.select().from(staffProofs).all()).toHaveLength(3);
    expect(await proofHeader(t.core.ctx, [shop.staff.owner])).toBe(`owner-proof-${'p'.repeat(30)}`);
    t.clock.advance(2 * DAY);
    expect(await proofHeader(t.core.ctx, [shop.staff.manager])).toBeUndefined();
    expect(syncProofs(t.core.ctx)).toHaveLength(3);
    t.clock.advance(6 * DAY);
    expect(syncProofs(t.core.ctx)).toEqual([]);
  });
});
