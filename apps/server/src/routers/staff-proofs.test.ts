import { STAFF_PROOF_ONLINE_MS, uuidv7 } from '@makeries/shared';
import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { queryRows, type Db } from '../db/client';
import { categories, devices, inventoryMovements, staff, staffDeviceProofs, taxRates } from '../db/schema/index';
import { failure } from '../services/orders/test-kit';
import { issueStaffProof } from '../services/staff-proofs';
import { addProduct, envelope, epochOf, pairCounter, pushCounts, saleArgs, type Counter } from '../services/sync/sync-test-kit';
import { hashSecret } from '../services/tokens';
import type { Caller, TestServer } from '../test/harness';
import { describeEachDb } from '../test/harness';

const DAY = 24 * 60 * 60 * 1000;
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** Everything a refused role call could write. */
async function roleWrites(db: Db): Promise<Record<string, number>> {
  const [row] = await queryRows<Record<string, string | number>>(
    db,
    sql`SELECT (SELECT count(*) FROM refunds) AS refunds, (SELECT count(*) FROM payment_refunds) AS card_refunds,
      (SELECT count(*) FROM product_images) AS images, (SELECT count(*) FROM terminal_readers) AS readers,
      (SELECT count(*) FROM categories) AS categories, (SELECT count(*) FROM tax_rates) AS tax_rates,
      (SELECT count(*) FROM products) AS products,
      (SELECT count(*) FROM vendors WHERE receipt_logo_path IS NOT NULL OR paused) AS vendor_changes`,
  );
  return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, Number(v)]));
}

