import { uuidv7 } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { orders } from '../../db/schema/index';
import { createOperatorFixture, operatorSessionCookie } from '../../services/operators/test-kit';
import { addProduct, checkoutRequest, createShop, failure } from '../../services/orders/test-kit';
import { tenantShop, type TenantShop } from '../../test/cross-tenant-kit';
import type { VendorFixture } from '../../test/fixtures';
import { describeEachDb } from '../../test/harness';

describeEachDb('admin.orders.search and detail', (get) => {
  const db = () => get().database.db;
  let operatorCookie: string;
  let bakery: VendorFixture;
  let counterShop: TenantShop;
  const webOrders: { id: string; email: string }[] = [];
  const ops = () => get().caller({ operatorCookie });

  beforeAll(async () => {
    operatorCookie = await operatorSessionCookie(db(), (await createOperatorFixture(db())).operator.id);
    counterShop = await tenantShop(get());
    bakery = await createShop(db(), { vendor: { slug: `rye-and-roll-${uuidv7().slice(-6)}` } });
    const bun = await addProduct(db(), bakery.vendorId, { name: 'Bun', priceCents: 250, stock: 100 });
    for (const n of [1, 2, 3]) {
      const email = `Buyer.${n}.${uuidv7().slice(-6)}@Example.test`;
      const placed = await (await get().caller()).orders.checkout(
        checkoutRequest([[bun, n]], [{ vendorId: bakery.vendorId }], { contact: { name: `Buyer ${n}`, email, phone: '' } }),
      );
      webOrders.push({ id: placed.orders[0]?.id ?? '', email });
    }
  });

  it('finds an order by its number, web or counter', async () => {
    const caller = await ops();
    const [web] = await db().select().from(orders).where(eq(orders.id, webOrders[1]?.id ?? ''));
    const byNumber = await caller.admin.orders.search({ q: web?.number.toLowerCase() ?? '', vendorId: bakery.vendorId });
    expect(byNumber.matchedBy).toBe('number');
    expect(byNumber.items.map((o) => o.id)).toEqual([web?.id]);
    const counter = await caller.admin.orders.search({ q: counterShop.saleNumber });
    expect(counter.items.map((o) => o.id)).toContain(counterShop.saleId);
    expect(counter.items.find((o) => o.id === counterShop.saleId)).toMatchObject({ channel: 'counter' });
  });

  it('finds orders by customer email (any case): the address typed at checkout, or the account’s', async () => {
    const caller = await ops();
    const one = webOrders[0];
    const found = await caller.admin.orders.search({ q: one?.email.toUpperCase() ?? '' });
    expect(found.matchedBy).toBe('email');
    expect(found.items.map((o) => o.id)).toEqual([one?.id]);
    expect(found.items[0]?.customerEmail).toBe(one?.email.toLowerCase());
    const byAccount = await caller.admin.orders.search({ q: counterShop.customer.email });
    expect(byAccount.items.map((o) => o.id)).toContain(counterShop.saleId);
  });

  it('finds a shop’s orders by name or slug, newest first, page by page', async () => {
    const caller = await ops();
    const first = await caller.admin.orders.search({ q: bakery.slug, limit: 2 });
    expect(first.matchedBy).toBe('shop');
    const second = await caller.admin.orders.search({ q: bakery.slug, limit: 2, cursor: first.nextCursor ?? '' });
    expect(second.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items].map((o) => o.id);
    expect(ids).toEqual([...webOrders].reverse().map((o) => o.id));
    const placed = [...first.items, ...second.items].map((o) => Date.parse(o.placedAt));
    expect(placed).toEqual([...placed].sort((a, b) => b - a));
    expect((await caller.admin.orders.search({ q: 'no shop is called this' })).items).toEqual([]);
    const webOnly = await caller.admin.orders.search({ vendorId: counterShop.vendorId, channel: 'counter' });
    expect(webOnly.items.map((o) => o.id)).toEqual([counterShop.saleId]);
  });

  it('a bad page link or a bad id is BAD_INPUT; an unknown order NOT_FOUND; nobody else may search', async () => {
    const caller = await ops();
    expect((await failure(caller.admin.orders.search({ cursor: 'garbage' }))).appCode).toBe('BAD_INPUT');
    expect((await failure(caller.admin.orders.search({ cursor: Buffer.from('1.x').toString('base64url') }))).appCode).toBe('BAD_INPUT');
    expect((await failure(caller.admin.orders.detail({ orderId: 'nope' }))).appCode).toBe('BAD_INPUT');
    expect((await failure(caller.admin.orders.detail({ orderId: uuidv7() }))).appCode).toBe('NOT_FOUND');
    const owner = await get().caller({ bearer: bakery.ownerToken });
    expect((await failure(owner.admin.orders.search({}))).appCode).toBe('UNAUTHENTICATED');
  });

  it('a pay-at-pickup order’s detail: lines, placed on the timeline with its confirmation email, nothing refundable', async () => {
    const detail = await (await ops()).admin.orders.detail({ orderId: webOrders[2]?.id ?? '' });
    expect(detail.order).toMatchObject({ channel: 'web', paymentStatus: 'pay_at_pickup', totalCents: 750 });
    expect(detail.lines).toMatchObject([{ name: 'Bun', quantity: 3, refundedQuantity: 0 }]);
    expect(detail.payment).toBeNull();
    expect(detail.refundableCents).toBe(0);
    expect(detail.timeline[0]).toMatchObject({ kind: 'status', title: 'Order placed (online)' });
    expect(detail.timeline.some((e) => e.kind === 'email' && e.title.includes('Your order'))).toBe(true);
  });
});
