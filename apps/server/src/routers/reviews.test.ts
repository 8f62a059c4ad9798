import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { vendors } from '../db/schema/index';
import { addProduct, checkoutRequest, createShop, failure, type TestProduct } from '../services/orders/test-kit';
import { createCustomerFixture, type CustomerFixture, type VendorFixture } from '../test/fixtures';
import { describeEachDb } from '../test/harness';
import { changeNotifier, retainChangeNotifier } from '../services/sync/notifier';
import { countRows } from './identity-test-kit';

describeEachDb('reviews router', (get) => {
  const db = () => get().database.db;

  async function orderFor(customer: CustomerFixture, opts: { complete: boolean }) {
    const shop: VendorFixture = await createShop(db());
    const bun: TestProduct = await addProduct(db(), shop.vendorId, { name: 'Cardamom bun', priceCents: 350 });
    const tart: TestProduct = await addProduct(db(), shop.vendorId, { name: 'Lemon tart', priceCents: 420 });
    const buyer = await get().caller({ sessionCookie: customer.cookie });
    const result = await buyer.orders.checkout(checkoutRequest([[bun, 1], [tart, 2]], [{ vendorId: shop.vendorId }]));
    const order = result.orders[0]!;
    if (opts.complete) {
      const owner = await get().caller({ bearer: shop.ownerToken });
      for (const to of ['accepted', 'ready', 'completed'] as const) await owner.orders.transition({ orderId: order.id, to });
    }
    return { shop, bun, tart, order, buyer };
  }

  it('the customer of a collected order reviews the shop and a product; the shop page shows average, count and distribution', async () => {
    const customer = await createCustomerFixture(db());
    const { shop, bun, order, buyer } = await orderFor(customer, { complete: true });

    const offered = await buyer.reviews.forOrder({ orderId: order.id });
    expect(offered.reviewable).toBe(true);
    expect(offered.targets.map((t) => t.name).sort()).toEqual(['Cardamom bun', 'Lemon tart', offered.vendorName].sort());

    const shopReview = await buyer.reviews.create({ orderId: order.id, rating: 5, body: '  Lovely people, bread still warm.  ' });
    expect(shopReview).toMatchObject({ rating: 5, body: 'Lovely people, bread still warm.', verifiedPurchase: true, productId: null, mine: true });
    expect(shopReview.authorName).toBe('Customer');
    const productReview = await buyer.reviews.create({ orderId: order.id, productId: bun.productId, rating: 2, body: 'A bit dry' });
    expect(productReview.productName).toBe('Cardamom bun');

    const anon = await get().caller();
    expect(await anon.reviews.summary({ vendorId: shop.vendorId })).toEqual({ count: 2, average: 3.5, distribution: [0, 1, 0, 0, 1] });
    expect(await anon.reviews.summary({ productId: bun.productId })).toEqual({ count: 1, average: 2, distribution: [0, 1, 0, 0, 0] });
    const list = await anon.reviews.list({ vendorId: shop.vendorId });
    expect(list.items.map((r) => [r.rating, r.productName, r.mine])).toEqual([
      [2, 'Cardamom bun', false],
      [5, null, false],
    ]);
    const forProduct = await anon.reviews.list({ productId: bun.productId });
    expect(forProduct.items.map((r) => r.body)).toEqual(['A bit dry']);

    const after = await buyer.reviews.forOrder({ orderId: order.id });
    expect(after.targets.find((t) => t.productId === null)?.review?.rating).toBe(5);
    expect(await buyer.reviews.reviewedOrders({ orderIds: [order.id] })).toEqual([order.id]);
    expect(await buyer.reviews.reviewedOrders({ orderIds: [] })).toEqual([]);
    await expect(buyer.reviews.reviewedOrders({ orderIds: Array.from({ length: 101 }, () => order.id) })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('one review per shop and per product on an order; the author edits their own, nobody else can', async () => {
    const customer = await createCustomerFixture(db());
    const { shop, order, buyer } = await orderFor(customer, { complete: true });
    const review = await buyer.reviews.create({ orderId: order.id, rating: 3, body: 'OK' });

    const again = await failure(buyer.reviews.create({ orderId: order.id, rating: 4 }));
    expect(again.appCode).toBe('DUPLICATE');
    expect(again.message).toContain('Edit your review');

    const edited = await buyer.reviews.update({ reviewId: review.id, rating: 4, body: 'Better on a second visit' });
    expect(edited).toMatchObject({ rating: 4, body: 'Better on a second visit' });
    expect((await (await get().caller()).reviews.summary({ vendorId: shop.vendorId })).average).toBe(4);

    const stranger = await get().caller({ sessionCookie: (await createCustomerFixture(db())).cookie });
    expect((await failure(stranger.reviews.update({ reviewId: review.id, rating: 1, body: 'hacked' }))).appCode).toBe('NOT_FOUND');
    const list = await (await get().caller()).reviews.list({ vendorId: shop.vendorId });
    expect(list.items.map((r) => r.body)).toEqual(['Better on a second visit']);
  });

  it('refuses reviews of orders not yet collected, of other people’s orders, of products not on the order, and bad ratings — writing nothing', async () => {
    const customer = await createCustomerFixture(db());
    const open = await orderFor(customer, { complete: false });
    const done = await orderFor(customer, { complete: true });
    const before = await countRows(db(), 'reviews');

    const early = await failure(open.buyer.reviews.create({ orderId: open.order.id, rating: 5 }));
    expect(early.appCode).toBe('CONFLICT');
    expect(early.message).toContain('collected or delivered');
    expect((await open.buyer.reviews.forOrder({ orderId: open.order.id })).reviewable).toBe(false);

    const stranger = await get().caller({ sessionCookie: (await createCustomerFixture(db())).cookie });
    const notMine = await failure(stranger.reviews.create({ orderId: done.order.id, rating: 5 }));
    expect(notMine.appCode).toBe('FORBIDDEN');
    expect((await failure(stranger.reviews.forOrder({ orderId: done.order.id }))).appCode).toBe('FORBIDDEN');

    const wrongProduct = await failure(done.buyer.reviews.create({ orderId: done.order.id, productId: open.bun.productId, rating: 4 }));
    expect(wrongProduct.appCode).toBe('BAD_INPUT');

    for (const rating of [0, 6, 3.5]) {
      expect((await failure(done.buyer.reviews.create({ orderId: done.order.id, rating }))).appCode).toBe('BAD_INPUT');
    }
    expect((await failure(done.buyer.reviews.create({ orderId: done.order.id, rating: 4, body: 'x'.repeat(2001) }))).appCode).toBe('BAD_INPUT');

    const guest = await get().caller();
    expect((await failure(guest.reviews.create({ orderId: done.order.id, rating: 5 }))).appCode).toBe('UNAUTHENTICATED');
    expect(await countRows(db(), 'reviews')).toBe(before);
  });

  it("a new or edited review tells every server instance the shop changed (its cached pages show ratings)", async () => {
    const customer = await createCustomerFixture(db());
    const { shop, order, buyer } = await orderFor(customer, { complete: true });
    const release = retainChangeNotifier(get().database);
    const heard: string[] = [];
    const unsubscribe = await changeNotifier(get().database).subscribe((vendorId) => heard.push(vendorId));
    try {
      const review = await buyer.reviews.create({ orderId: order.id, rating: 4, body: 'Good' });
      await expect.poll(() => heard.filter((v) => v === shop.vendorId).length).toBeGreaterThanOrEqual(1);
      heard.length = 0;
      await buyer.reviews.update({ reviewId: review.id, rating: 5, body: 'Even better' });
      await expect.poll(() => heard).toContain(shop.vendorId);
    } finally {
      unsubscribe();
      await release();
    }
  });

  it('pages through a shop’s reviews newest first', async () => {
    const customer = await createCustomerFixture(db());
    const first = await orderFor(customer, { complete: true });
    await first.buyer.reviews.create({ orderId: first.order.id, rating: 5, body: 'shop' });
    await first.buyer.reviews.create({ orderId: first.order.id, productId: first.bun.productId, rating: 4, body: 'bun' });
    await first.buyer.reviews.create({ orderId: first.order.id, productId: first.tart.productId, rating: 3, body: 'tart' });
    const anon = await get().caller();
    const page1 = await anon.reviews.list({ vendorId: first.shop.vendorId, limit: 2 });
    expect(page1.items.map((r) => r.body)).toEqual(['tart', 'bun']);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = await anon.reviews.list({ vendorId: first.shop.vendorId, limit: 2, cursor: page1.nextCursor ?? undefined });
    expect(page2.items.map((r) => r.body)).toEqual(['shop']);
    expect(page2.nextCursor).toBeNull();
    expect((await failure(anon.reviews.list({ vendorId: first.shop.vendorId, cursor: 'bm9wZQ' }))).appCode).toBe('BAD_INPUT');
    expect(await anon.reviews.summary({ vendorId: (await createShop(db())).vendorId })).toEqual({ count: 0, average: null, distribution: [0, 0, 0, 0, 0] });
  });

  it('a suspended shop’s reviews leave the list and the summary, and come back when it is reinstated', async () => {
    const customer = await createCustomerFixture(db());
    const { shop, bun, order, buyer } = await orderFor(customer, { complete: true });
    await buyer.reviews.create({ orderId: order.id, rating: 4, body: 'Good loaf' });
    await buyer.reviews.create({ orderId: order.id, productId: bun.productId, rating: 5, body: 'Best bun' });
    const anon = await get().caller();
    const none = { count: 0, average: null, distribution: [0, 0, 0, 0, 0] };
    await db().update(vendors).set({ status: 'suspended' }).where(eq(vendors.id, shop.vendorId));
    expect((await anon.reviews.list({ vendorId: shop.vendorId })).items).toEqual([]);
    expect((await anon.reviews.list({ productId: bun.productId })).items).toEqual([]);
    expect(await anon.reviews.summary({ vendorId: shop.vendorId })).toEqual(none);
    expect(await anon.reviews.summary({ productId: bun.productId })).toEqual(none);
    await db().update(vendors).set({ status: 'approved' }).where(eq(vendors.id, shop.vendorId));
    expect((await anon.reviews.list({ vendorId: shop.vendorId })).items.map((r) => r.body)).toEqual(['Best bun', 'Good loaf']);
  });
});
