import { uuidv7 } from '@makeries/shared';
import { and, eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { inventoryLevels, inventoryMovements, products, stockAlerts } from '../../db/schema/index';
import { createVendorFixture, type VendorFixture } from '../../test/fixtures';
import { describeEachDb } from '../../test/harness';
import {
  fulfilmentMovementId,
  fulfilReservation,
  ledgerOnHand,
  recordMovements,
  releaseStock,
  reserveStock,
  type MovementInput,
} from './index';
import { createProduct } from '../products';
import { countRows, errorOf, productInput } from '../products/test-support';

const T0 = Date.parse('2024-05-01T09:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

/** The rule from DESIGN §3, in plain code: last count (by time, then id) plus every later delta. */
function modelOnHand(ms: { id: string; kind: MovementInput['kind']; quantity: number; occurredAt: Date }[]): number {
  const sorted = [...ms].sort((x, y) => x.occurredAt.getTime() - y.occurredAt.getTime() || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  let level = 0;
  for (const m of sorted) {
    if (m.kind === 'count') level = m.quantity;
    else if (m.kind === 'sale') level -= Math.abs(m.quantity);
    else if (m.kind === 'adjust') level += m.quantity;
    else level += Math.abs(m.quantity);
  }
  return level;
}

/** Lets N transactions reach the same point before any continues, so they really race. */
function barrier(n: number): () => Promise<void> {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((r) => (release = r));
  return async () => {
    arrived++;
    if (arrived === n) release();
    await all;
  };
}

describeEachDb('inventory ledger', (get) => {
  let v: VendorFixture;
  let other: VendorFixture;
  const db = (): Db => get().database.db;

  async function newVariant(opts: { trackStock?: boolean; lowStockThreshold?: number } = {}): Promise<{ variantId: string; productId: string }> {
    const base = productInput();
    const p = await createProduct(db(), v.vendorId, { ...base, variants: [{ ...base.variants[0]!, ...opts }] });
    return { variantId: p.variants[0]!.id, productId: p.id };
  }

  async function level(variantId: string): Promise<{ onHand: number; reserved: number }> {
    const [l] = await db().select().from(inventoryLevels).where(eq(inventoryLevels.variantId, variantId));
    return { onHand: l?.onHand ?? 0, reserved: l?.reserved ?? 0 };
  }

  async function inStock(productId: string): Promise<boolean | undefined> {
    const [p] = await db().select({ inStock: products.inStock }).from(products).where(eq(products.id, productId));
    return p?.inStock;
  }

  async function openAlerts(variantId: string): Promise<string[]> {
    const rows = await db()
      .select({ kind: stockAlerts.kind, resolvedAt: stockAlerts.resolvedAt })
      .from(stockAlerts)
      .where(eq(stockAlerts.variantId, variantId));
    return rows.filter((r) => r.resolvedAt === null).map((r) => r.kind).sort();
  }

  beforeAll(async () => {
    v = await createVendorFixture(db());
    other = await createVendorFixture(db());
  });

  it('gives the same on-hand whatever order movements arrive in (property)', async () => {
    const kind = fc.constantFrom<MovementInput['kind']>('sale', 'refund', 'receive', 'adjust', 'count');
    const movement = fc.record({
      kind,
      quantity: fc.integer({ min: 0, max: 40 }),
      sign: fc.boolean(),
      minute: fc.integer({ min: 0, max: 30 }),
      arrival: fc.integer(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(movement, { minLength: 1, maxLength: 14 }), fc.integer({ min: 1, max: 5 }), async (spec, batches) => {
        const { variantId } = await newVariant();
        const ms = spec.map((s) => ({
          id: uuidv7(),
          variantId,
          kind: s.kind,
          quantity: s.kind === 'adjust' && s.sign ? -s.quantity : s.quantity,
          occurredAt: at(s.minute),
          arrival: s.arrival,
        }));
        // arrival order is random and unrelated to occurred_at, split into several recordMovements calls
        const shuffled = [...ms].sort((x, y) => x.arrival - y.arrival).map(({ arrival: _a, ...m }) => m);
        const size = Math.ceil(shuffled.length / batches);
        for (let i = 0; i < shuffled.length; i += size) await recordMovements(db(), v.vendorId, shuffled.slice(i, i + size));
        const expected = modelOnHand(ms);
        expect((await level(variantId)).onHand).toBe(expected);
        expect((await ledgerOnHand(db(), v.vendorId, [variantId])).get(variantId)).toBe(expected);
      }),
      { numRuns: 25 },
    );
  });

  it('a count resets the level; later deltas build on it', async () => {
    const { variantId } = await newVariant();
    await recordMovements(db(), v.vendorId, [
      { variantId, kind: 'receive', quantity: 10, occurredAt: at(0) },
      { variantId, kind: 'sale', quantity: -3, occurredAt: at(1) },
    ]);
    expect((await level(variantId)).onHand).toBe(7);
    await recordMovements(db(), v.vendorId, [{ variantId, kind: 'count', quantity: 20, occurredAt: at(2) }]);
    expect((await level(variantId)).onHand).toBe(20);
    await recordMovements(db(), v.vendorId, [{ variantId, kind: 'sale', quantity: -2, occurredAt: at(3) }]);
    expect((await level(variantId)).onHand).toBe(18);
  });

  it('an older delta or count arriving after a newer count changes nothing', async () => {
    const { variantId } = await newVariant();
    await recordMovements(db(), v.vendorId, [{ variantId, kind: 'count', quantity: 5, occurredAt: at(10) }]);
    await recordMovements(db(), v.vendorId, [{ variantId, kind: 'sale', quantity: -4, occurredAt: at(5) }]);
    expect((await level(variantId)).onHand).toBe(5);
    await recordMovements(db(), v.vendorId, [{ variantId, kind: 'count', quantity: 99, occurredAt: at(3) }]);
    expect((await level(variantId)).onHand).toBe(5);
    await recordMovements(db(), v.vendorId, [{ variantId, kind: 'receive', quantity: 1, occurredAt: at(11) }]);
    expect((await level(variantId)).onHand).toBe(6);
  });

  it('records a resent movement once, and takes either sign for a sale', async () => {
    const { variantId } = await newVariant();
    const m: MovementInput = { id: uuidv7(), variantId, kind: 'sale', quantity: 2, occurredAt: at(0), reference: 'R1-7' };
    await recordMovements(db(), v.vendorId, [m]);
    await recordMovements(db(), v.vendorId, [m, m]);
    expect((await level(variantId)).onHand).toBe(-2);
    const rows = await db().select().from(inventoryMovements).where(eq(inventoryMovements.variantId, variantId));
    expect(rows.map((r) => [r.kind, r.quantity, r.reference])).toEqual([['sale', -2, 'R1-7']]);
  });

  it('never refuses a sale: goes negative, raises one oversold alert, resolves on recovery', async () => {
    const { variantId, productId } = await newVariant();
    await recordMovements(db(), v.vendorId, [{ variantId, kind: 'receive', quantity: 1, occurredAt: at(0) }]);
    expect(await inStock(productId)).toBe(true);
    await recordMovements(db(), v.vendorId, [{ variantId, kind: 'sale', quantity: -3, occurredAt: at(1) }]);
    await recordMovements(db(), v.vendorId, [{ variantId, kind: 'sale', quantity: -1, occurredAt: at(2) }]);
    expect((await level(variantId)).onHand).toBe(-3);
    expect(await inStock(productId)).toBe(false);
    const alerts = await db().select().from(stockAlerts).where(and(eq(stockAlerts.variantId, variantId), eq(stockAlerts.kind, 'oversold')));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ vendorId: v.vendorId, onHand: -2 });
    expect(alerts[0]?.message).toContain('oversold');
    await recordMovements(db(), v.vendorId, [{ variantId, kind: 'count', quantity: 4, occurredAt: at(3) }]);
    expect(await openAlerts(variantId)).toEqual([]);
    expect(await inStock(productId)).toBe(true);
  });

  it('raises a low-stock alert when the level falls to the threshold, once, and clears it on restock', async () => {
    const { variantId } = await newVariant({ lowStockThreshold: 3 });
    await recordMovements(db(), v.vendorId, [{ variantId, kind: 'receive', quantity: 10, occurredAt: at(0) }]);
    expect(await openAlerts(variantId)).toEqual([]);
    await recordMovements(db(), v.vendorId, [{ variantId, kind: 'sale', quantity: -7, occurredAt: at(1) }]);
    await recordMovements(db(), v.vendorId, [{ variantId, kind: 'sale', quantity: -1, occurredAt: at(2) }]);
    expect(await openAlerts(variantId)).toEqual(['low_stock']);
    await recordMovements(db(), v.vendorId, [{ variantId, kind: 'receive', quantity: 12, occurredAt: at(3) }]);
    expect(await openAlerts(variantId)).toEqual([]);
    const untracked = await newVariant({ trackStock: false, lowStockThreshold: 3 });
    await recordMovements(db(), v.vendorId, [{ variantId: untracked.variantId, kind: 'sale', quantity: -5, occurredAt: at(0) }]);
    expect(await openAlerts(untracked.variantId)).toEqual([]);
  });

  it('refuses another vendor’s variant or bad quantities and records nothing', async () => {
    const { variantId } = await newVariant();
    const mine = await newVariant();
    const before = await countRows(db(), ['inventory_movements', 'inventory_levels', 'stock_alerts']);
    const stranger = await errorOf(
      recordMovements(db(), other.vendorId, [{ variantId, kind: 'receive', quantity: 5, occurredAt: at(0) }]),
    );
    expect(stranger.code).toBe('NOT_FOUND');
    const mixed = await errorOf(
      recordMovements(db(), v.vendorId, [
        { variantId: mine.variantId, kind: 'receive', quantity: 5, occurredAt: at(0) },
        { variantId: uuidv7(), kind: 'receive', quantity: 5, occurredAt: at(0) },
      ]),
    );
    expect(mixed.code).toBe('NOT_FOUND');
    const bad = (m: Partial<MovementInput>) => errorOf(recordMovements(db(), v.vendorId, [{ variantId, kind: 'receive', quantity: 1, occurredAt: at(0), ...m }]));
    expect((await bad({ quantity: 1.5 })).code).toBe('BAD_INPUT');
    expect((await bad({ kind: 'count', quantity: -1 })).code).toBe('BAD_INPUT');
    expect((await bad({ kind: 'steal' as MovementInput['kind'] })).code).toBe('BAD_INPUT');
    expect((await bad({ occurredAt: new Date('nope') })).code).toBe('BAD_INPUT');
    expect((await bad({ id: 'not-a-uuid' })).code).toBe('BAD_INPUT');
    expect((await bad({ variantId: 'not-a-uuid' })).code).toBe('NOT_FOUND');
    expect(await countRows(db(), ['inventory_movements', 'inventory_levels', 'stock_alerts'])).toEqual(before);
  });

  it('reserves only what is available, all or nothing, and releases exactly', async () => {
    const a = await newVariant();
    const b = await newVariant();
    const free = await newVariant({ trackStock: false });
    await recordMovements(db(), v.vendorId, [
      { variantId: a.variantId, kind: 'receive', quantity: 5, occurredAt: at(0) },
      { variantId: b.variantId, kind: 'receive', quantity: 1, occurredAt: at(0) },
    ]);
    const r1 = await db().transaction((tx) =>
      reserveStock(tx, v.vendorId, [
        { variantId: a.variantId, quantity: 2 },
        { variantId: a.variantId, quantity: 1 },
        { variantId: free.variantId, quantity: 50 },
      ]),
    );
    expect(r1).toEqual({ ok: true });
    expect(await level(a.variantId)).toEqual({ onHand: 5, reserved: 3 });
    const r2 = await db().transaction((tx) =>
      reserveStock(tx, v.vendorId, [
        { variantId: a.variantId, quantity: 3 },
        { variantId: b.variantId, quantity: 1 },
      ]),
    );
    expect(r2).toEqual({ ok: false, shortages: [{ variantId: a.variantId, requested: 3, available: 2 }] });
    expect(await level(b.variantId)).toEqual({ onHand: 1, reserved: 0 });
    // reserving the last one takes the product off the storefront's in-stock list
    await db().transaction((tx) => reserveStock(tx, v.vendorId, [{ variantId: b.variantId, quantity: 1 }]));
    expect(await inStock(b.productId)).toBe(false);
    await db().transaction((tx) => releaseStock(tx, v.vendorId, [{ variantId: b.variantId, quantity: 1 }]));
    expect(await level(b.variantId)).toEqual({ onHand: 1, reserved: 0 });
    expect(await inStock(b.productId)).toBe(true);
    const foreign = await errorOf(db().transaction((tx) => reserveStock(tx, other.vendorId, [{ variantId: a.variantId, quantity: 1 }])));
    expect(foreign.code).toBe('NOT_FOUND');
    const zero = await errorOf(db().transaction((tx) => reserveStock(tx, v.vendorId, [{ variantId: a.variantId, quantity: 0 }])));
    expect(zero.code).toBe('BAD_INPUT');
    expect(await level(a.variantId)).toEqual({ onHand: 5, reserved: 3 });
  });

  it('fulfils a reservation once: releases it and records the sale against the order', async () => {
    const a = await newVariant();
    await recordMovements(db(), v.vendorId, [{ variantId: a.variantId, kind: 'receive', quantity: 5, occurredAt: at(0) }]);
    const orderId = uuidv7();
    const items = [{ variantId: a.variantId, quantity: 2 }];
    await db().transaction((tx) => reserveStock(tx, v.vendorId, items));
    await db().transaction((tx) => fulfilReservation(tx, v.vendorId, orderId, items, at(5)));
    await db().transaction((tx) => fulfilReservation(tx, v.vendorId, orderId, items, at(5)));
    expect(await level(a.variantId)).toEqual({ onHand: 3, reserved: 0 });
    const sales = await db().select().from(inventoryMovements).where(eq(inventoryMovements.reference, orderId));
    expect(sales.map((s) => [s.id, s.kind, s.quantity])).toEqual([[fulfilmentMovementId(orderId, a.variantId), 'sale', -2]]);
  });

  it('never over-reserves or loses a movement when transactions race', async () => {
    const a = await newVariant();
    await recordMovements(db(), v.vendorId, [{ variantId: a.variantId, kind: 'receive', quantity: 5, occurredAt: at(0) }]);
    // four racers (the test pool has five connections); PGlite has one connection and runs them in turn
    const racers = 4;
    const wait = get().kind === 'postgres' ? barrier(racers) : async () => {};
    const results = await Promise.all(
      Array.from({ length: racers }, () =>
        db().transaction(async (tx) => {
          await tx.execute(sql`SELECT 1`);
          await wait();
          return reserveStock(tx, v.vendorId, [{ variantId: a.variantId, quantity: 2 }]);
        }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(await level(a.variantId)).toEqual({ onHand: 5, reserved: 4 });

    const wait2 = get().kind === 'postgres' ? barrier(racers) : async () => {};
    await Promise.all(
      Array.from({ length: racers }, (_, i) =>
        db().transaction(async (tx) => {
          await tx.execute(sql`SELECT 1`);
          await wait2();
          await recordMovements(tx, v.vendorId, [{ variantId: a.variantId, kind: 'sale', quantity: -1, occurredAt: at(10 + i) }]);
        }),
      ),
    );
    expect((await level(a.variantId)).onHand).toBe(1);
    expect((await ledgerOnHand(db(), v.vendorId, [a.variantId])).get(a.variantId)).toBe(1);
  });
});
