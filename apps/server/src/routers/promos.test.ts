import { count, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { operatorAudit, promoCodes } from '../db/schema/index';
import { addProduct, checkoutRequest, createShop, failure } from '../services/orders/test-kit';
import { createOperatorFixture, operatorSessionCookie } from '../services/operators/test-kit';
import { describeEachDb } from '../test/harness';

describeEachDb('promos.* (a shop’s codes) and admin.promos.* (the marketplace’s)', (get) => {
  const db = () => get().database.db;
  const codeCount = async () => (await db().select({ n: count() }).from(promoCodes))[0]?.n ?? 0;

  it('a manager creates, lists, deactivates and sees the uses of the shop’s codes; another shop sees none of them', async () => {
    const shop = await createShop(db(), { vendor: { name: 'Crumb Bakery' } });
    const other = await createShop(db(), { vendor: { name: 'Other Shop' } });
    const bread = await addProduct(db(), shop.vendorId, { name: 'Sourdough', priceCents: 400 });
    const manager = await get().caller({ bearer: shop.managerToken });
    const created = await manager.promos.create({ code: 'spring10', description: 'Spring', discount: { kind: 'percent', bps: 1000 }, totalLimit: 50 });
    expect(created).toMatchObject({ code: 'SPRING10', fundedBy: 'shop', vendorId: shop.vendorId, active: true, uses: 0, totalLimit: 50 });
    const dup = await failure(manager.promos.create({ code: 'SPRING10', discount: { kind: 'percent', bps: 500 } }));
    expect(dup).toMatchObject({ appCode: 'DUPLICATE', message: 'There is already a code SPRING10. Choose another name.' });

    const anon = await get().caller();
    const placed = await anon.orders.checkout(checkoutRequest([[bread, 1]], [{ vendorId: shop.vendorId }], { promoCode: 'SPRING10' }));
    const page = await manager.promos.list({});
    expect(page.items.map((p) => [p.code, p.uses, p.discountCents])).toEqual([['SPRING10', 1, 40]]);
    const used = await manager.promos.redemptions({ promoId: created.id });
    expect(used.items.map((r) => [r.orderId, r.orderNumber, r.channel, r.discountCents, r.overLimit])).toEqual([[placed.orders[0]?.id, 'W-0001', 'web', 40, false]]);

    // cross-tenant: the other shop's manager neither sees nor changes it
    const stranger = await get().caller({ bearer: other.managerToken });
    expect((await stranger.promos.list({})).items).toEqual([]);
    expect((await failure(stranger.promos.update({ promoId: created.id, active: false }))).appCode).toBe('NOT_FOUND');
    expect((await failure(stranger.promos.redemptions({ promoId: created.id }))).appCode).toBe('NOT_FOUND');
    // a cashier may not manage codes
    expect((await failure((await get().caller({ bearer: shop.cashierToken })).promos.list({}))).appCode).toBe('FORBIDDEN');

    const off = await manager.promos.update({ promoId: created.id, active: false });
    expect(off.active).toBe(false);
    expect((await manager.promos.list({ activeOnly: true })).items).toEqual([]);
    const refused = await anon.cart.quote({ items: [{ variantId: bread.variantId, quantity: 1 }], promoCode: 'spring10' });
    expect(refused.promo?.refusal).toBe('inactive');
  });

  it('bad input is BAD_INPUT with a human message and writes nothing', async () => {
    const shop = await createShop(db());
    const manager = await get().caller({ bearer: shop.ownerToken });
    const before = await codeCount();
    const badName = await failure(manager.promos.create({ code: 'no spaces!', discount: { kind: 'percent', bps: 1000 } }));
    expect(badName.appCode).toBe('BAD_INPUT');
    expect(badName.message).toContain('A promo code is 3–32 letters, digits, dashes or underscores');
    expect((await failure(manager.promos.create({ code: 'TOO-MUCH', discount: { kind: 'percent', bps: 10_001 } }))).message).toContain('A percentage is at most 100%');
    const window = await failure(
      manager.promos.create({ code: 'BACKWARDS', discount: { kind: 'amount', amountCents: 100 }, startsAt: '2026-05-02T00:00:00Z', endsAt: '2026-05-01T00:00:00Z' }),
    );
    expect(window).toMatchObject({ appCode: 'BAD_INPUT' });
    expect(window.message).toContain('The end must be after the start');
    expect((await failure(manager.promos.list({ cursor: 'not-a-cursor' }))).appCode).toBe('BAD_INPUT');
    expect(await codeCount()).toBe(before);
  });

  it('the operator creates a marketplace code for chosen shops and deactivates it, each audited', async () => {
    const shop = await createShop(db());
    const operator = await createOperatorFixture(db());
    const ops = await get().caller({ operatorCookie: await operatorSessionCookie(db(), operator.operator.id) });
    const created = await ops.admin.promos.create({ code: 'CITYWEEK', discount: { kind: 'amount', amountCents: 500 }, minBasketCents: 1500, shopIds: [shop.vendorId], firstOrderOnly: true });
    expect(created).toMatchObject({ fundedBy: 'marketplace', vendorId: null, shopIds: [shop.vendorId], firstOrderOnly: true });
    expect((await ops.admin.promos.list({})).items.map((p) => p.code)).toContain('CITYWEEK');
    // shop managers never see marketplace codes in their own list
    expect((await (await get().caller({ bearer: shop.managerToken })).promos.list({})).items).toEqual([]);
    await ops.admin.promos.update({ promoId: created.id, active: false });
    const audit = await db().select().from(operatorAudit).where(eq(operatorAudit.targetId, created.id));
    expect(audit.map((a) => a.action).sort()).toEqual(['promo.create', 'promo.deactivate']);
    expect(audit.find((a) => a.action === 'promo.deactivate')).toMatchObject({ before: { active: true }, after: { active: false } });
    const before = await codeCount();
    const unknownShop = await failure(ops.admin.promos.create({ code: 'NOWHERE', discount: { kind: 'amount', amountCents: 100 }, shopIds: ['0190f0c1-0000-7000-8000-000000000000'] }));
    expect(unknownShop).toMatchObject({ appCode: 'BAD_INPUT', message: 'One of the chosen shops does not exist.' });
    expect(await codeCount()).toBe(before);
    expect((await failure(ops.admin.promos.update({ promoId: created.id }))).appCode).toBe('BAD_INPUT');
  });
});
