import { afterEach, describe, expect, it } from 'vitest';
import { PosError, type OutboundOrder } from '../types';
import { READ_ONLY_SCOPES } from './fake/index';
import { RESTAURANT, startToastKit, type ToastKit } from './fake/kit';

const ORDERS = '/orders/v2/orders';
let kit: ToastKit | null = null;

afterEach(async () => {
  await kit?.fake.close();
  kit = null;
});

function order(ids: string[], patch: Partial<OutboundOrder> = {}): OutboundOrder {
  return {
    orderId: '0193a0b0-0000-7000-8000-000000000001',
    number: 'M-1042',
    currency: 'USD',
    lines: [
      { variantExtId: ids[0] ?? '', quantity: 2, unitPriceCents: 299, name: 'Item 1' },
      { variantExtId: ids[1] ?? '', quantity: 1, unitPriceCents: 399, name: 'Item 2' },
    ],
    totalCents: 997,
    customerName: 'Ada Lovelace',
    customerPhone: '+15555550100',
    customerEmail: 'ada@example.test',
    note: '',
    paymentRef: 'pi_123',
    ...patch,
  };
}

async function seeded(opts: Parameters<typeof startToastKit>[0] = {}): Promise<{ k: ToastKit; ids: string[] }> {
  kit = await startToastKit(opts);
  return { k: kit, ids: kit.fake.seedMenu(RESTAURANT, 10, { requiredEvery: 5 }) };
}

const KEY = 'mk-ord-0193a0b0-0000-7000-8000-000000000001';

describe('Toast connector: web orders', () => {
  it('posts the order once with the current menu guids, the take-out option and an OTHER payment; counted stock goes down', async () => {
    const { k, ids } = await seeded();
    k.fake.setStock(RESTAURANT, ids[0] ?? '', 'QUANTITY', 10);
    k.fake.republish(RESTAURANT);
    const r = await k.connector.pushOrder(k.conn, order(ids), KEY);
    const stored = k.fake.restaurant(RESTAURANT).orders.get(r.extOrderId);
    expect(stored?.externalId).toBe(KEY);
    expect(stored?.diningOption.guid).toBe('take-out-0001');
    expect(stored?.checks[0]?.payments).toEqual([expect.objectContaining({ type: 'OTHER', amount: 9.97, otherPayment: { guid: 'other-pay-makeries' } })]);
    expect(stored?.checks[0]?.customer).toEqual({ firstName: 'Ada', lastName: 'Lovelace', phone: '+15555550100', email: 'ada@example.test' });
    expect(k.fake.stockOf(RESTAURANT, ids[0] ?? '').quantity).toBe(8);
    expect(k.connector.orderTakesStock).toBe('on_create');
  });

  it('a retry after a lost answer finds the order Toast already has (duplicate externalId), not a second one', async () => {
    const { k, ids } = await seeded();
    k.fake.faults.failAfterCommit({ times: 1, path: ORDERS });
    const lost = await k.connector.pushOrder(k.conn, order(ids), KEY).catch((e: unknown) => e);
    expect((lost as PosError).kind).toBe('transient');
    const r = await k.connector.pushOrder(k.conn, order(ids), KEY);
    const all = [...k.fake.restaurant(RESTAURANT).orders.values()];
    expect(all.length).toBe(1);
    expect(r.extOrderId).toBe(all[0]?.guid);
    expect(k.fake.requests.filter((q) => q.path === ORDERS && q.status === 409).length).toBe(1);
  });

  it('a read-only connection refuses orders with a sentence saying so, and sends nothing', async () => {
    const { k, ids } = await seeded({ scopes: READ_ONLY_SCOPES });
    const e = await k.connector.pushOrder(k.conn, order(ids), KEY).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PosError);
    expect((e as PosError).kind).toBe('rejected');
    expect((e as PosError).message).toMatch(/^This Toast connection is read-only: /);
    expect(k.calls(ORDERS)).toBe(0);
  });

  it('refuses in-store-only items, items gone from the menu, and paid orders without the online payment type', async () => {
    const { k, ids } = await seeded();
    const required = order(ids, { lines: [{ variantExtId: ids[4] ?? '', quantity: 1, unitPriceCents: 100, name: 'Sized loaf' }] });
    await expect(k.connector.pushOrder(k.conn, required, KEY)).rejects.toMatchObject({ kind: 'rejected', message: 'Sized loaf needs a choice made at the till in Toast.' });
    k.fake.removeItem(RESTAURANT, ids[1] ?? '');
    await expect(k.connector.pushOrder(k.conn, order(ids), KEY)).rejects.toMatchObject({ kind: 'rejected', message: 'Item 2 is no longer on the Toast menu.' });
    const noPay = (await import('./connector')).createToastConnector({ ...k.env, TOAST_OTHER_PAYMENT_GUID: undefined });
    await expect(noPay.pushOrder(k.conn, order([ids[0] ?? '', ids[2] ?? '']), KEY)).rejects.toMatchObject({ kind: 'rejected' });
    expect(k.calls(ORDERS)).toBe(0);
    // paid at pickup: posted without a payment
    const r = await noPay.pushOrder(k.conn, order([ids[0] ?? '', ids[2] ?? ''], { paymentRef: null, customerEmail: 'ünïcode@example.test' }), KEY);
    const stored = k.fake.restaurant(RESTAURANT).orders.get(r.extOrderId);
    expect(stored?.checks[0]?.payments).toEqual([]);
    expect(stored?.checks[0]?.customer).not.toHaveProperty('email');
  });

  it('follows the order: accepted, ready, cancelled; collected only when paid at the till; 600 KB answers are read', async () => {
    const { k, ids } = await seeded();
    const paid = await k.connector.pushOrder(k.conn, order(ids), KEY);
    expect(await k.connector.orderStatus(k.conn, paid.extOrderId)).toMatchObject({ status: null });
    k.fake.approveOrder(RESTAURANT, paid.extOrderId);
    expect((await k.connector.orderStatus(k.conn, paid.extOrderId)).status).toBe('accepted');
    k.fake.markReady(RESTAURANT, paid.extOrderId);
    k.fake.faults.bigOrders(600 * 1024);
    const ready = await k.connector.orderStatus(k.conn, paid.extOrderId);
    expect(ready.status).toBe('ready');
    expect(ready.version).not.toBeNull();
    k.fake.faults.clear();

    const atTill = await k.connector.pushOrder(k.conn, order(ids, { paymentRef: null, orderId: 'o-2' }), 'mk-ord-o-2');
    k.fake.markReady(RESTAURANT, atTill.extOrderId);
    expect((await k.connector.orderStatus(k.conn, atTill.extOrderId)).status).toBe('ready');
    k.fake.payAtTill(RESTAURANT, atTill.extOrderId);
    expect((await k.connector.orderStatus(k.conn, atTill.extOrderId)).status).toBe('collected');

    k.fake.voidOrder(RESTAURANT, paid.extOrderId);
    expect((await k.connector.orderStatus(k.conn, paid.extOrderId)).status).toBe('cancelled');
    // Toast has no API to close an order from outside: nothing is called
    const before = k.fake.requests.length;
    await k.connector.setOrderStatus(k.conn, paid.extOrderId, 'collected');
    expect(k.fake.requests.length).toBe(before);
  });
});
