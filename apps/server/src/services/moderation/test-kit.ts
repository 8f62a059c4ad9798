import { createContextInner } from '../../context';
import { appRouter } from '../../routers/index';
import { createCallerFactory } from '../../trpc';
import type { TestServer } from '../../test/harness';
import { createCustomerFixture, type CustomerFixture } from '../../test/fixtures';
import { addProduct, checkoutRequest, createShop, type TestProduct } from '../orders/test-kit';
import { createOperatorFixture, operatorSessionCookie } from '../operators/test-kit';

/** Shops, reviews and an operator for the moderation tests. Not a test file itself. */

const createCaller = createCallerFactory(appRouter);

/** A caller signed in to the console as a fresh operator. */
export async function operatorCaller(server: TestServer) {
  const db = server.database.db;
  const op = await createOperatorFixture(db);
  const ctx = await createContextInner({ database: server.database, env: server.env, operatorCookie: await operatorSessionCookie(db, op.operator.id), ip: '203.0.113.9', requestId: 'req-moderation' });
  return { caller: createCaller(ctx), operatorId: op.operator.id };
}

/** A shop with a product a customer bought and collected, and that customer's review of the product. */
export async function reviewedShop(server: TestServer, opts: { productName?: string; body?: string } = {}) {
  const db = server.database.db;
  const shop = await createShop(db, { vendor: { name: 'Moss Street Bakery' } });
  const product: TestProduct = await addProduct(db, shop.vendorId, { name: opts.productName ?? 'Cardamom bun', priceCents: 350 });
  const author: CustomerFixture = await createCustomerFixture(db);
  const buyer = await server.caller({ sessionCookie: author.cookie });
  const placed = await buyer.orders.checkout(checkoutRequest([[product, 1]], [{ vendorId: shop.vendorId }]));
  const order = placed.orders[0];
  if (!order) throw new Error('moderation set-up: no order');
  const owner = await server.caller({ bearer: shop.ownerToken });
  for (const to of ['accepted', 'ready', 'completed'] as const) await owner.orders.transition({ orderId: order.id, to });
  const review = await buyer.reviews.create({ orderId: order.id, productId: product.productId, rating: 1, body: opts.body ?? 'Rude staff, awful bun' });
  return { shop, product, review, author };
}

export async function customerCaller(server: TestServer) {
  const customer = await createCustomerFixture(server.database.db);
  return { customer, caller: await server.caller({ sessionCookie: customer.cookie }) };
}
