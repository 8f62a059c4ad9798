import { afterEach, describe, expect, it } from 'vitest';
import { PosError } from '../types';
import { answeredAt } from './client';
import { READ_ONLY_SCOPES } from './fake/index';
import { RESTAURANT, startToastKit, type ToastKit } from './fake/kit';

const UPDATE = '/stock/v1/inventory/update';
let kit: ToastKit | null = null;

afterEach(async () => {
  await kit?.fake.close();
  kit = null;
});

async function seeded(opts: Parameters<typeof startToastKit>[0] = {}): Promise<{ k: ToastKit; ids: string[] }> {
  kit = await startToastKit(opts);
  return { k: kit, ids: kit.fake.seedMenu(RESTAURANT, 5) };
}

const at = '2026-12-06T10:00:00.000Z';

describe('Toast connector: stock', () => {
  it('reads IN_STOCK as untracked, QUANTITY as its count and OUT_OF_STOCK as 0, timed by Toast’s clock', async () => {
    const { k, ids } = await seeded();
    const [a = '', b = '', c = ''] = ids;
    k.fake.setStock(RESTAURANT, b, 'QUANTITY', 7);
    k.fake.setStock(RESTAURANT, c, 'OUT_OF_STOCK');
    const obs = await k.connector.stock(k.conn, [a, b, c]);
    expect(obs.map((o) => [o.variantExtId, o.quantity, o.locationExtId])).toEqual([
      [a, null, RESTAURANT],
      [b, 7, RESTAURANT],
      [c, 0, RESTAURANT],
    ]);
    expect(Number.isNaN(Date.parse(obs[0]?.observedAt ?? ''))).toBe(false);
  });

  it('pushes a delta as an absolute count, and a retry after a lost answer does not take it twice', async () => {
    const { k, ids } = await seeded();
    const [a = '', b = ''] = ids;
    k.fake.setStock(RESTAURANT, a, 'QUANTITY', 10);
    const o = await k.connector.pushStockDelta(k.conn, { idempotencyKey: 'mk-mv-1', variantExtId: a, delta: -3, occurredAt: at, reference: 'm1' });
    expect(o?.quantity).toBe(7);
    expect(k.fake.stockOf(RESTAURANT, a)).toEqual({ status: 'QUANTITY', quantity: 7 });

    k.fake.faults.failAfterCommit({ times: 1, path: UPDATE });
    const lost = await k.connector.pushStockDelta(k.conn, { idempotencyKey: 'mk-mv-2', variantExtId: a, delta: -2, occurredAt: at, reference: 'm2' }).catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(PosError);
    expect((lost as PosError).kind).toBe('transient');
    expect(k.fake.stockOf(RESTAURANT, a).quantity).toBe(5);
    const updates = k.calls(UPDATE);
    const retried = await k.connector.pushStockDelta(k.conn, { idempotencyKey: 'mk-mv-2', variantExtId: a, delta: -2, occurredAt: at, reference: 'm2' });
    expect(retried?.quantity).toBe(5);
    expect(k.calls(UPDATE)).toBe(updates);
    expect(k.fake.stockOf(RESTAURANT, a).quantity).toBe(5);

    // down to 0: the item goes out of stock
    const out = await k.connector.pushStockDelta(k.conn, { idempotencyKey: 'mk-mv-3', variantExtId: a, delta: -9, occurredAt: at, reference: 'm3' });
    expect(out?.quantity).toBe(0);
    expect(k.fake.stockOf(RESTAURANT, a).status).toBe('OUT_OF_STOCK');
    // sold out is counted at 0: another sale writes nothing, stock received here is counted again in Toast
    const writes = k.calls(UPDATE);
    expect((await k.connector.pushStockDelta(k.conn, { idempotencyKey: 'mk-mv-3b', variantExtId: a, delta: -1, occurredAt: at, reference: 'm3b' }))?.quantity).toBe(0);
    expect(k.calls(UPDATE)).toBe(writes);
    expect((await k.connector.pushStockDelta(k.conn, { idempotencyKey: 'mk-mv-3c', variantExtId: a, delta: 6, occurredAt: at, reference: 'm3c' }))?.quantity).toBe(6);
    expect(k.fake.stockOf(RESTAURANT, a)).toEqual({ status: 'QUANTITY', quantity: 6 });

    // an item Toast does not count: nothing is written, the engine acknowledges
    expect(await k.connector.pushStockDelta(k.conn, { idempotencyKey: 'mk-mv-4', variantExtId: b, delta: -1, occurredAt: at, reference: 'm4' })).toBeNull();
    expect(k.fake.stockOf(RESTAURANT, b)).toEqual({ status: 'IN_STOCK', quantity: null });
  });

  it('a retry whose first attempt did not reach Toast is sent', async () => {
    const { k, ids } = await seeded();
    const a = ids[0] ?? '';
    k.fake.setStock(RESTAURANT, a, 'QUANTITY', 10);
    k.fake.faults.rateLimit({ times: 1, path: UPDATE });
    await expect(k.connector.pushStockDelta(k.conn, { idempotencyKey: 'mk-mv-9', variantExtId: a, delta: -4, occurredAt: at, reference: 'm9' })).rejects.toMatchObject({ kind: 'rate_limited' });
    expect(k.fake.stockOf(RESTAURANT, a).quantity).toBe(10);
    const o = await k.connector.pushStockDelta(k.conn, { idempotencyKey: 'mk-mv-9', variantExtId: a, delta: -4, occurredAt: at, reference: 'm9' });
    expect(o?.quantity).toBe(6);
  });

  it('times an answer on Toast’s clock: its Date header’s second, our milliseconds when our clock agrees', () => {
    const header = Date.parse('2026-12-06T10:00:05.000Z');
    expect(answeredAt(header, header + 420).toISOString()).toBe('2026-12-06T10:00:05.420Z');
    expect(answeredAt(header, header - 3000).toISOString()).toBe('2026-12-06T10:00:05.000Z');
    expect(answeredAt(header, header + 9000).toISOString()).toBe('2026-12-06T10:00:05.999Z');
    expect(answeredAt(Number.NaN, header).toISOString()).toBe('2026-12-06T10:00:05.000Z');
  });

  it('a read-only connection writes no stock (null: the engine acknowledges) but still reads it', async () => {
    const { k, ids } = await seeded({ scopes: READ_ONLY_SCOPES });
    const a = ids[0] ?? '';
    k.fake.setStock(RESTAURANT, a, 'QUANTITY', 4);
    expect(await k.connector.pushStockDelta(k.conn, { idempotencyKey: 'mk-mv-5', variantExtId: a, delta: -1, occurredAt: at, reference: 'm5' })).toBeNull();
    expect(k.calls(UPDATE)).toBe(0);
    expect((await k.connector.stock(k.conn, [a]))[0]?.quantity).toBe(4);
  });
});
