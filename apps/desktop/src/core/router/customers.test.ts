import { uuidv7 } from '@makeries/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { createCredentialStore } from '../sync/credentials';
import { expectRefused, startKit, type Kit } from './test-kit';

let kit: Kit | undefined;
afterEach(async () => {
  await kit?.close();
  kit = undefined;
});

const ada = { id: uuidv7(), name: 'Ada Lovelace', email: 'ada@example.test', phone: '07700 900123' };

async function ready(k: Kit) {
  if (!k.core.shifts.current()) k.core.shifts.open({ floatCents: 5000 });
  await k.client.cart.addVariant.mutate({ variantId: k.shop.variants.loaf, quantity: 1 });
}

async function pay(k: Kit) {
  const cart = await k.client.cart.current.query();
  if (!cart) throw new Error('no cart');
  return k.client.sales.complete.mutate({ cartId: cart.id, tenders: [{ kind: 'cash', tenderedCents: cart.totals.totalCents }] });
}

const outbox = (k: Kit, name: string) =>
  (k.core.ctx.sqlite.prepare('SELECT args, status FROM outbox WHERE name = ? ORDER BY mutation_id').all(name) as { args: string; status: string }[]).map((r) => ({
    status: r.status,
    args: JSON.parse(r.args) as Record<string, unknown>,
  }));

describe('customers on a sale', () => {
  it('attaches a found customer: shown on the cart and the sale, carried to the server with the sale, their email offered for the receipt', async () => {
    kit = await startKit();
    await ready(kit);
    const cart = await kit.client.customers.attach.mutate({ customer: ada });
    expect(cart).toMatchObject({ customerId: ada.id, customerName: 'Ada Lovelace' });
    expect(await kit.client.customers.current.query()).toEqual({ customerId: ada.id, name: 'Ada Lovelace', email: 'ada@example.test' });
    const sale = await pay(kit);
    expect(outbox(kit, 'sale.complete').at(-1)?.args).toMatchObject({ id: sale.id, customerId: ada.id });
    expect(await kit.client.customers.forSale.query({ saleId: sale.id })).toEqual({ customerId: ada.id, name: 'Ada Lovelace', email: 'ada@example.test' });
  });

  it('detaches, and keeps an address typed only for the receipt (offline, no account)', async () => {
    kit = await startKit();
    await ready(kit);
    await kit.client.customers.attach.mutate({ customer: ada });
    expect(await kit.client.customers.attach.mutate({ customer: null })).toMatchObject({ customerId: null, customerName: null });
    await kit.client.customers.setReceiptAddress.mutate({ email: 'Walk.In@Example.test' });
    expect(await kit.client.customers.current.query()).toEqual({ customerId: null, name: null, email: 'walk.in@example.test' });
    const sale = await pay(kit);
    expect(await kit.client.customers.forSale.query({ saleId: sale.id })).toEqual({ customerId: null, name: null, email: 'walk.in@example.test' });
    const k = kit;
    await expectRefused(k.core, () => k.client.customers.setReceiptAddress.mutate({ email: 'walk.in@' }), 'BAD_INPUT');
  });

  it('lookup says it needs the connection (and what to do instead) when the marketplace cannot be reached', async () => {
    kit = await startKit();
    const k = kit;
    await expectRefused(k.core, () => k.client.customers.lookup.query({ query: 'ada@example.test' }), 'CONFLICT'); // not paired for real
    createCredentialStore(k.t.dir).write({ deviceId: k.shop.deviceId, token: 'device-token', serverUrl: 'http://127.0.0.1:9' });
    const err = await expectRefused(k.core, () => k.client.customers.lookup.query({ query: 'ada@example.test' }), 'CONFLICT');
    expect(err.message).toMatch(/needs a connection.*type their email just for the receipt/);
    await expectRefused(k.core, () => k.client.customers.lookup.query({ query: 'ad' }), 'BAD_INPUT');
  });
});

describe('email receipt', () => {
  it('queues the email behind the sale in the outbox, says it waits for the connection, and lists it on the sale', async () => {
    kit = await startKit();
    await ready(kit);
    const sale = await pay(kit);
    const queued = await kit.client.customers.emailReceipt.mutate({ saleId: sale.id, to: 'Ada@Example.test' });
    expect(queued).toMatchObject({ to: 'ada@example.test', status: 'pending', online: false });
    const rows = outbox(kit, 'receipt.email');
    expect(rows).toEqual([{ status: 'pending', args: expect.objectContaining({ orderId: sale.id, to: 'ada@example.test', staffId: kit.shop.staff.cashier }) }]);
    const order = kit.core.ctx.sqlite.prepare(`SELECT name FROM outbox ORDER BY mutation_id`).all() as { name: string }[];
    expect(order.map((r) => r.name).slice(-2)).toEqual(['sale.complete', 'receipt.email']);
    expect(await kit.client.customers.receiptEmails.query({ saleId: sale.id })).toEqual([expect.objectContaining({ to: 'ada@example.test', status: 'pending' })]);
    expect(await kit.client.customers.forSale.query({ saleId: sale.id })).toMatchObject({ email: 'ada@example.test' });
  });

  it('refuses a bad address or an unknown sale and queues nothing', async () => {
    kit = await startKit();
    await ready(kit);
    const sale = await pay(kit);
    const k = kit;
    const err = await expectRefused(k.core, () => k.client.customers.emailReceipt.mutate({ saleId: sale.id, to: 'ada@example' }), 'BAD_INPUT');
    expect(err.message).toMatch(/valid email/);
    await expectRefused(k.core, () => k.client.customers.emailReceipt.mutate({ saleId: sale.id, to: 'ada example.test' }), 'BAD_INPUT');
    await expectRefused(k.core, () => k.client.customers.emailReceipt.mutate({ saleId: uuidv7(), to: 'ada@example.test' }), 'NOT_FOUND');
  });
});
