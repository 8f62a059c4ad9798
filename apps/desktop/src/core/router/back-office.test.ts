import { type Change } from '@makeries/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { managerApproval, signIn } from '../test/fixtures';
import { createCounterContext, type OpenCounterContext } from './context';
import { createCallerFactory, counterRouter } from './index';
import { expectRefused, reader, startKit, webOrderChange, type CounterClient, type Kit } from './test-kit';

let kit: Kit;
let c: CounterClient;

beforeAll(async () => {
  kit = await startKit({ signedIn: 'cashier' });
  c = kit.client;
});
afterAll(() => kit.close());

const applyChanges = (changes: Change[]) => kit.core.mirror.applyPage({ changes, nextCursor: '2', epoch: 'epoch-1' });

describe('stock at the counter', () => {
  it('receives, counts and adjusts with a manager PIN, and shows levels including unsynced moves', async () => {
    const { loaf, croissant } = kit.shop.variants;
    const approval = managerApproval(kit.shop);
    expect(await c.inventory.levels.query({ variantIds: [loaf, croissant] })).toEqual([
      { variantId: loaf, onHand: 20 },
      { variantId: croissant, onHand: 5 },
    ]);
    expect(await c.inventory.receive.mutate({ variantId: loaf, quantity: 12, note: 'morning bake', approval })).toMatchObject({ onHand: 32 });
    expect(await c.inventory.adjust.mutate({ variantId: loaf, quantity: -2, note: 'dropped', approval })).toMatchObject({ onHand: 30 });
    expect(await c.inventory.count.mutate({ variantId: croissant, quantity: 9, approval })).toMatchObject({ onHand: 9 });
    expect(await c.inventory.levels.query({ variantIds: [loaf, croissant] })).toEqual([
      { variantId: loaf, onHand: 30 },
      { variantId: croissant, onHand: 9 },
    ]);
    const byId = await c.catalog.byId.query({ variantId: loaf });
    expect(byId).toMatchObject({ name: 'Sourdough Loaf', sku: 'LOAF-1', onHand: 30 });
  });

  it('lists what is running low, as staff see stock offline', async () => {
    // the server sends the whole variant row again with a threshold set in the back office
    const withThreshold = async (variantId: string, lowStockThreshold: number): Promise<Change> => {
      const { productId, sku, barcode, priceCents, taxClass, soldBy, trackStock } = await c.catalog.byId.query({ variantId });
      return {
        entity: 'variant',
        op: 'upsert',
        id: variantId,
        data: { productId, vendorId: kit.shop.vendorId, name: 'Default', sku, barcode, priceCents, taxClass, soldBy, trackStock, lowStockThreshold },
      };
    };
    applyChanges([await withThreshold(kit.shop.variants.jam, 4), await withThreshold(kit.shop.variants.croissant, 10)]);
    // jam: no level from the server (0); croissant: server says 5, the unsynced count says 9 — both ≤ threshold
    expect((await c.inventory.lowStock.query({})).map((i) => [i.sku, i.onHand, i.threshold])).toEqual([
      ['JAM-1', 0, 4],
      ['CRO-1', 9, 10],
    ]);
    await c.inventory.receive.mutate({ variantId: kit.shop.variants.jam, quantity: 6, approval: managerApproval(kit.shop) });
    expect((await c.inventory.lowStock.query({ limit: 10 })).map((i) => i.sku)).toEqual(['CRO-1']);
  });

  it('browses the catalog by category', async () => {
    const cats = await c.catalog.categories.query();
    expect(cats.map((x) => x.name)).toEqual(['Bread', 'Deli']);
    const bread = await c.catalog.byCategory.query({ categoryId: kit.shop.categories.bread });
    expect(bread.map((b) => b.name).sort()).toEqual(['Butter Croissant', 'Sourdough Loaf']);
    expect(await c.catalog.scan.query({ code: kit.shop.barcodes.jam })).toMatchObject({ variant: { sku: 'JAM-1' } });
  });
});

