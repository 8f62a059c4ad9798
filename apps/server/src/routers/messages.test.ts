import { CUSTOMER_MESSAGES_PER_HOUR, uuidv7 } from '@makeries/shared';
import { and, count, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { contentReports, notifications, orderMessages } from '../db/schema/index';
import { checkoutRequest } from '../services/orders/test-kit';
import { addProduct, envelope, epochOf, pairCounter, type Counter } from '../services/sync/sync-test-kit';
import { operatorCaller } from '../services/moderation/test-kit';
import { createCustomerFixture } from '../test/fixtures';
import { describeEachDb, type Caller } from '../test/harness';

/** a 1×1 transparent PNG */
const TINY_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describeEachDb('order messages', (get) => {
  const db = () => get().database.db;
  let counter: Counter;
  let other: Counter;
  let owner: Caller;
  let guest: Caller;
  let customer: Caller;
  let stranger: Caller;
  let guestOrder: { id: string; trackingToken: string };
  let customerOrderId: string;

  const rows = async (orderId: string) => (await db().select({ n: count() }).from(orderMessages).where(eq(orderMessages.orderId, orderId)))[0]?.n ?? 0;

  beforeAll(async () => {
    counter = await pairCounter(get());
    other = await pairCounter(get());
    owner = await get().caller({ bearer: counter.shop.ownerToken });
    const product = await addProduct(db(), counter.shop.vendorId, { name: 'Sourdough', priceCents: 400, stock: 50 });
    guest = await get().caller();
    const placed = (await guest.orders.checkout(checkoutRequest([[product, 1]], [{ vendorId: counter.shop.vendorId }]))) as { orders: { id: string; trackingToken: string }[] };
    guestOrder = placed.orders[0]!;
    const buyer = await createCustomerFixture(db());
    customer = await get().caller({ sessionCookie: buyer.cookie });
    const mine = (await customer.orders.checkout(checkoutRequest([[product, 1]], [{ vendorId: counter.shop.vendorId }]))) as { orders: { id: string }[] };
    customerOrderId = mine.orders[0]!.id;
    stranger = await get().caller({ sessionCookie: (await createCustomerFixture(db())).cookie });
  });

  it('a guest with the tracking link and the shop write to each other; both read the thread in order', async () => {
    const t = guestOrder.trackingToken;
    const first = await guest.messages.send({ id: uuidv7(), orderId: guestOrder.id, trackingToken: t, text: 'Can you slice the loaf?' });
    expect(first).toMatchObject({ author: 'customer', text: 'Can you slice the loaf?', photoUrl: null });
    const shopList = await counter.caller.messages.listForShop({ orderId: guestOrder.id });
    expect(shopList.messages.map((m) => m.text)).toEqual(['Can you slice the loaf?']);
    await owner.messages.reply({ id: uuidv7(), orderId: guestOrder.id, text: 'Yes — <b>sliced</b> thin.' });
    const page = await guest.messages.list({ orderId: guestOrder.id, trackingToken: t });
    // stored and returned as typed: plain text, never HTML
    expect(page.messages.map((m) => [m.author, m.text])).toEqual([
      ['customer', 'Can you slice the loaf?'],
      ['shop', 'Yes — <b>sliced</b> thin.'],
    ]);
    expect(page.olderBefore).toBeNull();
    const [stored] = await db().select().from(orderMessages).where(and(eq(orderMessages.orderId, guestOrder.id), eq(orderMessages.author, 'shop')));
    expect(stored?.staffId).toBe(counter.shop.ownerId);
  });

  it('the signed-in customer writes on their own order; a photo goes through the image pipeline', async () => {
    const sent = await customer.messages.send({ id: uuidv7(), orderId: customerOrderId, text: '', photo: { contentType: 'image/png', dataBase64: TINY_PNG } });
    expect(sent.photoUrl).toMatch(/^\/media\/messages\/.+-md\.webp$/);
    expect(sent.photoThumbUrl).toMatch(/-th\.webp$/);
    expect((await customer.messages.list({ orderId: customerOrderId })).messages).toHaveLength(1);
    expect(await db().select().from(notifications).where(eq(notifications.dedupeKey, `message:${sent.id}`))).toEqual([]);
  });

  it('pages backwards through a long thread', async () => {
    const c = await pairCounter(get());
    const p = await addProduct(db(), c.shop.vendorId, { name: 'Rye', priceCents: 300, stock: 10 });
    const placed = (await guest.orders.checkout(checkoutRequest([[p, 1]], [{ vendorId: c.shop.vendorId }]))) as { orders: { id: string }[] };
    const orderId = placed.orders[0]!.id;
    for (let i = 1; i <= 5; i++) await c.caller.messages.reply({ id: uuidv7(), orderId, text: `Note ${i}` });
    const newest = await c.caller.messages.listForShop({ orderId, limit: 2 });
    expect(newest.messages.map((m) => m.text)).toEqual(['Note 4', 'Note 5']);
    const older = await c.caller.messages.listForShop({ orderId, limit: 2, before: newest.olderBefore! });
    expect(older.messages.map((m) => m.text)).toEqual(['Note 2', 'Note 3']);
  });

  it('another customer, a wrong token, another shop and its counter are refused and write nothing', async () => {
    const before = await rows(customerOrderId);
    await expect(stranger.messages.send({ id: uuidv7(), orderId: customerOrderId, text: 'Hi' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(stranger.messages.list({ orderId: customerOrderId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(guest.messages.send({ id: uuidv7(), orderId: guestOrder.id, trackingToken: 'x'.repeat(43), text: 'Hi' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(guest.messages.list({ orderId: guestOrder.id })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(other.caller.messages.reply({ id: uuidv7(), orderId: customerOrderId, text: 'Hi' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(other.caller.messages.listForShop({ orderId: customerOrderId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // the shop's own staff are not the customer: on the customer's side they need the tracking link like anyone
    await expect(owner.messages.send({ id: uuidv7(), orderId: customerOrderId, text: 'Hi' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await rows(customerOrderId)).toBe(before);
  });

  it('bad input is BAD_INPUT with a human message and writes nothing', async () => {
    const before = await rows(customerOrderId);
    const bad = [
      { text: '' },
      { text: 'x'.repeat(1001) },
      { text: 'Hi\u0000there' },
      { text: 'Hi', photo: { contentType: 'text/html', dataBase64: 'PGI+' } },
    ];
    for (const b of bad) {
      await expect(customer.messages.send({ id: uuidv7(), orderId: customerOrderId, ...b } as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
    const err = await customer.messages.send({ id: uuidv7(), orderId: customerOrderId, text: '   ' }).then(
      () => null,
      (e: unknown) => e as { message: string },
    );
    expect(err?.message).toContain('Write a message or attach a photo');
    await expect(customer.messages.send({ id: uuidv7(), orderId: customerOrderId, text: 'Hi', photo: { contentType: 'image/png', dataBase64: 'bm90IGFuIGltYWdl' } })).rejects.toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
    expect(await rows(customerOrderId)).toBe(before);
  });

  it('sending the same message id twice stores it once; reusing an id on another order is refused', async () => {
    const id = uuidv7();
    const before = await rows(customerOrderId);
    const a = await customer.messages.send({ id, orderId: customerOrderId, text: 'Double tap' });
    const b = await customer.messages.send({ id, orderId: customerOrderId, text: 'Double tap' });
    expect(b).toEqual(a);
    expect(await rows(customerOrderId)).toBe(before + 1);
    await expect(guest.messages.send({ id, orderId: guestOrder.id, trackingToken: guestOrder.trackingToken, text: 'Hijack' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('a counter reply pushed twice (lost response, resend) is one message', async () => {
    const id = uuidv7();
    const args = { id, orderId: customerOrderId, staffId: counter.shop.cashierId, text: 'Running 10 minutes late', sentAt: new Date().toISOString() };
    const me = await counter.caller.devices.me();
    const epoch = await epochOf(db());
    const first = await counter.caller.sync.push({ epoch, mutations: [envelope(me.device.lastMutationId + 1, 'order.message', args)] });
    expect(first.results[0]?.status).toBe('applied');
    // the same reply again, as a new mutation (an epoch change makes a counter resend its retained outbox)
    const again = await counter.caller.sync.push({ epoch, mutations: [envelope(me.device.lastMutationId + 2, 'order.message', args)] });
    expect(again.results[0]?.status).toBe('applied');
    expect(await db().select({ n: count() }).from(orderMessages).where(eq(orderMessages.id, id))).toEqual([{ n: 1 }]);
    // the customer is told once, however often the push comes
    const told = await db().select().from(notifications).where(eq(notifications.dedupeKey, `message:${id}`));
    expect(told.map((n) => [n.topic, n.orderId, n.body])).toEqual([['order_message', customerOrderId, 'Running 10 minutes late']]);
    const seen = await customer.messages.list({ orderId: customerOrderId });
    expect(seen.messages.filter((m) => m.text === 'Running 10 minutes late')).toHaveLength(1);
  });

  it('a customer may send at most the hourly limit per order', async () => {
    const c = await pairCounter(get());
    const p = await addProduct(db(), c.shop.vendorId, { name: 'Bagel', priceCents: 100, stock: 10 });
    const placed = (await guest.orders.checkout(checkoutRequest([[p, 1]], [{ vendorId: c.shop.vendorId }]))) as { orders: { id: string; trackingToken: string }[] };
    const o = placed.orders[0]!;
    for (let i = 0; i < CUSTOMER_MESSAGES_PER_HOUR; i++) await guest.messages.send({ id: uuidv7(), orderId: o.id, trackingToken: o.trackingToken, text: `Message ${i}` });
    await expect(guest.messages.send({ id: uuidv7(), orderId: o.id, trackingToken: o.trackingToken, text: 'One more' })).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(await rows(o.id)).toBe(CUSTOMER_MESSAGES_PER_HOUR);
    // the shop can still answer
    await c.caller.messages.reply({ id: uuidv7(), orderId: o.id, text: 'Got them all' });
  });

  it('each side reports the other side’s message to the operator, once; not its own', async () => {
    const shopMsg = await owner.messages.reply({ id: uuidv7(), orderId: guestOrder.id, text: 'Rude words' });
    const custMsg = await guest.messages.send({ id: uuidv7(), orderId: guestOrder.id, trackingToken: guestOrder.trackingToken, text: 'Spam spam' });
    const t = guestOrder.trackingToken;
    await expect(guest.messages.report({ orderId: guestOrder.id, trackingToken: t, messageId: custMsg.id, reason: 'spam' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const r = await guest.messages.report({ orderId: guestOrder.id, trackingToken: t, messageId: shopMsg.id, reason: 'offensive', details: 'Not nice' });
    expect(r).toMatchObject({ kind: 'message', targetId: shopMsg.id });
    await expect(guest.messages.report({ orderId: guestOrder.id, trackingToken: t, messageId: shopMsg.id, reason: 'offensive' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await counter.caller.messages.reportFromShop({ orderId: guestOrder.id, messageId: custMsg.id, reason: 'spam' });
    await expect(other.caller.messages.reportFromShop({ orderId: guestOrder.id, messageId: custMsg.id, reason: 'spam' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // the operator's queue shows them; a message is dismissed there (it is not hidden like a product)
    const { caller: ops } = await operatorCaller(get());
    const queue = await ops.admin.content.queue({ kind: 'message' });
    expect(queue.items.map((i) => [i.id, i.title])).toEqual(expect.arrayContaining([[shopMsg.id, 'Rude words']]));
    const item = await ops.admin.content.item({ kind: 'message', id: shopMsg.id });
    expect(item.content).toMatchObject({ kind: 'message', author: 'shop', body: 'Rude words' });
    expect((await ops.admin.content.reports({ kind: 'message', id: custMsg.id })).items).toMatchObject([{ reason: 'spam', reporter: 'shop', customer: null }]);
    await ops.admin.content.dismiss({ kind: 'message', id: custMsg.id, reason: 'Ordinary customer question' });
    const reports = await db().select().from(contentReports).where(eq(contentReports.kind, 'message'));
    expect(reports.map((x) => [x.targetId, x.reporter, x.customerId])).toEqual(
      expect.arrayContaining([
        [shopMsg.id, 'guest', null],
        [custMsg.id, 'shop', null],
      ]),
    );
  });
});
