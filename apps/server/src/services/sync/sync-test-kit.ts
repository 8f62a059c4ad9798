import {
  uuidv7,
  type Change,
  type PullResult,
  type MutationEnvelope,
  type MutationName,
  type SaleCompleteArgs,
  type SaleLineSnapshot,
} from '@makeries/shared';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { staff } from '../../db/schema/index';
import { addProduct, createShop, proveStaff, type TestProduct } from '../orders/test-kit';
import type { VendorFixture } from '../../test/fixtures';
import type { Caller, TestServer } from '../../test/harness';
import { decodeCursor } from './cursor';
import { getEpoch } from './epoch';

/**
 * Test set-up for the sync suites: a shop with a counter paired the real way (pairing code → device token),
 * sale arguments as a counter would build them, and outbox envelopes. Not a test file itself.
 */

export interface Counter {
  shop: VendorFixture;
  deviceId: string;
  token: string;
  registerCode: string;
  staffId: string;
  /** proofs of the shop's owner and manager on this counter, as `staff.verifyPin` issues them */
  proofs: { owner: string; manager: string; cashier: string };
  /** as the counter with the owner's and manager's proofs (header `x-makeries-staff`), like a counter they signed in to */
  caller: Caller;
  /** the device token alone: sells and syncs, nothing more */
  bare: Caller;
}

let ipSeq = 0;

export async function pairCounter(server: TestServer, shop?: VendorFixture): Promise<Counter> {
  const db = server.database.db;
  const s = shop ?? (await createShop(db));
  const manager = await server.caller({ bearer: s.managerToken });
  const { code } = await manager.devices.createPairingCode({ deviceName: 'Front till' });
  ipSeq++;
  const paired = await (await server.caller({ ip: `10.77.${Math.floor(ipSeq / 250)}.${ipSeq % 250}` })).devices.pair({ code });
  const proofs = {
    owner: await proveStaff(db, paired.device.id, s.ownerId),
    manager: await proveStaff(db, paired.device.id, s.managerId),
    cashier: await proveStaff(db, paired.device.id, s.cashierId),
  };
  return {
    shop: s,
    deviceId: paired.device.id,
    token: paired.deviceToken,
    registerCode: paired.device.registerCode,
    staffId: s.ownerId,
    proofs,
    caller: await server.caller({ bearer: paired.deviceToken, staffProofs: `${proofs.owner},${proofs.manager}` }),
    bare: await server.caller({ bearer: paired.deviceToken }),
  };
}

export async function epochOf(db: Db): Promise<string> {
  return getEpoch(db);
}

let receiptSeq = 0;

/** A paid cash sale of `items` (product, quantity) at 250 minor units each, 20% VAT inclusive. */
export function saleArgs(counter: Counter, items: [TestProduct, number][], overrides: Partial<SaleCompleteArgs> = {}): SaleCompleteArgs {
  const id = uuidv7();
  const lines: SaleLineSnapshot[] = items.map(([p, quantity], i) => ({
    id: uuidv7(),
    lineNo: i + 1,
    productId: p.productId,
    variantId: p.variantId,
    name: `Item ${p.sku}`,
    variantName: '',
    sku: p.sku,
    quantity,
    soldBy: 'each',
    unitPriceCents: 250,
    taxRateBps: 2000,
    discountCents: 0,
    taxCents: Math.round((250 * quantity) / 6),
    totalCents: 250 * quantity,
  }));
  const total = lines.reduce((s, l) => s + l.totalCents, 0);
  return {
    id,
    number: `${counter.registerCode}-${String(++receiptSeq).padStart(6, '0')}`,
    shiftId: null,
    staffId: counter.staffId,
    completedAt: new Date().toISOString(),
    currency: 'GBP',
    taxMode: 'inclusive',
    subtotalCents: total,
    discountCents: 0,
    taxCents: lines.reduce((s, l) => s + l.taxCents, 0),
    roundingCents: 0,
    totalCents: total,
    note: '',
    customerId: null,
    promo: null,
    lines,
    payments: [{ id: uuidv7(), kind: 'cash', amountCents: total, tenderedCents: total, changeCents: 0 }],
    ...overrides,
  };
}