describe('web orders and sync', () => {
  it('lists, accepts with a prep time and queues the transition; refuses illegal moves', async () => {
    const change = webOrderChange(kit.shop, 'W-1001', '2025-05-01T08:30:00.000Z');
    applyChanges([change]);
    const [order] = await c.webOrders.list.query({ status: ['placed'] });
    expect(order).toMatchObject({ id: change.id, number: 'W-1001', status: 'placed', next: ['accepted', 'rejected', 'cancelled'], pendingSync: false });
    const accepted = await c.webOrders.transition.mutate({ orderId: change.id, to: 'accepted', prepMinutes: 15 });
    expect(accepted).toMatchObject({ status: 'accepted', prepMinutes: 15, pendingSync: true });
    expect((await c.webOrders.byId.query({ orderId: change.id })).lines).toHaveLength(1);
    await expectRefused(kit.core, () => c.webOrders.transition.mutate({ orderId: change.id, to: 'completed' }), 'ILLEGAL_TRANSITION');
    await expectRefused(kit.core, () => c.webOrders.transition.mutate({ orderId: change.id, from: 'placed', to: 'preparing' }), 'CONFLICT');
    expect(await c.webOrders.list.query({ status: ['placed'] })).toEqual([]);
  });

  it('syncs on demand and lists what the server rejected', async () => {
    const status = await c.sync.syncNow.mutate();
    expect(kit.sync.calls.syncNow).toBe(1);
    expect(status.lastPushAt).not.toBeNull();
    expect(await c.sync.rejections.query({})).toEqual([]);
    const [first] = kit.core.outbox.pending(1);
    kit.core.outbox.recordResults([{ mutationId: first?.mutationId ?? 0, status: 'rejected', code: 'NOT_FOUND', message: 'Unknown product' }]);
    expect(await c.sync.rejections.query({ limit: 10 })).toEqual([
      expect.objectContaining({ mutationId: first?.mutationId, name: first?.name, code: 'NOT_FOUND', message: 'Unknown product' }),
    ]);
    expect(await c.sync.status.query()).toMatchObject({ rejected: 1 });

    const [rejection] = await c.sync.rejections.query({});
    const id = rejection?.id ?? '';
    // a cashier sees it but only a manager settles it, saying what was done
    await expectRefused(kit.core, () => c.sync.resolveRejection.mutate({ id, note: 'Recounted the shelf' }), 'FORBIDDEN');
    await signIn(kit.core, kit.shop, 'manager');
    await expectRefused(kit.core, () => c.sync.resolveRejection.mutate({ id, note: ' ' }), 'BAD_INPUT');
    await expectRefused(kit.core, () => c.sync.resolveRejection.mutate({ id: kit.shop.variants.loaf, note: 'Recounted the shelf' }), 'NOT_FOUND');
    const done = await c.sync.resolveRejection.mutate({ id, note: 'Recounted the shelf' });
    expect(done).toMatchObject({ id, resolvedBy: kit.shop.staff.manager, resolutionNote: 'Recounted the shelf' });
    expect(await c.sync.status.query()).toMatchObject({ rejected: 0 });
    expect(await c.sync.rejections.query({})).toEqual([]);
    expect(await c.sync.rejections.query({ includeResolved: true })).toEqual([expect.objectContaining({ id, code: 'NOT_FOUND', resolutionNote: 'Recounted the shelf' })]);
    await expectRefused(kit.core, () => c.sync.resolveRejection.mutate({ id, note: 'again' }), 'CONFLICT');
    expect((await c.activity.list.query({ limit: 5 }))[0]).toMatchObject({ kind: 'resolve_rejection', staffId: kit.shop.staff.manager });
    await signIn(kit.core, kit.shop, 'cashier');
  });
});

describe('live updates (subscriptions)', () => {
  let ctx: OpenCounterContext;
  const createCaller = createCallerFactory(counterRouter);
  let caller: ReturnType<typeof createCaller>;
  beforeAll(() => {
    ctx = createCounterContext(kit.core, kit.sync);
    caller = createCaller(ctx);
  });
  afterAll(() => ctx.close());

  it('cart subscribers see the cart now and after every change', async () => {
    const carts = reader(await caller.cart.onChange());
    expect(await carts.next()).toBeNull();
    await caller.cart.addByScan({ code: kit.shop.barcodes.croissant });
    expect((await carts.next())?.lines.map((l) => l.sku)).toEqual(['CRO-1']);
    await caller.cart.clear({});
    expect(await carts.next()).toBeNull();
    await carts.stop();
  });

  it('announces web orders arriving with a pull, and status moves made here', async () => {
    const orders = reader(await caller.webOrders.onChange());
    const a = webOrderChange(kit.shop, 'W-1002', '2025-05-01T08:40:00.000Z');
    const b = webOrderChange(kit.shop, 'W-1003', '2025-05-01T08:41:00.000Z');
    applyChanges([b, a]);
    kit.sync.set({ lastPullAt: '2025-05-01T09:05:00.000Z' }); // what the sync client reports after a pull
    expect(await orders.next()).toEqual({ kind: 'arrived', orderId: a.id, number: 'W-1002', status: 'placed' });
    expect(await orders.next()).toEqual({ kind: 'arrived', orderId: b.id, number: 'W-1003', status: 'placed' });
    await caller.webOrders.transition({ orderId: b.id, to: 'rejected', reason: 'Sold out' });
    expect(await orders.next()).toEqual({ kind: 'updated', orderId: b.id, number: 'W-1003', status: 'rejected' });
    await orders.stop();
  });

  it('sync status subscribers see the status now and each change', async () => {
    const statuses = reader(await caller.sync.onStatus());
    expect(await statuses.next()).toMatchObject({ online: false });
    kit.sync.set({ online: true, lastError: null });
    expect(await statuses.next()).toMatchObject({ online: true });
    kit.sync.set({ online: false, lastError: 'Server unreachable — retrying in 8 s' });
    expect(await statuses.next()).toMatchObject({ online: false, lastError: 'Server unreachable — retrying in 8 s' });
    await statuses.stop();
  });

  it('only signed-in staff may follow the cart or the inbox', async () => {
    kit.core.staff.logout();
    await expect(caller.cart.onChange()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(caller.webOrders.onChange()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const statuses = reader(await caller.sync.onStatus());
    expect(await statuses.next()).toMatchObject({ paired: true });
    await statuses.stop();
  });
});
