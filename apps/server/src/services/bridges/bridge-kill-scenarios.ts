import { checkoutInput, uuidv7 } from '@makeries/shared';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { orders as ordersTable, posEntityMap, posPushes } from '../../db/schema/index';
import { buildApp } from '../../http/app';
import { enqueue } from '../../jobs/queue';
import { DB_KINDS } from '../../test/db';
import { recordMovements } from '../inventory';
import { checkout } from '../orders/checkout';
import { checkoutRequest } from '../orders/test-kit';
import { startKillBench, type KillBench, type KillSetup } from './bridge-kill-harness';
import type { RigDelivery } from './bridge-rig';
import { STOCK_SWEEP_JOB } from './catalog-sync';
import { applyImport, bridgeView, setOptions } from './manage';
import { recordOrderPushes } from './order-push';
import { readStream } from './sync-state';

/**
 * The part-1 scenarios "resumable 5,000-item import with 0 duplicates" and "exactly-once stock and order pushes
 * under kill -9" for any POS, on both database kinds (bridge-kill-harness.ts runs the server instances). A provider's test file
 * says only how its fake is seeded and read. Not a test file.
 */
export const ITEMS = 5_000;
export const START_COUNT = 500;

export interface KillProvider<F extends { requests: L[] }, L extends { status: number }> {
  title: string;
  /** starts the fake holding ITEMS items (and nothing else sellable), START_COUNT on the returned stocked variants */
  setup(): Promise<KillSetup<F>>;
  pages: {
    /** products per catalog page */
    size: number;
    /** how many fewer products the first page holds (Square: its taxes and categories come first) */
    firstShortBy?: number;
    /** a request that reads one page holding products (the reader dies on one of them) */
    isRead(log: L): boolean;
  };
  stock: {
    /** the request that writes one stock change (committed when the fake logs it) */
    isWrite(log: L): boolean;
    /** the idempotency key a write carried: the POS applies a key once, so the one in flight is sent again safely */
    keyOf?(log: L): string | null;
    count(fake: F, extId: string): number;
    /** the POS's webhooks since the last call (echoes of our own writes) */
    echoes(fake: F): RigDelivery[];
    /** the echoes alone bring the counter to the POS's count (before the sweep) */
    echoesSettle?: boolean;
    sales?: number;
  };
  /** web orders shown in the POS (connection option webOrdersInPos) */
  orders?: {
    /** the request that creates an order in the POS (committed when the fake logs it) */
    isCreate(log: L): boolean;
    /** the POS's orders carrying this push's idempotency key (Shopify source identifier, Toast externalId) */
    ordersWith(fake: F, key: string): number;
  };
}

export function describeBridgeKill<F extends { requests: L[] }, L extends { status: number }>(p: KillProvider<F, L>): void {
  for (const kind of DB_KINDS) {
    describe(`${p.title} bridge under kill -9 (child processes on a shared ${kind === 'pglite' ? 'PGlite data directory' : 'PostgreSQL database'}) [${kind}]`, () => {
      let bench: KillBench<F, L>;
      beforeAll(async () => {
        bench = await startKillBench<F, L>(kind, () => p.setup());
      }, 120_000);
      afterAll(async () => {
        await bench.close();
      });

      it(`imports ${ITEMS.toLocaleString('en')} items through a kill -9 mid-read and one mid-apply, with nothing read or created twice`, async () => {
        await importThroughKills(bench, p);
      }, 180_000);

      it(`counter sales reach ${p.title} through a kill -9 with a stock write in flight, each exactly once`, async () => {
        await salesThroughKill(bench, p);
      }, 120_000);

      const orders = p.orders;
      if (orders) {
        it(`a paid web order reaches ${p.title} once through a kill -9 with its creation in flight`, async () => {
          await webOrderThroughKill(bench, orders);
        }, 120_000);
      }
    });
  }
}

