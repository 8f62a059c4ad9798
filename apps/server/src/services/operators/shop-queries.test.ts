import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { vendors } from '../../db/schema/index';
import { registration } from '../../routers/identity-test-kit';
import { describeEachDb } from '../../test/harness';
import { failure } from '../orders/test-kit';
import { pairCounter } from '../sync/sync-test-kit';
import { operatorCaller } from './shop-admin-test-kit';

describeEachDb('admin.shops.list and detail', (get) => {
  const db = () => get().database.db;

  it('lists applications oldest first, every status newest first, searches name, email, address and owner', async () => {
    const anon = await get().caller();
    const tag = Date.now().toString(36);
    const made: { id: string; name: string }[] = [];
    for (const [i, name] of ['Quince Larder', 'Quince Bakery', 'Quince Cellar'].entries()) {
      const input = registration({ name: `${name} ${tag}`, slug: `quince-${tag}-${String(i)}` });
      const { vendor } = await anon.vendors.register(input);
      // registered one day apart, in this order
      await db().update(vendors).set({ createdAt: new Date(Date.UTC(2026, 0, 1 + i)) }).where(eq(vendors.id, vendor.id));
      made.push({ id: vendor.id, name: vendor.name });
    }
    const { caller } = await ops();
    const [first, second, third] = made;
    if (!first || !second || !third) throw new Error('no shops');
    await caller.admin.shops.approve({ vendorId: second.id });

    const pending = await caller.admin.shops.list({ status: 'pending', search: tag });
    expect(pending.items.map((s) => s.id)).toEqual([first.id, third.id]);
    expect(pending.items[0]).toMatchObject({ status: 'pending', owner: { name: 'Olive Owner' } });
    const all = await caller.admin.shops.list({ search: tag });
    expect(all.items.map((s) => s.id)).toEqual([third.id, second.id, first.id]);
    expect((await caller.admin.shops.list({ status: 'approved', search: tag })).items.map((s) => s.id)).toEqual([second.id]);

    // paged: two pages of one and two
    const p1 = await caller.admin.shops.list({ status: 'pending', search: tag, limit: 1 });
    expect(p1.items.map((s) => s.id)).toEqual([first.id]);
    const p2 = await caller.admin.shops.list({ status: 'pending', search: tag, limit: 1, cursor: p1.nextCursor ?? '' });
    expect(p2).toEqual({ items: [expect.objectContaining({ id: third.id })], nextCursor: null });
    expect((await failure(caller.admin.shops.list({ cursor: 'garbage' }))).appCode).toBe('BAD_INPUT');

    // by the web address, the shop's email, the owner's email; % and _ are literal
    expect((await caller.admin.shops.list({ search: `quince-${tag}-2` })).items.map((s) => s.id)).toEqual([third.id]);
    const shopEmail = (await db().select({ email: vendors.email }).from(vendors).where(eq(vendors.id, first.id)))[0]?.email ?? '';
    expect((await caller.admin.shops.list({ search: shopEmail.toUpperCase() })).items.map((s) => s.id)).toEqual([first.id]);
    const ownerEmail = (await caller.admin.shops.detail({ vendorId: third.id })).owner?.email ?? '';
    expect((await caller.admin.shops.list({ search: ownerEmail })).items.map((s) => s.id)).toEqual([third.id]);
    expect((await caller.admin.shops.list({ search: `${tag}%` })).items).toEqual([]);
  });

  it('shows a shop’s profile, owner, standing history, Stripe state, counters and bridge', async () => {
    const c = await pairCounter(get());
    const { caller, operatorId } = await ops();
    await caller.admin.shops.suspend({ vendorId: c.shop.vendorId, reason: 'Unpaid invoices' });
    await caller.admin.shops.reinstate({ vendorId: c.shop.vendorId, reason: 'Paid' });
    const d = await caller.admin.shops.detail({ vendorId: c.shop.vendorId });
    expect(d).toMatchObject({
      id: c.shop.vendorId,
      status: 'approved',
      statusReason: null,
      owner: { name: expect.any(String), email: expect.stringContaining('@') },
      counters: { active: 1, revoked: 0 },
      stripe: { accountId: null, chargesEnabled: false, payoutsEnabled: false, payoutHold: false },
      platformFeeBps: null,
      effectiveFeeBps: get().env.PLATFORM_FEE_BPS,
      pickupAllowed: true,
      deliveryAllowed: true,
      bridge: null,
    });
    expect(d.history.map((h) => [h.action, h.reason, h.operator.id])).toEqual([
      ['shop.reinstate', 'Paid', operatorId],
      ['shop.suspend', 'Unpaid invoices', operatorId],
    ]);
    expect((await failure(caller.admin.shops.detail({ vendorId: '01890000-0000-7000-8000-000000000000' }))).appCode).toBe('NOT_FOUND');
  });

  const ops = () => operatorCaller(get().database, get().env);
});
