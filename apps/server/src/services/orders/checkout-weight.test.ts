import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { orderLines } from '../../db/schema/index';
import { describeEachDb } from '../../test/harness';
import { addProduct, checkoutRequest, createShop, failure, levelOf, writeSnapshot } from './test-kit';

/** A customer orders a weighed item by any weight: the quote and the checkout apply the same shared limits. */
describeEachDb('ordering weighed items by any weight', (get) => {
  const db = () => get().database.db;

  async function cheeseShop(stock = 5000) {
    const shop = await createShop(db(), { vendor: { name: 'Cheese Room' }, rates: { standard: 2000, zero: 0 } });
    const cheese = await addProduct(db(), shop.vendorId, { name: 'Cheddar', priceCents: 2400, soldBy: 'weight', taxClass: 'zero', stock });
    return { shop, cheese };
  }

  it('quotes and sells 375 g of £24.00/kg cheese for £9.00 and reserves 375 g', async () => {
    const { shop, cheese } = await cheeseShop();
    const anon = await get().caller();
    const quote = await anon.cart.quote({ items: [{ variantId: cheese.variantId, quantity: 375 }] });
    expect(quote.problems).toEqual([]);
    expect(quote.lines.map((l) => [l.soldBy, l.unitPriceCents, l.shortOf])).toEqual([['weight', 2400, null]]);

    const result = await anon.orders.checkout(checkoutRequest([[cheese, 375]], [{ vendorId: shop.vendorId }]));
    expect(result.totalCents).toBe(900);
    const [line] = await db().select().from(orderLines).where(eq(orderLines.orderId, result.orders[0]!.id));
    expect(line).toMatchObject({ quantity: 375, soldBy: 'weight', unitPriceCents: 2400, totalCents: 900 });
    expect(await levelOf(db(), cheese.variantId)).toEqual({ onHand: 5000, reserved: 375 });
    // the product page bounds the weight input by the stock left
    expect((await anon.products.byId({ productId: cheese.productId })).variants[0]).toMatchObject({ soldBy: 'weight', maxGrams: 4625 });
  });

  it('refuses less than the minimum, an amount off the 5 g step and more than 20 kg in the quote and at checkout, writing nothing', async () => {
    const { shop, cheese } = await cheeseShop(50_000);
    const anon = await get().caller();
    const refusals: [number, string][] = [
      [40, 'Order at least 50 g of Cheddar.'],
      [377, 'Order Cheddar in steps of 5 g (e.g. 375 g).'],
      [20_005, 'Order at most 20 kg of Cheddar.'],
    ];
    for (const [grams, message] of refusals) {
      const quote = await anon.cart.quote({ items: [{ variantId: cheese.variantId, quantity: grams }] });
      expect(quote.problems).toEqual([{ vendorId: shop.vendorId, variantId: cheese.variantId, code: 'BAD_INPUT', message }]);

      const before = await writeSnapshot(db());
      const f = await failure(anon.orders.checkout(checkoutRequest([[cheese, grams]], [{ vendorId: shop.vendorId }])));
      expect(f).toMatchObject({ appCode: 'BAD_INPUT', message, details: { variantIds: [cheese.variantId] } });
      expect(await writeSnapshot(db())).toEqual(before);
    }
  });

  it('checks the merged weight when the same cheese is added twice', async () => {
    const { shop, cheese } = await cheeseShop();
    const anon = await get().caller();
    // 25 g alone is below the minimum, but 25 g + 350 g is one 375 g line
    const result = await anon.orders.checkout(checkoutRequest([[cheese, 25], [cheese, 350]], [{ vendorId: shop.vendorId }]));
    expect(result.totalCents).toBe(900);
  });

  it('refuses more than the stock left, naming it as a weight, in the quote and at checkout, writing nothing', async () => {
    const { shop, cheese } = await cheeseShop(1200);
    const anon = await get().caller();
    const quote = await anon.cart.quote({ items: [{ variantId: cheese.variantId, quantity: 1500 }] });
    expect((await anon.products.byId({ productId: cheese.productId })).variants[0]?.maxGrams).toBe(1200);
    expect(quote.lines[0]?.shortOf).toEqual({ available: 1200 });
    expect(quote.problems).toEqual([{ vendorId: shop.vendorId, variantId: cheese.variantId, code: 'OUT_OF_STOCK', message: 'Only 1.2 kg left of Cheddar.' }]);

    const before = await writeSnapshot(db());
    const f = await failure(anon.orders.checkout(checkoutRequest([[cheese, 1500]], [{ vendorId: shop.vendorId }])));
    expect(f.appCode).toBe('OUT_OF_STOCK');
    expect(f.message).toBe('Only 1.2 kg left: Cheddar. Lower the quantity or remove it.');
    expect(await writeSnapshot(db())).toEqual(before);
  });
});
