import { and, count, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { emailOutbox, operatorAudit, vendors } from '../../db/schema/index';
import { registration } from '../../routers/identity-test-kit';
import { createCustomerFixture, createVendorFixture } from '../../test/fixtures';
import { describeEachDb } from '../../test/harness';
import { addProduct, checkoutRequest, failure } from '../orders/test-kit';
import { envelope, epochOf, pairCounter, pullAll, saleArgs } from '../sync/sync-test-kit';
import { operatorCaller } from './shop-admin-test-kit';

describeEachDb('a shop’s standing with the marketplace (admin.shops)', (get) => {
  const db = () => get().database.db;
  const ops = () => operatorCaller(get().database, get().env);
  const auditCount = async (vendorId: string) =>
    (await db().select({ n: count() }).from(operatorAudit).where(eq(operatorAudit.targetId, vendorId)))[0]?.n ?? 0;
  const emailsTo = (to: string) => db().select().from(emailOutbox).where(and(eq(emailOutbox.to, to), eq(emailOutbox.kind, 'shop_status')));

  it('a registered shop waits unseen, its owner works in the back office; approving puts it on the storefront', async () => {
    const anon = await get().caller();
    const input = registration();
    const { vendor } = await anon.vendors.register(input);
    expect(vendor.status).toBe('pending');
    // the owner signs in and sets up meanwhile
    const { token } = await anon.auth.staffLogin({ email: input.owner.email, password: input.owner.password });
    const owner = await get().caller({ bearer: token });
    expect(await owner.vendors.mine()).toMatchObject({ status: 'pending', statusReason: null });
    await owner.catalog.taxRates.create({ taxClass: 'standard', name: 'VAT 20%', rateBps: 2000 });
    expect((await failure(anon.vendors.bySlug({ slug: input.slug }))).appCode).toBe('NOT_FOUND');

    const { caller, operatorId } = await ops();
    const approved = await caller.admin.shops.approve({ vendorId: vendor.id, reason: 'Checked the shop and its owner' });
    expect(approved).toMatchObject({ vendorId: vendor.id, status: 'approved', statusReason: null });
    expect((await anon.vendors.bySlug({ slug: input.slug })).id).toBe(vendor.id);
    const [audit] = await db().select().from(operatorAudit).where(eq(operatorAudit.targetId, vendor.id));
    expect(audit).toMatchObject({ operatorId, action: 'shop.approve', targetType: 'vendor', before: { status: 'pending', statusReason: null }, after: { status: 'approved', statusReason: null }, reason: 'Checked the shop and its owner' });
    const [mail] = await emailsTo(input.owner.email);
    expect(mail?.subject).toBe(`${input.name} is live on Makeries`);

    // approving twice is refused, and writes nothing
    const again = await failure(caller.admin.shops.approve({ vendorId: vendor.id }));
    expect(again).toMatchObject({ appCode: 'CONFLICT', message: `${input.name} is already approved.` });
    expect(await auditCount(vendor.id)).toBe(1);
  });

  it('rejects an application with the reason the owner reads by email and in the back office', async () => {
    const anon = await get().caller();
    const input = registration();
    const { vendor } = await anon.vendors.register(input);
    const { caller } = await ops();
    await caller.admin.shops.reject({ vendorId: vendor.id, reason: 'The address is a postbox, not a shop' });
    const { token } = await anon.auth.staffLogin({ email: input.owner.email, password: input.owner.password });
    expect(await (await get().caller({ bearer: token })).vendors.mine()).toMatchObject({ status: 'rejected', statusReason: 'The address is a postbox, not a shop' });
    const [mail] = await emailsTo(input.owner.email);
    expect(mail?.body).toContain('Reason: The address is a postbox, not a shop');
    // a rejected shop cannot be suspended or reinstated; it can be approved after all
    expect(await failure(caller.admin.shops.suspend({ vendorId: vendor.id, reason: 'x' }))).toMatchObject({ appCode: 'CONFLICT', message: `Only an approved shop can be suspended; ${input.name} is rejected.` });
    expect((await failure(caller.admin.shops.reinstate({ vendorId: vendor.id, reason: 'x' }))).appCode).toBe('CONFLICT');
    expect((await caller.admin.shops.approve({ vendorId: vendor.id, reason: 'They sent the shop’s lease' })).status).toBe('approved');
    expect((await db().select().from(vendors).where(eq(vendors.id, vendor.id)))[0]?.statusReason).toBeNull();
  });

  it('bad input and unknown shops write nothing', async () => {
    const shop = await createVendorFixture(db());
    const { caller } = await ops();
    expect((await failure(caller.admin.shops.suspend({ vendorId: shop.vendorId, reason: '   ' }))).appCode).toBe('BAD_INPUT');
    expect((await failure(caller.admin.shops.suspend({ vendorId: shop.vendorId, reason: 'a\u0000b' }))).appCode).toBe('BAD_INPUT');
    expect((await failure(caller.admin.shops.reject({ vendorId: 'not-a-uuid', reason: 'x' }))).appCode).toBe('BAD_INPUT');
    expect((await failure(caller.admin.shops.suspend({ vendorId: '01890000-0000-7000-8000-000000000000', reason: 'x' }))).appCode).toBe('NOT_FOUND');
    expect(await auditCount(shop.vendorId)).toBe(0);
    expect((await db().select().from(vendors).where(eq(vendors.id, shop.vendorId)))[0]?.status).toBe('approved');
  });

  it('suspending hides the shop and refuses its online orders by name; its staff and counters keep working', async () => {
    const c = await pairCounter(get());
    const shop = c.shop;
    const bread = await addProduct(db(), shop.vendorId, { name: 'Suspended Sourdough', priceCents: 400, stock: 20 });
    const anon = await get().caller();
    const customer = await createCustomerFixture(db());
    const buyer = await get().caller({ sessionCookie: customer.cookie });
    await buyer.favourites.set({ vendorId: shop.vendorId, on: true });
    const favouriteShops = async () => (await buyer.favourites.list({ only: 'shops' })).shops.map((v) => v.vendorId);
    expect(await favouriteShops()).toContain(shop.vendorId);
    const [name] = (await db().select({ name: vendors.name }).from(vendors).where(eq(vendors.id, shop.vendorId))).map((r) => r.name);
    expect((await anon.search.products({ q: 'Suspended Sourdough' })).items.map((i) => i.id)).toContain(bread.productId);

    const { caller } = await ops();
    await caller.admin.shops.suspend({ vendorId: shop.vendorId, reason: 'Selling unsafe food' });

    // gone from the storefront: search, shop page, product page, shop lists, favourites
    expect((await anon.search.products({ q: 'Suspended Sourdough' })).items).toEqual([]);
    expect((await failure(anon.vendors.bySlug({ slug: shop.slug }))).appCode).toBe('NOT_FOUND');
    expect((await failure(anon.products.byId({ productId: bread.productId }))).appCode).toBe('NOT_FOUND');
    expect((await anon.vendors.list({ limit: 100 })).items.map((v) => v.id)).not.toContain(shop.vendorId);
    expect(await favouriteShops()).not.toContain(shop.vendorId);

    // a cart holding its items is told why, by the shop's name, and checkout refuses them the same way
    const message = `${String(name)} is not taking online orders right now.`;
    const quote = await anon.cart.quote({ items: [{ variantId: bread.variantId, quantity: 1 }], fulfilment: [] });
    expect(quote.problems).toContainEqual({ vendorId: shop.vendorId, code: 'VENDOR_PAUSED', message });
    const refused = await failure(anon.orders.checkout(checkoutRequest([[bread, 1]], [{ vendorId: shop.vendorId }])));
    expect(refused.appCode).toBe('VENDOR_PAUSED');
    expect(refused.message).toContain(message);

    // staff still sign in to the back office and read why; the counter still sells and syncs
    const owner = await get().caller({ bearer: shop.ownerToken });
    expect(await owner.vendors.mine()).toMatchObject({ status: 'suspended', statusReason: 'Selling unsafe food' });
    expect(await c.caller.auth.me()).toMatchObject({ kind: 'device', vendor: { status: 'suspended', statusReason: 'Selling unsafe food' } });
    const sale = saleArgs(c, [[bread, 2]]);
    const pushed = await c.caller.sync.push({ epoch: await epochOf(db()), mutations: [envelope(1, 'sale.complete', sale)] });
    expect(pushed.results).toEqual([expect.objectContaining({ mutationId: 1, status: 'applied' })]);
    const pulled = await pullAll(c.caller, null);
    expect(pulled.changes.length).toBeGreaterThan(0);

    // reinstating brings it back
    await caller.admin.shops.reinstate({ vendorId: shop.vendorId, reason: 'Inspection passed' });
    expect((await anon.vendors.bySlug({ slug: shop.slug })).id).toBe(shop.vendorId);
    expect((await anon.search.products({ q: 'Suspended Sourdough' })).items.map((i) => i.id)).toContain(bread.productId);
    expect((await db().select({ kind: emailOutbox.subject }).from(emailOutbox).where(eq(emailOutbox.kind, 'shop_status'))).map((e) => e.kind)).toEqual(
      expect.arrayContaining([`${String(name)} is suspended on Makeries`, `${String(name)} is back on Makeries`]),
    );
  });

  it('staff of a suspended shop can still sign in to the back office', async () => {
    const anon = await get().caller();
    const input = registration();
    const { vendor } = await anon.vendors.register(input);
    const { caller } = await ops();
    await caller.admin.shops.approve({ vendorId: vendor.id });
    await caller.admin.shops.suspend({ vendorId: vendor.id, reason: 'Chargebacks' });
    const login = await anon.auth.staffLogin({ email: input.owner.email, password: input.owner.password });
    expect(login.vendor).toMatchObject({ status: 'suspended', statusReason: 'Chargebacks' });
  });
});