export function envelope(mutationId: number, name: MutationName, args: unknown): MutationEnvelope {
  return { mutationId, id: uuidv7(), name, args, argsVersion: 1, hlc: `${Date.now()}:0:${mutationId}` };
}

export { addProduct, createShop };

/** Row counts of every table a push can write, to prove a refused push wrote nothing. */
export type PushCounts = Record<
  'orders' | 'lines' | 'payments' | 'events' | 'movements' | 'on_hand' | 'refunds' | 'shifts' | 'shift_events' | 'mutations' | 'last_ids',
  number
>;

export async function pushCounts(db: Db): Promise<PushCounts> {
  const [row] = await queryRows<Record<string, string | number>>(
    db,
    sql`SELECT
      (SELECT count(*) FROM orders) AS orders,
      (SELECT count(*) FROM order_lines) AS lines,
      (SELECT count(*) FROM order_payments) AS payments,
      (SELECT count(*) FROM order_events) AS events,
      (SELECT count(*) FROM inventory_movements) AS movements,
      (SELECT coalesce(sum(on_hand), 0) FROM inventory_levels) AS on_hand,
      (SELECT count(*) FROM refunds) AS refunds,
      (SELECT count(*) FROM shifts) AS shifts,
      (SELECT count(*) FROM shift_events) AS shift_events,
      (SELECT count(*) FROM device_mutations) AS mutations,
      (SELECT coalesce(sum(last_mutation_id), 0) FROM devices) AS last_ids`,
  );
  return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, Number(v)])) as PushCounts;
}

/** Gives a staff member a PIN hash and a password hash, to check which one travels to counters. */
export async function setHashes(db: Db, staffId: string): Promise<void> {
  await db.execute(sql`UPDATE ${staff} SET pin_hash = 'scrypt$pin-hash', password_hash = 'scrypt$password-hash' WHERE id = ${staffId}`);
}

/** Pulls page after page until the server says there is no more, like the counter's sync loop. */
export async function pullAll(caller: Caller, epoch: string | null, cursor = '0', limit = 1000) {
  const changes: Change[] = [];
  let page: PullResult;
  let pages = 0;
  do {
    page = await caller.sync.pull({ epoch, cursor, limit });
    changes.push(...page.changes);
    cursor = page.nextCursor;
    if (++pages > 500) throw new Error('pull never finished');
  } while (page.hasMore);
  return { changes, cursor, last: page, pages };
}

/**
 * Retries an assertion until it passes or `timeoutMs` runs out. The feed holds rows back while any older
 * writing transaction in the whole PostgreSQL cluster is open (its watermark is cluster-wide), so on a shared
 * test server another suite's long transaction can delay — never lose — a change for a moment.
 */
async function eventually<T>(check: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Pulls from `cursor` until `done(changes so far)` holds, accumulating pages across held-back polls. */
export async function pullUntil(caller: Caller, epoch: string, cursor: string, done: (changes: Change[]) => boolean) {
  const changes: Change[] = [];
  let at = cursor;
  let last: PullResult | undefined;
  await eventually(async () => {
    const page = await pullAll(caller, epoch, at);
    changes.push(...page.changes);
    at = page.cursor;
    last = page.last;
    if (!done(changes)) throw new Error(`changes not all delivered yet: ${JSON.stringify(changes.map((c) => `${c.entity}:${c.id}`))}`);
  });
  if (!last) throw new Error('no pull happened');
  return { changes, cursor: at, last };
}

/**
 * Pulls until the feed has passed every transaction that finished before this call, so what a test pulls next
 * comes only from the writes it makes next. Returns the caught-up cursor.
 */
export async function settle(db: Db, caller: Caller, epoch: string, cursor: string): Promise<string> {
  const [row] = await queryRows<{ x: string }>(db, sql`SELECT pg_current_xact_id()::text AS x`);
  const marker = BigInt(row?.x ?? '0');
  let at = cursor;
  await eventually(async () => {
    at = (await pullAll(caller, epoch, at)).cursor;
    const pos = decodeCursor(at);
    if (pos.kind !== 'feed' || BigInt(pos.txid) <= marker) throw new Error('the feed has not caught up yet');
  });
  return at;
}

/** The last delivered version of one entity row. */
export function latest(changes: Change[], entity: Change['entity'], id: string): Change | undefined {
  return changes.findLast((c) => c.entity === entity && c.id === id);
}
