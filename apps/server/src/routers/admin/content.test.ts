import { expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { contentReports, emailOutbox, operatorAudit, products, reviews } from '../../db/schema/index';
import { customerCaller, operatorCaller, reviewedShop } from '../../services/moderation/test-kit';
import { refreshStorefrontRollups } from '../../services/rollups/refresh';
import { checkoutRequest, failure } from '../../services/orders/test-kit';
import { changeNotifier, retainChangeNotifier } from '../../services/sync/notifier';
import { describeEachDb } from '../../test/harness';
import { countRows } from '../identity-test-kit';

describeEachDb('admin.content router', (get) => {
  const db = () => get().database.db;
  const writes = async () => Promise.all(['content_reports', 'operator_audit', 'email_outbox', 'jobs'].map((t) => countRows(db(), t)));

  it('queues reports by item; hiding a product takes it off the storefront but not the counter, tells the shop, and restoring puts it back', async () => {
    const { shop, product } = await reviewedShop(get(), { productName: 'Pistachio knot' });
    const { caller: ops, operatorId } = await operatorCaller(get());
    const a = await customerCaller(get());
    const b = await customerCaller(get());
    await a.caller.reports.create({ kind: 'product', targetId: product.productId, reason: 'prohibited', details: 'Contains alcohol, sold to anyone' });
    await b.caller.reports.create({ kind: 'product', targetId: product.productId, reason: 'prohibited' });
    await b.caller.reports.create({ kind: 'shop', targetId: shop.vendorId, reason: 'spam' });

    const queue = await ops.admin.content.queue({ sort: 'most' });
    expect(queue.items.map((i) => [i.kind, i.title, i.openReports])).toEqual([
      ['product', 'Pistachio knot', 2],
      ['shop', 'Moss Street Bakery', 1],
    ]);
    expect(queue.items[0]).toMatchObject({ shop: { id: shop.vendorId, name: 'Moss Street Bakery' }, reasons: { prohibited: 2 }, hidden: false });
    expect((await ops.admin.content.queue({ kind: 'shop' })).items.map((i) => i.id)).toEqual([shop.vendorId]);
    const item = await ops.admin.content.item({ kind: 'product', id: product.productId });
    expect(item).toMatchObject({ hidden: false, openReports: 2, storefrontPath: `/p/${product.productId}`, content: { kind: 'product', name: 'Pistachio knot', minPriceCents: 350 } });
    const reports = await ops.admin.content.reports({ kind: 'product', id: product.productId });
    expect(reports.items.map((r) => [r.reason, r.details, r.status])).toEqual([
      ['prohibited', '', 'open'],
      ['prohibited', 'Contains alcohol, sold to anyone', 'open'],
    ]);
    expect(reports.items[1]?.customer?.email).toBe(a.customer.email);

    await refreshStorefrontRollups(db());
    const anon = await get().caller();
    expect((await anon.catalog.popular({ limit: 24 })).map((p) => p.id)).toContain(product.productId);

    const hidden = await ops.admin.content.hide({ kind: 'product', id: product.productId, reason: 'Alcohol needs an age check we do not offer' });
    expect(hidden).toEqual({ kind: 'product', id: product.productId, hidden: true, closedReports: 2 });

    // gone from search, the home page's rollup (read at request time), its page, favourites and checkout; still in
    // the shop's own catalog (its counter)
    expect((await anon.catalog.popular({ limit: 24 })).map((p) => p.id)).not.toContain(product.productId);
    expect((await anon.search.products({ q: 'Pistachio' })).items).toEqual([]);
    expect((await anon.search.products({ q: '', vendorId: shop.vendorId })).items).toEqual([]);
    expect((await failure(anon.products.byId({ productId: product.productId }))).appCode).toBe('NOT_FOUND');
    const order = await failure(a.caller.orders.checkout(checkoutRequest([[product, 1]], [{ vendorId: shop.vendorId }])));
    expect(order.appCode).toBe('NOT_FOUND');
    expect(order.message).toContain('no longer available');
    expect((await failure(a.caller.favourites.set({ productId: product.productId, on: true }))).appCode).toBe('NOT_FOUND');
    // a cart holding it lists it as no longer available
    expect(await anon.cart.quote({ items: [{ variantId: product.variantId, quantity: 1 }] })).toMatchObject({ lines: [], missingVariantIds: [product.variantId] });
    const owner = await get().caller({ bearer: shop.ownerToken });
    expect((await owner.products.byId({ productId: product.productId })).name).toBe('Pistachio knot');
    // a customer cannot report what is hidden
    expect((await failure((await customerCaller(get())).caller.reports.create({ kind: 'product', targetId: product.productId, reason: 'spam' }))).appCode).toBe('NOT_FOUND');

    // the queue moved on; the reports are closed as acted on
    expect((await ops.admin.content.queue({})).items.map((i) => i.kind)).toEqual(['shop']);
    expect((await db().select({ s: contentReports.status, by: contentReports.resolvedBy }).from(contentReports).where(eq(contentReports.targetId, product.productId))).every((r) => r.s === 'actioned' && r.by === operatorId)).toBe(true);

    const [audit] = await db().select().from(operatorAudit).where(eq(operatorAudit.targetId, product.productId)).orderBy(desc(operatorAudit.seq));
    expect(audit).toMatchObject({ operatorId, action: 'content.hide', targetType: 'product', reason: 'Alcohol needs an age check we do not offer', ip: '203.0.113.9', requestId: 'req-moderation' });
    expect(audit?.before).toMatchObject({ hidden: false, openReports: 2 });
    expect(audit?.after).toMatchObject({ hidden: true, openReports: 0 });
    const [mail] = await db().select().from(emailOutbox).where(eq(emailOutbox.kind, 'content_notice'));
    expect(mail?.to).toBe(`${shop.slug}@example.test`);
    expect(mail?.subject).toBe('Makeries: “Pistachio knot” was hidden from the storefront');
    expect(mail?.body).toContain('Why: Alcohol needs an age check we do not offer');
    expect(mail?.body).toContain('Your counter keeps it');

    // hiding twice, and restoring what is not hidden, are refused and write nothing
    const before = await writes();
    const twice = await failure(ops.admin.content.hide({ kind: 'product', id: product.productId, reason: 'again' }));
    expect([twice.appCode, twice.message]).toEqual(['CONFLICT', 'This product is already hidden. Restore it first if you meant to change the reason.']);
    expect(await writes()).toEqual(before);

    const restored = await ops.admin.content.restore({ kind: 'product', id: product.productId, reason: 'The shop added the age check at pickup' });
    expect(restored.hidden).toBe(false);
    expect((await anon.search.products({ q: 'Pistachio' })).items.map((i) => i.id)).toEqual([product.productId]);
    expect((await anon.products.byId({ productId: product.productId })).name).toBe('Pistachio knot');
    const mails = await db().select({ subject: emailOutbox.subject }).from(emailOutbox).where(eq(emailOutbox.to, `${shop.slug}@example.test`));
    expect(mails.map((m) => m.subject)).toContain('Makeries: “Pistachio knot” is back on the storefront');
    const afterRestore = await writes();
    const notHidden = await failure(ops.admin.content.restore({ kind: 'product', id: product.productId, reason: 'again' }));
    expect([notHidden.appCode, notHidden.message]).toEqual(['CONFLICT', 'This product is not hidden, so there is nothing to restore.']);
    expect(await writes()).toEqual(afterRestore);
    const history = await ops.admin.audit({ targetType: 'product', targetId: product.productId });
    expect(history.items.map((h) => h.action)).toEqual(['content.restore', 'content.hide']);
  });

  it('hiding a review removes it from the lists and the rating summary and drops the cached pages of its shop at once', async () => {
    const { shop, product, review } = await reviewedShop(get(), { body: 'Horrible people, avoid' });
    const { caller: ops } = await operatorCaller(get());
    const anon = await get().caller();
    expect((await anon.reviews.summary({ productId: product.productId })).count).toBe(1);
    const release = retainChangeNotifier(get().database);
    const heard: string[] = [];
    const unsubscribe = await changeNotifier(get().database).subscribe((vendorId) => heard.push(vendorId));
    try {
      await ops.admin.content.hide({ kind: 'review', id: review.id, reason: 'Personal attack on staff' });
      await expect.poll(() => heard).toContain(shop.vendorId);
    } finally {
      unsubscribe();
      await release();
    }
    expect(await anon.reviews.summary({ productId: product.productId })).toEqual({ count: 0, average: null, distribution: [0, 0, 0, 0, 0] });
    expect((await anon.reviews.list({ vendorId: shop.vendorId })).items).toEqual([]);
    expect((await db().select({ hidden: reviews.hidden }).from(reviews).where(eq(reviews.id, review.id)))[0]?.hidden).toBe(true);
    const item = await ops.admin.content.item({ kind: 'review', id: review.id });
    expect(item).toMatchObject({ hidden: true, content: { kind: 'review', body: 'Horrible people, avoid', productName: 'Cardamom bun' } });
    await ops.admin.content.restore({ kind: 'review', id: review.id, reason: 'Appeal accepted' });
    expect((await anon.reviews.summary({ productId: product.productId })).count).toBe(1);
  });

  it('dismisses reports without touching the item; bad input and impossible actions are refused and write nothing', async () => {
    const { shop, product } = await reviewedShop(get());
    const { caller: ops } = await operatorCaller(get());
    const a = await customerCaller(get());
    const b = await customerCaller(get());
    await a.caller.reports.create({ kind: 'shop', targetId: shop.vendorId, reason: 'other', details: 'They were closed' });
    await b.caller.reports.create({ kind: 'shop', targetId: shop.vendorId, reason: 'spam' });
    const [first] = (await ops.admin.content.reports({ kind: 'shop', id: shop.vendorId, limit: 1 })).items;

    const before = await writes();
    const refusals = [
      () => ops.admin.content.hide({ kind: 'shop' as 'product', id: shop.vendorId, reason: 'Suspend it' }),
      () => ops.admin.content.hide({ kind: 'product', id: product.productId, reason: '   ' }),
      () => ops.admin.content.hide({ kind: 'product', id: '01900000-0000-7000-8000-000000000000', reason: 'Gone' }),
      () => ops.admin.content.dismiss({ kind: 'shop', id: shop.vendorId, reportIds: [], reason: 'x' }),
      () => ops.admin.content.dismiss({ kind: 'product', id: product.productId, reason: 'No reports here' }),
      () => ops.admin.content.dismiss({ kind: 'shop', id: shop.vendorId, reportIds: [first!.id, '01900000-0000-7000-8000-000000000000'], reason: 'One is not a report' }),
      () => ops.admin.content.queue({ cursor: 'not-a-cursor' }),
      () => ops.admin.content.reports({ kind: 'shop', id: shop.vendorId, cursor: '!!' }),
    ];
    const seen = [];
    for (const call of refusals) seen.push((await failure(call())).appCode);
    expect(seen).toEqual(['BAD_INPUT', 'BAD_INPUT', 'NOT_FOUND', 'BAD_INPUT', 'CONFLICT', 'CONFLICT', 'BAD_INPUT', 'BAD_INPUT']);
    const shopHide = await failure(ops.admin.content.hide({ kind: 'shop' as 'product', id: shop.vendorId, reason: 'Suspend it' }));
    expect(shopHide.message).toContain('a shop is suspended from the Shops area');
    expect(await writes()).toEqual(before);

    expect(await ops.admin.content.dismiss({ kind: 'shop', id: shop.vendorId, reportIds: [first!.id], reason: 'Closed on a bank holiday' })).toMatchObject({ closedReports: 1, hidden: false });
    expect((await ops.admin.content.item({ kind: 'shop', id: shop.vendorId })).openReports).toBe(1);
    expect(await ops.admin.content.dismiss({ kind: 'shop', id: shop.vendorId, reason: 'Not spam' })).toMatchObject({ closedReports: 1 });
    expect((await ops.admin.content.queue({ limit: 100 })).items.map((i) => i.id)).not.toContain(shop.vendorId);
    // a shop's history is the vendor's, shared with the Shops area
    const history = await ops.admin.audit({ targetType: 'vendor', targetId: shop.vendorId });
    expect(history.items.map((h) => [h.action, h.reason])).toEqual([
      ['content.dismiss', 'Not spam'],
      ['content.dismiss', 'Closed on a bank holiday'],
    ]);
    // the shop was not told about dismissed reports, and the product was never touched
    expect(await countRows(db(), 'email_outbox')).toBe(before[2]);
    expect((await db().select({ h: products.moderationHidden }).from(products).where(eq(products.id, product.productId)))[0]?.h).toBe(false);
    // the same customer can report again once their report was closed
    await a.caller.reports.create({ kind: 'shop', targetId: shop.vendorId, reason: 'other' });
  });

  it('pages the queue newest first and most reported first, each item once', async () => {
    const { caller: ops } = await operatorCaller(get());
    const shops: { vendorId: string }[] = [];
    for (let i = 0; i < 5; i++) shops.push((await reviewedShop(get())).shop);
    const reporters = [await customerCaller(get()), await customerCaller(get()), await customerCaller(get())];
    // shop i gets (i % 3) + 1 reports
    for (const [i, s] of shops.entries()) for (const r of reporters.slice(0, (i % 3) + 1)) await r.caller.reports.create({ kind: 'shop', targetId: s.vendorId, reason: 'spam' });

    for (const sort of ['newest', 'most'] as const) {
      const seen: { id: string; n: number }[] = [];
      let cursor: string | undefined;
      do {
        const page = await ops.admin.content.queue({ sort, limit: 2, kind: 'shop', ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((x) => ({ id: x.id, n: x.openReports })));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      // every item once (other tests of this file left open reports too)
      expect(new Set(seen.map((s) => s.id)).size).toBe(seen.length);
      const mine = seen.filter((s) => shops.some((x) => x.vendorId === s.id));
      if (sort === 'most') expect(mine.map((s) => s.n)).toEqual([3, 2, 2, 1, 1]);
      else expect(mine.map((s) => s.id)).toEqual([...shops].reverse().map((s) => s.vendorId));
    }
    // a cursor of one sort is refused by the other
    const page = await ops.admin.content.queue({ sort: 'most', limit: 1 });
    expect((await failure(ops.admin.content.queue({ sort: 'newest', cursor: page.nextCursor! }))).appCode).toBe('BAD_INPUT');
  });
});
