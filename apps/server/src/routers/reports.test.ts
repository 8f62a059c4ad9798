import { REPORTS_PER_HOUR } from '@makeries/shared';
import { expect, it } from 'vitest';
import { customerCaller, reviewedShop } from '../services/moderation/test-kit';
import { addProduct, createShop, failure } from '../services/orders/test-kit';
import { describeEachDb } from '../test/harness';
import { countRows } from './identity-test-kit';

describeEachDb('reports router', (get) => {
  const db = () => get().database.db;

  it('a signed-in customer reports a product, a shop and a review; a repeat says it is already reported', async () => {
    const { shop, product, review } = await reviewedShop(get());
    const { caller: me } = await customerCaller(get());

    const made = await me.reports.create({ kind: 'product', targetId: product.productId, reason: 'misleading', details: '  The photo is a different bun.  ' });
    expect(made).toMatchObject({ kind: 'product', targetId: product.productId });
    await me.reports.create({ kind: 'shop', targetId: shop.vendorId, reason: 'spam' });
    await me.reports.create({ kind: 'review', targetId: review.id, reason: 'offensive' });
    expect(await countRows(db(), 'content_reports')).toBe(3);

    const again = await failure(me.reports.create({ kind: 'product', targetId: product.productId, reason: 'other' }));
    expect(again.appCode).toBe('DUPLICATE');
    expect(again.message).toBe('You already reported this product. Our team will look at it.');
    // someone else may report the same product
    const { caller: other } = await customerCaller(get());
    await other.reports.create({ kind: 'product', targetId: product.productId, reason: 'prohibited' });
    expect(await countRows(db(), 'content_reports')).toBe(4);
  });

  it('refuses visitors, unknown or non-public items and bad input — writing nothing', async () => {
    const shop = await createShop(db());
    const offline = await addProduct(db(), shop.vendorId, { name: 'Staff-only loaf', priceCents: 100, onlineVisible: false });
    const pending = await createShop(db(), { vendor: { status: 'pending' } });
    const { caller: me } = await customerCaller(get());
    const before = [await countRows(db(), 'content_reports'), await countRows(db(), 'rate_limits')];

    const guest = await failure((await get().caller()).reports.create({ kind: 'shop', targetId: shop.vendorId, reason: 'spam' }));
    expect(guest.appCode).toBe('UNAUTHENTICATED');
    expect((await failure(me.reports.create({ kind: 'product', targetId: offline.productId, reason: 'spam' }))).appCode).toBe('NOT_FOUND');
    expect((await failure(me.reports.create({ kind: 'shop', targetId: pending.vendorId, reason: 'spam' }))).appCode).toBe('NOT_FOUND');
    // a shop's id is not a product's
    expect((await failure(me.reports.create({ kind: 'product', targetId: shop.vendorId, reason: 'spam' }))).appCode).toBe('NOT_FOUND');
    const badReason = await failure(me.reports.create({ kind: 'shop', targetId: shop.vendorId, reason: 'boring' as 'spam' }));
    expect(badReason.appCode).toBe('BAD_INPUT');
    expect(badReason.message).toContain('Choose why you are reporting this');
    expect((await failure(me.reports.create({ kind: 'vendor' as 'shop', targetId: shop.vendorId, reason: 'spam' }))).appCode).toBe('BAD_INPUT');
    expect((await failure(me.reports.create({ kind: 'shop', targetId: shop.vendorId, reason: 'other', details: 'x'.repeat(1001) }))).appCode).toBe('BAD_INPUT');
    expect((await failure(me.reports.create({ kind: 'shop', targetId: shop.vendorId, reason: 'other', details: 'bell\u0007' }))).appCode).toBe('BAD_INPUT');
    expect([await countRows(db(), 'content_reports'), await countRows(db(), 'rate_limits')]).toEqual(before);
  });

  it(`allows ${REPORTS_PER_HOUR} reports an hour per customer, then says to wait — the refused report is not written`, async () => {
    const shop = await createShop(db());
    const items = [];
    for (let i = 0; i <= REPORTS_PER_HOUR; i++) items.push(await addProduct(db(), shop.vendorId, { name: `Report me ${i}`, priceCents: 100 }));
    const { caller: me } = await customerCaller(get());
    for (const p of items.slice(0, REPORTS_PER_HOUR)) await me.reports.create({ kind: 'product', targetId: p.productId, reason: 'spam' });
    const before = await countRows(db(), 'content_reports');
    const last = items[REPORTS_PER_HOUR]!;
    const limited = await failure(me.reports.create({ kind: 'product', targetId: last.productId, reason: 'spam' }));
    expect(limited.appCode).toBe('RATE_LIMITED');
    expect(limited.message).toContain(`You have sent ${REPORTS_PER_HOUR} reports in the last hour`);
    expect(await countRows(db(), 'content_reports')).toBe(before);
    // another customer is not affected
    const { caller: other } = await customerCaller(get());
    await other.reports.create({ kind: 'product', targetId: last.productId, reason: 'spam' });
  });
});
