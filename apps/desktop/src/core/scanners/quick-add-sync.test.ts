import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { counterOrders, createServerShop, makeCounter, readyToSell, syncUntil, type TestCounter } from '../sync/test-kit';
import { ean13 } from '../test/fixtures';
import { startServerProcess, type ServerProcess } from '../test/server-process';

/*
 * Quick-add end to end: the counter's optimistic product goes to the real marketplace server through the
 * outbox, comes back through the change feed with the same ids, and reaches another counter of the shop.
 */
let server: ServerProcess;
const counters: TestCounter[] = [];
beforeAll(async () => {
  server = await startServerProcess();
});
afterAll(async () => {
  await server?.destroy();
});
afterEach(async () => {
  for (const c of counters.splice(0)) await c.cleanup();
});

function rows(c: TestCounter, sql: string, ...params: string[]) {
  return c.core.ctx.sqlite.prepare(sql).all(...params) as Record<string, unknown>[];
}

describe('quick-add through sync', () => {
  it('creates the product on the server, keeps one local row with the same ids, and another till can sell it', async () => {
    const shop = await createServerShop(server.url, 'Pantry');
    const manager = await shop.owner.staff.create.mutate({ role: 'manager', name: 'Pantry Manager', email: `mgr-${Date.now()}@pantry.example`, password: 'correct horse battery', pin: '8642' });
    const till = makeCounter(server.url, { random: () => 0.25 });
    counters.push(till);
    await till.sync.pair(await shop.pairingCode());
    await readyToSell(till.core, shop);
    const code = ean13(`50${String(Date.now()).slice(-10)}`);

    const added = await till.core.scanners.quickAdd({ code, name: 'Quince Paste', priceCents: 520, taxClass: 'standard', approval: { staffId: manager.id, pin: '8642' } });
    expect(added.scan).toMatchObject({ status: 'added' });
    const cart = till.core.cart.current();
    if (!cart) throw new Error('no open cart');
    till.core.sales.complete({ cartId: cart.id, tenders: [{ kind: 'cash', tenderedCents: cart.totals.totalCents }] });

    await syncUntil(till.sync, 'the quick-add and its sale are applied', () => {
      expect(till.sync.status()).toMatchObject({ pending: 0, rejected: 0 });
    });
    const hidden = await shop.owner.products.list.query({ status: 'hidden', limit: 100 });
    expect(hidden.items.find((p) => p.id === added.productId)).toMatchObject({ name: 'Quince Paste' });
    expect((await counterOrders(shop)).flatMap((o) => o.lines.map((l) => l.variantId))).toContain(added.variantId);
    // the feed's copy replaced the optimistic rows: still one product and one variant with these ids
    await syncUntil(till.sync, 'the server copy is pulled back', () => {
      expect(rows(till, 'SELECT id FROM mirror_variants WHERE barcode = ?', code)).toEqual([{ id: added.variantId }]);
    });
    expect(rows(till, 'SELECT id, name, online_visible AS visible FROM mirror_products WHERE id = ?', added.productId)).toEqual([
      { id: added.productId, name: 'Quince Paste', visible: 0 },
    ]);

    const other = makeCounter(server.url, { random: () => 0.25 });
    counters.push(other);
    await other.sync.pair(await shop.pairingCode());
    await readyToSell(other.core, shop);
    // the one sold took it below zero on the server, so this till asks before selling another (the default `warn`)
    expect(other.core.scanners.scan(code)).toMatchObject({ status: 'refused', error: { code: 'OUT_OF_STOCK', details: { soldOut: { variantId: added.variantId } } } });
    expect(other.core.cart.addScan({ code, sellAnyway: true }).cart).toMatchObject({ lines: [expect.objectContaining({ variantId: added.variantId, unitPriceCents: 520 })] });
  });
});