async function importThroughKills<F extends { requests: L[] }, L extends { status: number }>(b: KillBench<F, L>, p: KillProvider<F, L>): Promise<void> {
  const shortBy = p.pages.firstShortBy ?? 0;
  const pages = Math.ceil((ITEMS + shortBy) / p.pages.size);
  const killAt = Math.ceil(pages / 2);
  let reads = 0;
  const stop = b.watch((l) => {
    if (p.pages.isRead(l)) reads++;
  });
  // killed while page `killAt` is on its way back: the pages before it and their cursor are committed
  const read = await b.runChild({ killOnRequest: (l) => p.pages.isRead(l) && reads === killAt });
  expect(read).toMatchObject({ triggered: true, ended: 'SIGKILL' });
  let db = await b.db();
  expect(await readStream(db, b.connectionId, 'import')).toMatchObject({ phase: 'fetching', done: (killAt - 1) * p.pages.size - shortBy });

  // another instance resumes at that page: the one in flight is read again, no page before it
  await b.drain();
  stop();
  expect(await readStream(db, b.connectionId, 'import')).toMatchObject({ phase: 'preview', total: ITEMS });
  expect(reads).toBe(pages + 1);

  // the owner applies; the instance applying it is killed after 1,000 products or more
  await applyImport(db, b.vendor.vendorId, 'none');
  const applying = await b.runChild({
    killOnLine: (line) => {
      const m = /^import applying (\d+)$/.exec(line);
      return m !== null && Number(m[1]) >= 1_000;
    },
  });
  expect(applying).toMatchObject({ triggered: true, ended: 'SIGKILL' });
  db = await b.db();
  const halfway = await readStream(db, b.connectionId, 'import');
  expect(halfway?.phase).toBe('applying');
  const done = halfway?.done ?? 0;
  expect(done).toBeGreaterThanOrEqual(1_000);
  expect(done).toBeLessThan(ITEMS);
  // each chunk committed whole, with its progress: exactly the products counted exist
  expect(await b.count(sql`SELECT count(*)::int AS n FROM products WHERE vendor_id = ${b.vendor.vendorId}`)).toBe(done);

  await b.drain();
  // every product was applied once: progress counted each chunk once, and nothing exists twice
  expect(await readStream(db, b.connectionId, 'import')).toMatchObject({ phase: 'done', done: ITEMS });
  const [counts] = await queryRows<{ products: number; names: number; variants: number; mapped: number; mapRows: number; extIds: number }>(
    db,
    sql`SELECT (SELECT count(*) FROM products WHERE vendor_id = ${b.vendor.vendorId})::int AS products,
               (SELECT count(DISTINCT name) FROM products WHERE vendor_id = ${b.vendor.vendorId})::int AS names,
               (SELECT count(*) FROM variants WHERE vendor_id = ${b.vendor.vendorId})::int AS variants,
               (SELECT count(DISTINCT local_id) FROM pos_entity_map WHERE connection_id = ${b.connectionId} AND entity = 'variant')::int AS mapped,
               (SELECT count(DISTINCT ext_id) FROM pos_entity_map WHERE connection_id = ${b.connectionId} AND entity = 'variant')::int AS "extIds",
               (SELECT count(*) FROM pos_entity_map WHERE connection_id = ${b.connectionId} AND entity = 'variant')::int AS "mapRows"`,
  );
  expect(counts?.products).toBe(ITEMS);
  expect(counts?.names).toBe(ITEMS);
  expect(counts?.mapped).toBe(counts?.variants);
  expect(counts?.extIds).toBe(counts?.variants);
  expect(counts?.mapRows).toBe(counts?.variants);
  expect(counts?.variants).toBeGreaterThanOrEqual(ITEMS);
  expect(await b.count(sql`SELECT count(*)::int AS n FROM jobs WHERE status = 'failed'`)).toBe(0);
  expect(await b.count(sql`SELECT count(*)::int AS n FROM jobs WHERE status = 'queued' AND kind LIKE 'pos.%'`)).toBe(0);
  const view = await bridgeView(db, b.env, b.vendor.vendorId, 'owner');
  expect(view).toMatchObject({ state: 'in_step', bridged: { products: ITEMS } });
}

