import { PUSH_BATCH_MAX } from '@makeries/shared';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { describeEachDb } from '../../test/harness';
import { ledgerOnHand } from '../inventory';
import type { TestProduct } from '../orders/test-kit';
import { addProduct, envelope, epochOf, pairCounter, saleArgs } from './sync-test-kit';

const SALES = 10_000;

describeEachDb('sync.push drain', (get) => {
  it(`drains ${SALES} queued sales in batches of ${PUSH_BATCH_MAX}, each recorded once with its stock`, { timeout: 600_000 }, async () => {
    const db = get().database.db;
    const c = await pairCounter(get());
    const items: TestProduct[] = [];
    for (let i = 0; i < 20; i++) items.push(await addProduct(db, c.shop.vendorId, { name: `Item ${i}`, priceCents: 250, stock: 1000 }));
    const outbox = Array.from({ length: SALES }, (_, i) => {
      const a = items[i % items.length]!;
      const b = items[(i * 7 + 3) % items.length]!;
      return envelope(i + 1, 'sale.complete', saleArgs(c, a === b ? [[a, 2]] : [[a, 1], [b, 1]]));
    });
    const epoch = await epochOf(db);
    const started = performance.now();
    let last = 0;
    for (let i = 0; i < outbox.length; i += PUSH_BATCH_MAX) {
      const res = await c.caller.sync.push({ epoch, mutations: outbox.slice(i, i + PUSH_BATCH_MAX) });
      expect(res.results.every((r) => r.status === 'applied')).toBe(true);
      last = res.lastMutationId;
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`[${get().kind}] drained ${SALES} sales in ${seconds.toFixed(1)} s = ${Math.round(SALES / seconds)} orders/s`);
    expect(last).toBe(SALES);
    const [row] = await queryRows<{ orders: number; moves: number }>(
      db,
      sql`SELECT (SELECT count(*)::int FROM orders WHERE device_id = ${c.deviceId}) AS orders,
                 (SELECT count(*)::int FROM inventory_movements WHERE device_id = ${c.deviceId}) AS moves`,
    );
    expect(row?.orders).toBe(SALES);
    const sold = SALES * 2;
    expect(row?.moves).toBeLessThanOrEqual(sold);
    // every item left stock exactly as often as it was sold, and the cached levels agree with the ledger
    const ledger = await ledgerOnHand(db, c.shop.vendorId, items.map((p) => p.variantId));
    const levels = await queryRows<{ variantId: string; onHand: number }>(
      db,
      sql`SELECT variant_id AS "variantId", on_hand AS "onHand" FROM inventory_levels WHERE vendor_id = ${c.shop.vendorId}`,
    );
    const total = [...ledger.values()].reduce((s, n) => s + n, 0);
    expect(total).toBe(items.length * 1000 - sold);
    for (const l of levels) expect(l.onHand).toBe(ledger.get(l.variantId));
  });
});
