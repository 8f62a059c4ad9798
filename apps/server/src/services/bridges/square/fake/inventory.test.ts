import { afterEach, describe, expect, it } from 'vitest';
import type { SquareFake } from './index';
import { LOCATION, MERCHANT, OTHER_LOCATION, clientFor, manualClock, squareError, startWithMerchant } from './test-helpers';

let fake: SquareFake;
afterEach(async () => {
  await fake.close();
});

function sale(variationId: string, occurredAt: string, referenceId = 'mk-sale-1') {
  return {
    type: 'ADJUSTMENT' as const,
    adjustment: { catalogObjectId: variationId, fromLocationId: LOCATION, fromState: 'IN_STOCK' as const, toState: 'SOLD' as const, quantity: '1', occurredAt, referenceId },
  };
}

describe('square fake: inventory', () => {
  it('2026 adjustment shape through the SDK: IN_STOCK goes down, counts come back absolute, change carries our app id', async () => {
    fake = await startWithMerchant();
    const { variationIds } = fake.upsertItem(MERCHANT, { name: 'Cookie', variations: [{ name: 'One', price: 250 }] });
    const v = variationIds[0] ?? '';
    fake.setCount(MERCHANT, v, LOCATION, 10);
    fake.takeEvents();
    const client = clientFor(fake);
    const res = await client.inventory.batchCreateChanges({ idempotencyKey: 'k-1', changes: [sale(v, new Date().toISOString())] });
    expect(res.counts?.map((c) => [c.catalogObjectId, c.locationId, c.state, c.quantity])).toEqual([[v, LOCATION, 'IN_STOCK', '9']]);
    expect(res.changes?.[0]?.adjustment?.source?.applicationId).toBe(fake.applicationId);
    expect(res.changes?.[0]?.adjustment?.fromLocationId).toBe(LOCATION);
    expect(fake.count(MERCHANT, v, LOCATION)).toBe(9);

    const events = fake.takeEvents();
    expect(events.map((e) => e.type)).toEqual(['inventory.count.updated']);
    const body = JSON.parse(events[0]?.body ?? '{}') as { merchant_id: string; data: { object: { inventory_counts: { quantity: string }[] } } };
    expect(body.merchant_id).toBe(MERCHANT);
    expect(body.data.object.inventory_counts[0]?.quantity).toBe('9');
  });

  it('accepts the legacy location_id and a transfer between locations; rejects unknown variations and writes nothing', async () => {
    fake = await startWithMerchant();
    const { variationIds } = fake.upsertItem(MERCHANT, { name: 'Mug', variations: [{ name: 'One', price: 900 }] });
    const v = variationIds[0] ?? '';
    const token = fake.issueToken(MERCHANT).accessToken;
    const post = (body: unknown) =>
      fetch(`${fake.baseUrl}/v2/inventory/changes/batch-create`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const now = new Date().toISOString();
    const legacy = await post({ idempotency_key: 'legacy', changes: [{ type: 'ADJUSTMENT', adjustment: { catalog_object_id: v, location_id: LOCATION, from_state: 'NONE', to_state: 'IN_STOCK', quantity: '5', occurred_at: now } }] });
    expect(legacy.status).toBe(200);
    const move = await post({ idempotency_key: 'move', changes: [{ type: 'ADJUSTMENT', adjustment: { catalog_object_id: v, from_location_id: LOCATION, to_location_id: OTHER_LOCATION, from_state: 'IN_STOCK', to_state: 'IN_STOCK', quantity: '2', occurred_at: now } }] });
    expect(move.status).toBe(200);
    expect([fake.count(MERCHANT, v, LOCATION), fake.count(MERCHANT, v, OTHER_LOCATION)]).toEqual([3, 2]);

    const client = clientFor(fake);
    const before = fake.outbox.length;
    const err = await squareError(() =>
      client.inventory.batchCreateChanges({ idempotencyKey: 'bad', changes: [sale(v, now), sale('NOPE', now)] }),
    );
    expect([err.statusCode, err.code]).toEqual([400, 'INVALID_VALUE']);
    expect(fake.count(MERCHANT, v, LOCATION)).toBe(3);
    expect(fake.outbox.length).toBe(before);
  });

  it('derives counts by occurred_at: a late adjustment older than the physical count does not change it', async () => {
    const clock = manualClock();
    fake = await startWithMerchant({ clock });
    const { variationIds } = fake.upsertItem(MERCHANT, { name: 'Tea', variations: [{ name: 'Tin', price: 1200 }] });
    const v = variationIds[0] ?? '';
    const client = clientFor(fake);
    const t0 = new Date(clock.now() - 60_000).toISOString();
    fake.setCount(MERCHANT, v, LOCATION, 4); // occurred now
    await client.inventory.batchCreateChanges({ idempotencyKey: 'late', changes: [sale(v, t0)] });
    expect(fake.count(MERCHANT, v, LOCATION)).toBe(4);
    clock.advance(1000);
    await client.inventory.batchCreateChanges({ idempotencyKey: 'new', changes: [sale(v, new Date(clock.now()).toISOString())] });
    expect(fake.count(MERCHANT, v, LOCATION)).toBe(3);
  });

  it('batch-retrieve counts pages newest first and filters updated_after', async () => {
    const clock = manualClock();
    fake = await startWithMerchant({ clock, pageSize: 2 });
    const { variationIds } = fake.seedItems(MERCHANT, 3, { taxes: 0, categories: 0 });
    variationIds.forEach((v, i) => {
      clock.advance(1000);
      fake.setCount(MERCHANT, v, LOCATION, i + 1);
    });
    const client = clientFor(fake);
    const seen: string[] = [];
    for await (const c of await client.inventory.batchGetCounts({ locationIds: [LOCATION] })) seen.push(c.catalogObjectId ?? '');
    expect(seen).toEqual([...variationIds].reverse());
    const mid = new Date(clock.now() - 500).toISOString();
    const recent = await client.inventory.batchGetCounts({ updatedAfter: mid, limit: 100 });
    expect(recent.data.map((c) => c.catalogObjectId)).toEqual([variationIds[variationIds.length - 1]]);
  });

  it('history (batchGetChanges) is oldest first and tells our writes from POS sales; inventory.get reads one variation', async () => {
    const clock = manualClock();
    fake = await startWithMerchant({ clock, pageSize: 2 });
    const { variationIds } = fake.upsertItem(MERCHANT, { name: 'Fig', variations: [{ name: 'Box', price: 600 }] });
    const v = variationIds[0] ?? '';
    fake.setCount(MERCHANT, v, LOCATION, 9);
    clock.advance(1000);
    fake.sellAtPos(MERCHANT, v, LOCATION, 2);
    const client = clientFor(fake);
    const older = new Date(clock.now() - 500).toISOString();
    await client.inventory.batchCreateChanges({ idempotencyKey: 'web-1', changes: [sale(v, older, 'mk-web-1')] });
    const history: [string | undefined, string | undefined, string | null | undefined][] = [];
    for await (const c of await client.inventory.batchGetChanges({ catalogObjectIds: [v] })) {
      const e = c.adjustment ?? c.physicalCount;
      history.push([c.type, e?.source?.product ?? undefined, e?.source?.applicationId]);
    }
    expect(history).toEqual([
      ['PHYSICAL_COUNT', 'DASHBOARD', undefined],
      ['ADJUSTMENT', 'EXTERNAL_API', fake.applicationId],
      ['ADJUSTMENT', 'SQUARE_POS', undefined],
    ]);
    const counts: string[] = [];
    for await (const c of await client.inventory.get({ catalogObjectId: v, locationIds: LOCATION })) counts.push(`${c.locationId ?? ''}=${c.quantity ?? ''}`);
    expect(counts).toEqual([`${LOCATION}=6`]);
  });

  it('sellAtPos and setCount emit absolute counts with increasing calculated_at', async () => {
    fake = await startWithMerchant();
    const { variationIds } = fake.upsertItem(MERCHANT, { name: 'Pie', variations: [{ name: 'Slice', price: 400 }] });
    const v = variationIds[0] ?? '';
    fake.takeEvents();
    fake.setCount(MERCHANT, v, LOCATION, 3);
    fake.sellAtPos(MERCHANT, v, LOCATION, 1);
    fake.sellAtPos(MERCHANT, v, LOCATION, 1);
    const counts = fake.takeEvents().map((e) => {
      const body = JSON.parse(e.body) as { data: { object: { inventory_counts: { quantity: string; calculated_at: string }[] } } };
      const c = body.data.object.inventory_counts[0];
      return [c?.quantity, c?.calculated_at ?? ''] as const;
    });
    expect(counts.map(([q]) => q)).toEqual(['3', '2', '1']);
    const times = counts.map(([, t]) => t);
    expect([...times].sort()).toEqual(times);
    expect(new Set(times).size).toBe(3);
  });
});

describe('square fake: idempotency and faults', () => {
  it('same key + same body replays the first answer; same key + other body is IDEMPOTENCY_KEY_REUSED', async () => {
    fake = await startWithMerchant();
    const { variationIds } = fake.upsertItem(MERCHANT, { name: 'Soap', variations: [{ name: 'Bar', price: 500 }] });
    const v = variationIds[0] ?? '';
    fake.setCount(MERCHANT, v, LOCATION, 10);
    const client = clientFor(fake);
    const at = new Date().toISOString();
    const first = await client.inventory.batchCreateChanges({ idempotencyKey: 'same', changes: [sale(v, at)] });
    const again = await client.inventory.batchCreateChanges({ idempotencyKey: 'same', changes: [sale(v, at)] });
    expect(again.changes?.[0]?.adjustment?.id).toBe(first.changes?.[0]?.adjustment?.id);
    expect(fake.count(MERCHANT, v, LOCATION)).toBe(9);
    const reused = await squareError(() => client.inventory.batchCreateChanges({ idempotencyKey: 'same', changes: [sale(v, at, 'other')] }));
    expect([reused.statusCode, reused.code]).toEqual([400, 'IDEMPOTENCY_KEY_REUSED']);
    expect(fake.count(MERCHANT, v, LOCATION)).toBe(9);
    expect(fake.calls('/v2/inventory/changes/batch-create').map((r) => [r.status, r.idempotencyKey, r.merchantId])).toEqual([
      [200, 'same', MERCHANT],
      [200, 'same', MERCHANT],
      [400, 'same', MERCHANT],
    ]);
  });

  it('429 with Retry-After is retried by the SDK; the write happens once', async () => {
    fake = await startWithMerchant();
    const { variationIds } = fake.upsertItem(MERCHANT, { name: 'Candle', variations: [{ name: 'One', price: 1500 }] });
    const v = variationIds[0] ?? '';
    fake.setCount(MERCHANT, v, LOCATION, 5);
    fake.faults.rateLimit({ times: 1, retryAfterSeconds: 1, path: '/v2/inventory/' });
    const client = clientFor(fake);
    await client.inventory.batchCreateChanges({ idempotencyKey: 'rl', changes: [sale(v, new Date().toISOString())] });
    expect(fake.calls('/v2/inventory/changes').map((r) => r.status)).toEqual([429, 200]);
    expect(fake.count(MERCHANT, v, LOCATION)).toBe(4);
  });

  it('fail-after-commit then an idempotent retry records exactly one change', async () => {
    fake = await startWithMerchant();
    const { variationIds } = fake.upsertItem(MERCHANT, { name: 'Scarf', variations: [{ name: 'One', price: 3000 }] });
    const v = variationIds[0] ?? '';
    fake.setCount(MERCHANT, v, LOCATION, 5);
    fake.faults.failAfterCommit({ times: 1, path: '/v2/inventory/changes/batch-create' });
    const noRetry = clientFor(fake);
    const at = new Date().toISOString();
    const err = await squareError(() => noRetry.inventory.batchCreateChanges({ idempotencyKey: 'once', changes: [sale(v, at)] }, { maxRetries: 0 }));
    expect([err.statusCode, err.code]).toEqual([500, 'INTERNAL_SERVER_ERROR']);
    expect(fake.count(MERCHANT, v, LOCATION)).toBe(4); // it was written
    const retry = await noRetry.inventory.batchCreateChanges({ idempotencyKey: 'once', changes: [sale(v, at)] });
    expect(retry.counts?.[0]?.quantity).toBe('4');
    expect(fake.count(MERCHANT, v, LOCATION)).toBe(4);
  });

  it('catalog locked answers 429 with Square detail', async () => {
    fake = await startWithMerchant();
    fake.faults.catalogLocked({ times: 1 });
    const client = clientFor(fake);
    const err = await squareError(() => client.catalog.search({ objectTypes: ['ITEM'] }, { maxRetries: 0 }));
    expect([err.statusCode, err.code]).toEqual([429, 'RATE_LIMITED']);
    expect((await client.catalog.search({ objectTypes: ['ITEM'] })).objects ?? []).toEqual([]);
  });
});