async function salesThroughKill<F extends { requests: L[] }, L extends { status: number }>(b: KillBench<F, L>, p: KillProvider<F, L>): Promise<void> {
  const sales = p.stock.sales ?? 60;
  let db = await b.db();
  p.stock.echoes(b.fake); // the counts set before the import were taken by it
  const rows = await db
    .select({ extId: posEntityMap.extId, localId: posEntityMap.localId })
    .from(posEntityMap)
    .where(and(eq(posEntityMap.connectionId, b.connectionId), eq(posEntityMap.entity, 'variant')));
  const local = new Map(rows.map((r) => [r.extId, r.localId]));
  const sold = new Map<string, number>(b.stocked.map((v) => [v, 0]));
  for (let i = 0; i < sales; i++) {
    const v = b.stocked[i % b.stocked.length] ?? '';
    const quantity = i % 3 === 0 ? 2 : 1;
    await recordMovements(db, b.vendor.vendorId, [{ id: uuidv7(), variantId: local.get(v) ?? '', kind: 'sale', quantity: -quantity, occurredAt: b.now(), reference: uuidv7() }]);
    sold.set(v, (sold.get(v) ?? 0) + quantity);
  }
  const onHand = async (v: string) => b.count(sql`SELECT on_hand AS n FROM inventory_levels WHERE variant_id = ${local.get(v) ?? ''}`);
  for (const v of b.stocked) expect(await onHand(v)).toBe(START_COUNT - (sold.get(v) ?? 0));

  // killed once the POS has committed the 5th write, before its answer is read
  let writes = 0;
  const inFlight = { key: '' };
  const answered: { key: string | null; status: number }[] = [];
  const stop = b.watch((l) => {
    if (p.stock.isWrite(l)) answered.push({ key: p.stock.keyOf?.(l) ?? null, status: l.status });
  });
  const run = await b.runChild({
    killOnRequest: (l) => {
      if (!p.stock.isWrite(l) || ++writes !== 5) return false;
      inFlight.key = p.stock.keyOf?.(l) ?? '';
      return true;
    },
  });
  expect(run).toMatchObject({ triggered: true, ended: 'SIGKILL' });
  db = await b.db();
  const states = await db
    .select({ key: posPushes.idempotencyKey, state: posPushes.state, variantId: posPushes.variantId, quantity: posPushes.quantity })
    .from(posPushes)
    .where(eq(posPushes.connectionId, b.connectionId));
  expect(states.filter((s) => s.state === 'acknowledged')).toHaveLength(4);
  const sent = states.filter((s) => s.state === 'sent');
  expect(sent).toHaveLength(1);
  if (p.stock.keyOf) expect(sent[0]?.key).toBe(inFlight.key);

  await b.drain();
  stop();
  expect(await b.count(sql`SELECT count(*)::int AS n FROM pos_pushes WHERE state <> 'acknowledged'`)).toBe(0);
  if (p.stock.keyOf) {
    // one write per sale in the POS; the one in flight was sent again with its key and applied once
    const ok = answered.filter((a) => a.status === 200);
    expect(new Set(ok.map((a) => a.key)).size).toBe(sales);
    expect(ok.filter((a) => a.key === inFlight.key)).toHaveLength(2);
  }
  // no sale is lost, none taken twice (Toast's unkeyed absolute write is recognised by the note kept on its push)
  for (const v of b.stocked) expect({ v, count: p.stock.count(b.fake, v) }).toEqual({ v, count: START_COUNT - (sold.get(v) ?? 0) });

  // the POS's webhooks arrive (echoes of our own sales), then the 15-minute stock sweep reads every count: the
  // counter shows exactly the POS's count
  const app = await buildApp({ database: await b.database(), env: b.env });
  try {
    for (const e of p.stock.echoes(b.fake)) {
      const res = await app.inject({ method: 'POST', url: `/hooks/pos/${b.provider}`, headers: { ...e.headers, 'content-type': 'application/json' }, payload: e.body });
      expect(res.statusCode).toBe(200);
    }
    await b.drain();
  } finally {
    await app.close();
  }
  if (p.stock.echoesSettle) for (const v of b.stocked) expect({ v, onHand: await onHand(v) }).toEqual({ v, onHand: p.stock.count(b.fake, v) });
  await enqueue(db, STOCK_SWEEP_JOB, `pos.stock-sweep:${b.connectionId}:kill-test`, { connectionId: b.connectionId });
  await b.drain();
  db = await b.db();
  for (const v of b.stocked) expect({ v, onHand: await onHand(v) }).toEqual({ v, onHand: p.stock.count(b.fake, v) });
  expect(await b.count(sql`SELECT count(*)::int AS n FROM jobs WHERE status = 'failed'`)).toBe(0);
}

async function webOrderThroughKill<F extends { requests: L[] }, L extends { status: number }>(b: KillBench<F, L>, o: NonNullable<KillProvider<F, L>['orders']>): Promise<void> {
  let db = await b.db();
  await setOptions(db, b.env, b.vendor.vendorId, { webOrdersInPos: true });
  const [line] = await db
    .select({ variantId: posEntityMap.localId })
    .from(posEntityMap)
    .where(and(eq(posEntityMap.connectionId, b.connectionId), eq(posEntityMap.entity, 'variant'), eq(posEntityMap.extId, b.stocked[0] ?? '')));
  const placed = await checkout(db, b.env, { customerId: null, sessionId: null }, checkoutInput.parse(checkoutRequest([[{ productId: '', variantId: line?.variantId ?? '', sku: '' }, 2]], [{ vendorId: b.vendor.vendorId }])));
  const orderId = placed.orders[0]?.id ?? '';
  // the card payment is recorded as payments/events.ts records it: the order paid and its push, in one transaction
  await db.transaction(async (tx) => {
    await tx.update(ordersTable).set({ paymentStatus: 'paid' }).where(eq(ordersTable.id, orderId));
    expect(await recordOrderPushes(tx, [orderId])).toBe(1);
  });
  const key = `mk-ord-${orderId}`;

  // killed once the POS has created the order, before its answer is read: the push is sent, its POS id unknown
  const run = await b.runChild({ killOnRequest: (l) => o.isCreate(l) });
  expect(run).toMatchObject({ triggered: true, ended: 'SIGKILL' });
  db = await b.db();
  const pushOf = async () => (await db.select().from(posPushes).where(eq(posPushes.idempotencyKey, key)))[0];
  expect(await pushOf()).toMatchObject({ state: 'sent', extRef: null });
  expect(o.ordersWith(b.fake, key)).toBe(1);

  // another instance sends it again with the same key: the POS's order is found, not made twice
  await b.drain();
  db = await b.db();
  const push = await pushOf();
  expect(push?.extRef).toBeTruthy();
  expect(o.ordersWith(b.fake, key)).toBe(1);
  expect(await b.count(sql`SELECT count(*)::int AS n FROM jobs WHERE status = 'failed'`)).toBe(0);
}
