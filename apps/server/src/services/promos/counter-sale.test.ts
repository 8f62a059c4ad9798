import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { orderLines, orders, promoRedemptions } from '../../db/schema/index';
import { describeEachDb } from '../../test/harness';
import { addProduct, envelope, epochOf, pairCounter, saleArgs } from '../sync/sync-test-kit';
import { promoState, shopPromo } from './test-kit';

describeEachDb('promo codes used at the till reach the server with the sale', (get) => {
  const db = () => get().database.db;

  it('records the redemption once; over the limit (sold offline) is never refused, it is flagged and counted', async () => {
    const c = await pairCounter(get());
    const bun = await addProduct(db(), c.shop.vendorId, { name: 'Bun', priceCents: 250, stock: 50 });
    const promo = await shopPromo(db(), c.shop.vendorId, { code: 'TILL1', discount: { kind: 'amount', amountCents: 50 }, totalLimit: 1 });
    const epoch = await epochOf(db());
    // two sales made offline with the same single-use code, the first one sent twice
    const withPromo = () => {
      const sale = saleArgs(c, [[bun, 2]]);
      const line = sale.lines[0]!;
      return { ...sale, discountCents: 50, totalCents: 450, lines: [{ ...line, discountCents: 50, totalCents: 450, taxCents: 75 }], payments: [{ ...sale.payments[0]!, amountCents: 450, tenderedCents: 450 }], promo: { code: 'till1', cents: 50, lines: [{ lineId: line.id, cents: 50 }] } };
    };
    const first = withPromo();
    const second = withPromo();
    const res = await c.caller.sync.push({ epoch, mutations: [envelope(1, 'sale.complete', first), envelope(2, 'sale.complete', first), envelope(3, 'sale.complete', second)] });
    expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);

    const redemptions = await db().select().from(promoRedemptions).where(eq(promoRedemptions.promoCodeId, promo.id));
    expect(redemptions.map((r) => [r.orderId, r.channel, r.discountCents, r.overLimit]).sort()).toEqual(
      [
        [first.id, 'counter', 50, false],
        [second.id, 'counter', 50, true],
      ].sort(),
    );
    expect(await promoState(db(), promo.id)).toEqual({ uses: 2, given: 100, redemptions: 2, overLimit: 1 });
    const [order] = await db().select().from(orders).where(eq(orders.id, second.id));
    expect(order).toMatchObject({ promoCode: 'TILL1', promoCents: 50, totalCents: 450, status: 'completed' });
    const [line] = await db().select().from(orderLines).where(eq(orderLines.orderId, second.id));
    expect(line?.promoCents).toBe(50);
    // the shop's list reports the over-use
    const listed = await (await get().caller({ bearer: c.shop.managerToken })).promos.list({});
    expect(listed.items[0]).toMatchObject({ code: 'TILL1', uses: 2, overLimitUses: 1 });
  });

  it('a code the server does not know for this shop leaves the sale as sold, with no redemption', async () => {
    const c = await pairCounter(get());
    const bun = await addProduct(db(), c.shop.vendorId, { name: 'Bun', priceCents: 250, stock: 50 });
    const sale = { ...saleArgs(c, [[bun, 1]]), promo: { code: 'NOSUCH', cents: 0, lines: [] } };
    const res = await c.caller.sync.push({ epoch: await epochOf(db()), mutations: [envelope(1, 'sale.complete', sale)] });
    expect(res.results.map((r) => r.status)).toEqual(['applied']);
    expect(await db().select().from(promoRedemptions).where(eq(promoRedemptions.orderId, sale.id))).toEqual([]);
  });
});