/** Every procedure a counter may call only with a role proven, and the role it needs. */
function roleCalls(c: Counter, refundable: { orderId: string; lineId: string }) {
  const refund = {
    id: uuidv7(),
    orderId: refundable.orderId,
    number: `${c.registerCode}-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
    staffId: c.shop.cashierId,
    approvedBy: c.shop.managerId,
    refundedAt: new Date().toISOString(),
    reason: 'Stale',
    restock: false,
    lines: [{ orderLineId: refundable.lineId, quantity: 1, amountCents: 250 }],
    totalCents: 250,
    tender: 'cash' as const,
  };
  return {
    'payments.connect.link (owner)': (x: Caller) => x.payments.connect.link({}),
    'payments.connect.refresh (owner)': (x: Caller) => x.payments.connect.refresh(),
    'payments.refundOrder': (x: Caller) => x.payments.refundOrder({ orderId: refundable.orderId, amountCents: 100, refundId: uuidv7() }),
    'payments.payouts': (x: Caller) => x.payments.payouts({ from: '2026-01-01', to: '2026-01-31' }),
    'payments.terminal.registerReader': (x: Caller) => x.payments.terminal.registerReader({ registrationCode: 'simulated-wpe', label: 'Till' }),
    'counterSales.refund': (x: Caller) => x.counterSales.refund(refund),
    'products.uploadImageFromCounter': (x: Caller) =>
      x.products.uploadImageFromCounter({ productId: refundable.orderId, contentType: 'image/png', dataBase64: PNG_1PX, alt: '' }),
    'counterCustomers.uploadReceiptLogo': (x: Caller) => x.counterCustomers.uploadReceiptLogo({ contentType: 'image/png', dataBase64: PNG_1PX }),
    'counterCustomers.removeReceiptLogo': (x: Caller) => x.counterCustomers.removeReceiptLogo(),
  };
}

describeEachDb('staff proofs: a device token alone sells and syncs, nothing more', (get) => {
  const db = () => get().database.db;
  const as = (c: Counter, ...proofs: string[]) => get().caller({ bearer: c.token, ...(proofs.length ? { staffProofs: proofs.join(',') } : {}) });

  async function counterWithSale(server: TestServer) {
    const c = await pairCounter(server);
    const scone = await addProduct(server.database.db, c.shop.vendorId, { name: 'Scone', priceCents: 250, stock: 10 });
    const sale = saleArgs(c, [[scone, 2]]);
    const pushed = await c.bare.sync.push({ epoch: await epochOf(server.database.db), mutations: [envelope(1, 'sale.complete', sale)] });
    // selling needs no proof
    expect(pushed.results[0]?.status).toBe('applied');
    return { c, sale: { orderId: sale.id, lineId: sale.lines[0]?.id ?? '' } };
  }

  it('staff.verifyPin answers a proof that names the person on this counter only', async () => {
    const c = await pairCounter(get());
    await db().update(staff).set({ pinHash: await hashSecret('2468') }).where(eq(staff.id, c.shop.managerId));
    const answer = await c.bare.staff.verifyPin({ staffId: c.shop.managerId, pin: '2468' });
    expect(answer).toMatchObject({ staffId: c.shop.managerId, role: 'manager', proof: { token: expect.any(String) } });
    const online = Date.parse(answer.proof.expiresAt) - Date.now();
    expect(online).toBeGreaterThan(STAFF_PROOF_ONLINE_MS - 60_000);
    expect(online).toBeLessThanOrEqual(STAFF_PROOF_ONLINE_MS);
    // only its hash is stored
    const [row] = await db().select().from(staffDeviceProofs).where(eq(staffDeviceProofs.staffId, c.shop.managerId)).orderBy(sql`issued_at desc`).limit(1);
    expect(row?.tokenHash).not.toBe(answer.proof.token);
    expect(row?.deviceId).toBe(c.deviceId);
    // the proof opens the manager's calls on this counter
    expect(await (await as(c, answer.proof.token)).payments.payouts({ from: '2026-01-01', to: '2026-01-02' })).toBeTruthy();
    // a wrong PIN gets no proof
    const before = await db().select().from(staffDeviceProofs);
    expect((await failure(c.bare.staff.verifyPin({ staffId: c.shop.managerId, pin: '0000' }))).appCode).toBe('INVALID_CREDENTIALS');
    expect(await db().select().from(staffDeviceProofs)).toHaveLength(before.length);
  });

  it('refuses every role call with the device token alone (FORBIDDEN, nothing written)', async () => {
    const { c, sale } = await counterWithSale(get());
    const before = await roleWrites(db());
    for (const [name, call] of Object.entries(roleCalls(c, sale))) {
      const f = await failure(call(c.bare));
      expect(f.appCode, name).toBe('FORBIDDEN');
      expect(f.message, name).toMatch(/PIN of (the owner|a manager|the owner or a manager)/);
    }
    expect(await roleWrites(db())).toEqual(before);
  });

  it('refuses a cashier’s proof where a manager is needed, and a manager’s where the owner is', async () => {
    const { c, sale } = await counterWithSale(get());
    const calls = roleCalls(c, sale);
    const cashier = await as(c, c.proofs.cashier);
    const before = await roleWrites(db());
    for (const [name, call] of Object.entries(calls)) expect((await failure(call(cashier))).appCode, name).toBe('FORBIDDEN');
    const manager = await as(c, c.proofs.manager);
    expect((await failure(calls['payments.connect.link (owner)'](manager))).appCode).toBe('FORBIDDEN');
    expect((await failure(calls['payments.connect.refresh (owner)'](manager))).appCode).toBe('FORBIDDEN');
    expect(await roleWrites(db())).toEqual(before);
    // with the right proof the same calls go through (a cashier's refund with the approving manager's proof)
    expect(await calls['payments.payouts'](manager)).toBeTruthy();
    expect(await calls['counterSales.refund'](await as(c, c.proofs.cashier, c.proofs.manager))).toMatchObject({ refund: { totalCents: 250 } });
    expect(await calls['counterCustomers.removeReceiptLogo'](manager)).toEqual({ ok: true });
  });

  it('a proof counts only on its own device, shop and person, while they are active, unrevoked and in time', async () => {
    const { c } = await counterWithSale(get());
    const payouts = async (x: Caller) => (await failure(x.payments.payouts({ from: '2026-01-01', to: '2026-01-02' }))).appCode;
    // another counter of the same shop cannot borrow it
    const sibling = await pairCounter(get(), c.shop);
    expect(await payouts(await get().caller({ bearer: sibling.token, staffProofs: c.proofs.manager }))).toBe('FORBIDDEN');
    // another shop's counter cannot use it (nor its own manager's proof here)
    const other = await pairCounter(get());
    expect(await payouts(await get().caller({ bearer: other.token, staffProofs: c.proofs.owner }))).toBe('FORBIDDEN');
    expect(await payouts(await as(c, other.proofs.owner))).toBe('FORBIDDEN');
    // older than 12 hours: not for online calls
    const stale = await issueStaffProof(db(), c.deviceId, c.shop.managerId, new Date(Date.now() - STAFF_PROOF_ONLINE_MS - 60_000));
    expect(await payouts(await as(c, stale.token))).toBe('FORBIDDEN');
    // a guess proves nobody
    expect(await payouts(await as(c, 'x'.repeat(43)))).toBe('FORBIDDEN');
    // a new PIN ends the person's proofs
    const fresh = await issueStaffProof(db(), c.deviceId, c.shop.managerId);
    await db().update(staff).set({ passwordHash: await hashSecret('a long password') }).where(eq(staff.id, c.shop.managerId));
    await (await get().caller({ bearer: c.shop.ownerToken })).staff.update({ staffId: c.shop.managerId, pin: '9753' });
    expect(await payouts(await as(c, fresh.token))).toBe('FORBIDDEN');
    // deactivated staff: useless (the owner's proof still works until then)
    const second = await issueStaffProof(db(), c.deviceId, c.shop.managerId);
    await db().update(staff).set({ active: false }).where(eq(staff.id, c.shop.managerId));
    expect(await payouts(await as(c, second.token))).toBe('FORBIDDEN');
    expect(await (await as(c, c.proofs.owner)).payments.payouts({ from: '2026-01-01', to: '2026-01-02' })).toBeTruthy();
    // a revoked counter: nothing at all
    await db().update(devices).set({ revokedAt: new Date() }).where(eq(devices.id, c.deviceId));
    expect(await payouts(await as(c, c.proofs.owner))).toBe('UNAUTHENTICATED');
  });

  it('sync: role edits need the proof of the person whose role they need; selling does not', async () => {
    const c = await pairCounter(get());
    const scone = await addProduct(db(), c.shop.vendorId, { name: 'Scone', priceCents: 250, stock: 10 });
    const epoch = await epochOf(db());
    const at = new Date().toISOString();
    const cat = (id: string, approvedBy: string | null, staffId = c.shop.cashierId) => ({ id, slug: `s-${id.slice(-8)}`, name: 'Specials', sort: 1, staffId, approvedBy, occurredAt: at });
    const rate = { id: uuidv7(), taxClass: 'reduced', name: 'Reduced', rateBps: 500, staffId: c.shop.managerId, approvedBy: null, occurredAt: at };
    const settings = { id: uuidv7(), staffId: c.shop.managerId, changedAt: at, patch: { receiptFooter: 'Thanks!' } };
    const pause = { id: uuidv7(), staffId: c.shop.ownerId, changedAt: at, paused: true, reason: 'Back at 2' };
    const quick = { productId: uuidv7(), variantId: uuidv7(), name: 'Mystery jam', categoryId: null, sku: 'JAM-1', barcode: null, priceCents: 300, taxClass: 'standard', trackStock: false, staffId: c.shop.cashierId, approvedBy: c.shop.managerId, createdAt: at };
    const sale = saleArgs(c, [[scone, 1]], { staffId: c.shop.cashierId });
    const stock = (kind: 'adjust' | 'receive') => ({ id: uuidv7(), variantId: scone.variantId, kind, quantity: kind === 'adjust' ? -2 : 3, occurredAt: at, note: '', staffId: c.shop.cashierId, approvedBy: c.shop.managerId });
    const before = await roleWrites(db());
    const movements = await db().select().from(inventoryMovements);
    const res = await c.bare.sync.push({
      epoch,
      proofs: [c.proofs.cashier],
      mutations: [
        envelope(1, 'catalog.categorySave', cat(uuidv7(), c.shop.managerId)),
        envelope(2, 'catalog.taxRateSave', rate),
        envelope(3, 'vendor.settings', settings),
        envelope(4, 'vendor.pause', pause),
        envelope(5, 'product.quickAdd', quick),
        // a cashier approving herself proves no manager
        envelope(6, 'catalog.categorySave', cat(uuidv7(), c.shop.cashierId)),
        envelope(7, 'stock.movement', stock('adjust')),
        // selling and receiving stock are everyday till work: no proof
        envelope(8, 'sale.complete', sale),
        envelope(9, 'stock.movement', stock('receive')),
      ],
    });
    expect(res.results.map((r) => [r.status, r.code])).toEqual([
      ...Array.from({ length: 7 }, () => ['rejected', 'FORBIDDEN']),
      ['applied', undefined],
      ['applied', undefined],
    ]);
    expect(res.results[0]?.message).toMatch(/PIN of the owner or a manager checked by the marketplace/);
    expect(await roleWrites(db())).toEqual(before);
    // the sale's and the delivery's movements only
    expect((await db().select().from(inventoryMovements)).length).toBe(movements.length + 2);
    // the same edits with the proofs of who approved them are applied, and a proof up to 7 days old still counts
    const lastWeek = await issueStaffProof(db(), c.deviceId, c.shop.managerId, new Date(Date.now() - 6 * DAY));
    const ok = await c.bare.sync.push({
      epoch,
      proofs: [lastWeek.token, c.proofs.owner],
      mutations: [
        envelope(10, 'catalog.categorySave', cat(uuidv7(), c.shop.managerId)),
        envelope(11, 'catalog.taxRateSave', { ...rate, id: uuidv7(), taxClass: 'zero' }),
        envelope(12, 'vendor.pause', pause),
        envelope(13, 'stock.movement', stock('adjust')),
      ],
    });
    expect(ok.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
    // older than 7 days: rejected like no proof
    const old = await issueStaffProof(db(), c.deviceId, c.shop.managerId, new Date(Date.now() - 8 * DAY));
    const late = await c.bare.sync.push({ epoch, proofs: [old.token], mutations: [envelope(14, 'catalog.categorySave', cat(uuidv7(), c.shop.managerId))] });
    expect(late.results[0]).toMatchObject({ status: 'rejected', code: 'FORBIDDEN' });
    // another device's proofs vouch for nothing here
    const sibling = await pairCounter(get(), c.shop);
    const borrowed = await c.bare.sync.push({ epoch, proofs: [sibling.proofs.manager], mutations: [envelope(15, 'catalog.categorySave', cat(uuidv7(), c.shop.managerId))] });
    expect(borrowed.results[0]).toMatchObject({ status: 'rejected', code: 'FORBIDDEN' });
    expect(await db().select().from(categories).where(eq(categories.vendorId, c.shop.vendorId))).toHaveLength(1);
    expect(await db().select().from(taxRates).where(eq(taxRates.vendorId, c.shop.vendorId))).toHaveLength(2);
    expect((await pushCounts(db())).orders).toBeGreaterThan(0);
  });

  it('bad proofs in a push are BAD_INPUT and nothing is applied', async () => {
    const c = await pairCounter(get());
    const sale = saleArgs(c, [[await addProduct(db(), c.shop.vendorId, { name: 'Bun', priceCents: 250 }), 1]]);
    const before = await pushCounts(db());
    const f = await failure(c.bare.sync.push({ epoch: await epochOf(db()), proofs: ['not a proof'], mutations: [envelope(1, 'sale.complete', sale)] }));
    expect(f.appCode).toBe('BAD_INPUT');
    expect(await pushCounts(db())).toEqual(before);
  });
});
