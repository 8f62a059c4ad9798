import { uuidv7 } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { inventoryMovements } from '../db/schema/index';
import { recordMovements } from '../services/inventory';
import { countRows, createDeviceToken, errorOf, productInput } from '../services/products/test-support';
import { createCustomerFixture, createVendorFixture, type CustomerFixture, type VendorFixture } from '../test/fixtures';
import { describeEachDb } from '../test/harness';

const LEDGER = ['inventory_movements', 'inventory_levels', 'stock_alerts'] as const;

describeEachDb('inventory router', (get) => {
  let a: VendorFixture;
  let b: VendorFixture;
  let customer: CustomerFixture;
  let deviceToken: string;

  async function newVariant(lowStockThreshold = 0): Promise<string> {
    const base = productInput();
    const manager = await get().caller({ bearer: a.managerToken });
    const p = await manager.products.create({ ...base, variants: [{ ...base.variants[0]!, lowStockThreshold }] });
    return p.variants[0]!.id;
  }

  beforeAll(async () => {
    const { db } = get().database;
    a = await createVendorFixture(db);
    b = await createVendorFixture(db);
    customer = await createCustomerFixture(db);
    deviceToken = await createDeviceToken(db, a.vendorId);
  });

  it('receives, counts and adjusts stock as the signed-in staff member', async () => {
    const variantId = await newVariant();
    const cashier = await get().caller({ bearer: a.cashierToken });
    const manager = await get().caller({ bearer: a.managerToken });
    expect(await cashier.inventory.receive({ variantId, quantity: 12, note: 'Morning delivery' })).toMatchObject({
      variantId,
      onHand: 12,
      reserved: 0,
      available: 12,
    });
    expect((await cashier.inventory.count({ variantId, quantity: 10 })).onHand).toBe(10);
    expect((await manager.inventory.adjust({ variantId, quantity: -2, note: 'Dropped two' })).onHand).toBe(8);
    const rows = await get().database.db.select().from(inventoryMovements).where(eq(inventoryMovements.variantId, variantId));
    expect(rows.map((r) => [r.kind, r.quantity, r.note])).toEqual(
      expect.arrayContaining([
        ['receive', 12, 'Morning delivery'],
        ['count', 10, ''],
        ['adjust', -2, 'Dropped two'],
      ]),
    );
    expect(rows.every((r) => r.staffId !== null && r.vendorId === a.vendorId)).toBe(true);
    // a back-dated count (ISO string over JSON) is placed in the ledger by when it happened
    const earlier = new Date(Date.now() - 3600_000).toISOString();
    expect((await cashier.inventory.count({ variantId, quantity: 50, occurredAt: earlier })).onHand).toBe(8);
  });

  it('a resent receive with the same id is recorded once', async () => {
    const variantId = await newVariant();
    const cashier = await get().caller({ bearer: a.cashierToken });
    const id = uuidv7();
    await cashier.inventory.receive({ id, variantId, quantity: 3 });
    expect((await cashier.inventory.receive({ id, variantId, quantity: 3 })).onHand).toBe(3);
  });

  it('rejects bad stock input and writes nothing', async () => {
    const { db } = get().database;
    const variantId = await newVariant();
    const manager = await get().caller({ bearer: a.managerToken });
    const before = await countRows(db, LEDGER);
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const cases = [
      manager.inventory.receive({ variantId, quantity: 0 }),
      manager.inventory.receive({ variantId, quantity: -3 }),
      manager.inventory.receive({ variantId, quantity: 1.5 }),
      manager.inventory.count({ variantId, quantity: -1 }),
      manager.inventory.adjust({ variantId, quantity: 0, note: 'x' }),
      manager.inventory.adjust({ variantId, quantity: 2, note: ' ' }),
      manager.inventory.receive({ variantId, quantity: 1, occurredAt: future }),
      manager.inventory.receive({ variantId, quantity: 1, occurredAt: 'yesterday' }),
      manager.inventory.receive({ variantId: 'nope', quantity: 1 }),
    ];
    for (const c of cases) expect((await errorOf(c)).code).toBe('BAD_INPUT');
    expect((await errorOf(manager.inventory.receive({ variantId: uuidv7(), quantity: 1 }))).code).toBe('NOT_FOUND');
    expect(await countRows(db, LEDGER)).toEqual(before);
  });

  it('enforces who may move and read stock', async () => {
    const { db } = get().database;
    const variantId = await newVariant();
    const before = await countRows(db, LEDGER);
    const anon = await get().caller();
    const cust = await get().caller({ sessionCookie: customer.cookie });
    const cashier = await get().caller({ bearer: a.cashierToken });
    const device = await get().caller({ bearer: deviceToken });
    const stranger = await get().caller({ bearer: b.ownerToken });
    expect((await errorOf(anon.inventory.receive({ variantId, quantity: 1 }))).code).toBe('UNAUTHENTICATED');
    expect((await errorOf(cust.inventory.count({ variantId, quantity: 1 }))).code).toBe('UNAUTHENTICATED');
    expect((await errorOf(cashier.inventory.adjust({ variantId, quantity: 1, note: 'found one' }))).code).toBe('FORBIDDEN');
    // counters sync their movements through sync.push, not these staff procedures
    expect((await errorOf(device.inventory.receive({ variantId, quantity: 1 }))).code).toBe('UNAUTHENTICATED');
    expect((await errorOf(stranger.inventory.receive({ variantId, quantity: 1 }))).code).toBe('NOT_FOUND');
    expect((await errorOf(stranger.inventory.movements({ variantId, limit: 10 }))).code).toBe('NOT_FOUND');
    expect((await errorOf(anon.inventory.levels({ limit: 10 }))).code).toBe('UNAUTHENTICATED');
    expect((await errorOf(cust.inventory.alerts({ includeResolved: true, limit: 10 }))).code).toBe('UNAUTHENTICATED');
    expect(await countRows(db, LEDGER)).toEqual(before);
    // the vendor's counter may read levels; another vendor sees none of them
    expect((await device.inventory.levels({ variantIds: [variantId], limit: 10 })).items.map((l) => l.variantId)).toEqual([variantId]);
    expect((await stranger.inventory.levels({ variantIds: [variantId], limit: 10 })).items).toEqual([]);
  });

  it('lists levels with paging and the low-stock list', async () => {
    const { db } = get().database;
    const vendor = await createVendorFixture(db);
    const manager = await get().caller({ bearer: vendor.managerToken });
    const ids: string[] = [];
    for (const [threshold, untracked] of [[5, false], [0, false], [2, true], [1, false]] as const) {
      const base = productInput();
      const p = await manager.products.create({ ...base, variants: [{ ...base.variants[0]!, lowStockThreshold: threshold, trackStock: !untracked }] });
      ids.push(p.variants[0]!.id);
    }
    await manager.inventory.receive({ variantId: ids[0]!, quantity: 5 });
    await manager.inventory.receive({ variantId: ids[1]!, quantity: 9 });
    await manager.inventory.receive({ variantId: ids[3]!, quantity: 4 });
    const page1 = await manager.inventory.levels({ limit: 3 });
    const page2 = await manager.inventory.levels({ limit: 3, cursor: page1.nextCursor! });
    expect(page2.nextCursor).toBeNull();
    expect([...page1.items, ...page2.items].map((l) => [l.variantId, l.onHand])).toEqual(
      [...ids].sort().map((id) => [id, id === ids[0] ? 5 : id === ids[1] ? 9 : id === ids[3] ? 4 : 0]),
    );
    // at/below threshold and tracked: ids[0] (5 ≤ 5); ids[2] is untracked; ids[1] 9 > 0; ids[3] 4 > 1
    expect((await manager.inventory.lowStock({ limit: 50 })).items.map((l) => l.variantId)).toEqual([ids[0]]);
  });

  it('shows a variant’s movements newest first, page by page', async () => {
    const variantId = await newVariant();
    const cashier = await get().caller({ bearer: a.cashierToken });
    const base = Date.now() - 10 * 60_000;
    for (let i = 0; i < 5; i++) {
      await cashier.inventory.receive({ variantId, quantity: i + 1, occurredAt: new Date(base + i * 60_000) });
    }
    const p1 = await cashier.inventory.movements({ variantId, limit: 2 });
    const p2 = await cashier.inventory.movements({ variantId, limit: 2, cursor: p1.nextCursor! });
    const p3 = await cashier.inventory.movements({ variantId, limit: 2, cursor: p2.nextCursor! });
    expect([...p1.items, ...p2.items, ...p3.items].map((m) => m.quantity)).toEqual([5, 4, 3, 2, 1]);
    expect(p3.nextCursor).toBeNull();
    expect((await errorOf(cashier.inventory.movements({ variantId, limit: 2, cursor: 'x|y' }))).code).toBe('BAD_INPUT');
  });

  it('lists open stock alerts and lets staff resolve them', async () => {
    const variantId = await newVariant(2);
    const cashier = await get().caller({ bearer: a.cashierToken });
    await cashier.inventory.receive({ variantId, quantity: 3 });
    await recordMovements(get().database.db, a.vendorId, [{ variantId, kind: 'sale', quantity: -4, occurredAt: new Date() }]);
    const open = await cashier.inventory.alerts({ includeResolved: false, limit: 50 });
    const mine = open.items.filter((x) => x.variantId === variantId);
    expect(mine.map((x) => x.kind).sort()).toEqual(['low_stock', 'oversold']);
    expect(mine.every((x) => x.resolvedAt === null && x.productName.startsWith('Sourdough'))).toBe(true);
    const stranger = await get().caller({ bearer: b.managerToken });
    expect((await stranger.inventory.alerts({ includeResolved: true, limit: 50 })).items).toEqual([]);
    expect((await errorOf(stranger.inventory.resolveAlert({ alertId: mine[0]!.id }))).code).toBe('NOT_FOUND');
    const resolved = await cashier.inventory.resolveAlert({ alertId: mine[0]!.id });
    expect(resolved.resolvedAt).not.toBeNull();
    const still = await cashier.inventory.alerts({ includeResolved: false, limit: 50 });
    expect(still.items.some((x) => x.id === mine[0]!.id)).toBe(false);
    expect((await cashier.inventory.alerts({ includeResolved: true, limit: 50 })).items.some((x) => x.id === mine[0]!.id)).toBe(true);
  });
});
