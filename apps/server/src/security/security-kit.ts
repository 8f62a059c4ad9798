import { AppError, uuidv7, type ErrorCode } from '@makeries/shared';
import { TRPCError } from '@trpc/server';
import { eq, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { ZodError } from 'zod';
import { createContextInner } from '../context';
import { queryRows, type Db } from '../db/client';
import { sessions, staff } from '../db/schema/index';
import { appRouter } from '../routers/index';
import { checkoutRequest } from '../services/orders/test-kit';
import { pairCounter } from '../services/sync/sync-test-kit';
import { hashToken, newToken } from '../services/tokens';
import { tenantShop, type TenantShop } from '../test/cross-tenant-kit';
import { createTestDatabase, type DbKind } from '../test/db';
import { createCustomerFixture, type CustomerFixture } from '../test/fixtures';
import { MemoryCookieJar, testEnv, type Caller, type TestServer } from '../test/harness';
import { createCallerFactory } from '../trpc';
import type { Hints } from './examples';
import { createOperatorFixture, operatorSessionCookie } from '../services/operators/test-kit';
import type { Role } from './policies';

/**
 * Set-up shared by the security suite (matrix, fuzzer, events): one shop with one of everything, a customer with
 * a web order of that shop, and a caller for every role. Staff and customer callers get a fresh session per call,
 * so a logout or a fuzzed call cannot end the session the next case relies on. Not a test file itself.
 */

const createCaller = createCallerFactory(appRouter);

/** Every procedure of the router, by dotted path. */
export const PROCEDURES = appRouter._def.procedures as unknown as Record<string, { _def: { type: string; inputs: unknown[] } }>;

export async function openServer(kind: DbKind): Promise<TestServer> {
  const database = await createTestDatabase(kind);
  const env = testEnv();
  return {
    kind,
    database,
    env,
    async caller(opts = {}) {
      return createCaller(await createContextInner({ database, env, ...opts }));
    },
  };
}

export interface SecurityFixture {
  server: TestServer;
  shop: TenantShop;
  staffIds: Record<'owner' | 'manager' | 'cashier', string>;
  deviceToken: string;
  /** staff proofs issued on that counter (`staff.verifyPin`) */
  proofs: Record<'owner' | 'manager' | 'cashier', string>;
  customer: CustomerFixture;
  /** a web order of the shop placed by `customer`, and its tracking token */
  orderId: string;
  trackingToken: string;
  /** a cashier and a counter that calls may deactivate or revoke without harming the fixture */
  spareStaffId: string;
  spareDeviceId: string;
  /** the marketplace's operator (issue 17) */
  operatorId: string;
  hints: Hints;
}

export async function securityFixture(server: TestServer): Promise<SecurityFixture> {
  const db = server.database.db;
  const shop = await tenantShop(server);
  const rows = await db.select({ id: staff.id, role: staff.role }).from(staff).where(eq(staff.vendorId, shop.vendorId));
  const idOf = (role: string) => rows.find((r) => r.role === role)?.id ?? '';
  const spareStaffId = uuidv7();
  await db.insert(staff).values({ id: spareStaffId, vendorId: shop.vendorId, name: 'Spare Cashier', role: 'cashier' });
  const spare = await pairCounter(server, shop.counter.shop);
  const customer = await createCustomerFixture(db);
  const operator = await createOperatorFixture(db);
  const buyer = await server.caller({ sessionCookie: customer.cookie });
  const placed = await buyer.orders.checkout(
    checkoutRequest([[{ productId: shop.productId, variantId: shop.variantId, sku: '' }, 1]], [{ vendorId: shop.vendorId }]),
  );
  const order = (placed as { orders: { id: string; trackingToken: string }[] }).orders[0];
  if (!order) throw new Error('security set-up: no order');
  const hints: Hints = {
    vendorId: shop.vendorId,
    productId: shop.productId,
    variantId: shop.variantId,
    orderId: order.id,
    staffId: spareStaffId,
    deviceId: spare.deviceId,
    alertId: shop.alertId,
    categoryId: shop.categoryId,
    slug: shop.counter.shop.slug,
    trackingToken: order.trackingToken,
    currency: 'GBP',
    taxClass: 'standard',
    sku: 'FUZZ-SKU-1',
    timezone: 'Europe/London',
    paymentIntentId: 'pi_3FuzzTest0000000001',
    readerId: 'tmr_FuzzTest0000000001',
  };
  return {
    server,
    shop,
    staffIds: { owner: idOf('owner'), manager: idOf('manager'), cashier: idOf('cashier') },
    deviceToken: shop.counter.token,
    proofs: shop.counter.proofs,
    customer,
    orderId: order.id,
    trackingToken: order.trackingToken,
    spareStaffId,
    spareDeviceId: spare.deviceId,
    operatorId: operator.operator.id,
    hints,
  };
}

async function freshSession(db: Db, values: { kind: 'staff'; staffId: string } | { kind: 'customer'; customerId: string }): Promise<string> {
  const token = newToken();
  await db.insert(sessions).values({ id: uuidv7(), tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 3600_000), ...values });
  return token;
}

let ipSeq = 0;

/** A caller acting as `role` of the fixture's shop, each on its own address so throttles of one case spare the next. */
export async function callerAs(
  fx: SecurityFixture,
  role: Role,
  opts: { log?: Logger; requestId?: string; ip?: string } = {},
): Promise<Caller> {
  const { database, env } = fx.server;
  ipSeq++;
  const base = { database, env, ip: `10.99.${Math.floor(ipSeq / 250) % 250}.${ipSeq % 250}`, cookies: new MemoryCookieJar(), ...opts };
  switch (role) {
    case 'anonymous':
      return createCaller(await createContextInner(base));
    case 'customer':
      return createCaller(await createContextInner({ ...base, sessionCookie: await freshSession(database.db, { kind: 'customer', customerId: fx.customer.customerId }) }));
    case 'device':
      return createCaller(await createContextInner({ ...base, bearer: fx.deviceToken }));
    case 'operator':
      return createCaller(await createContextInner({ ...base, operatorCookie: await operatorSessionCookie(database.db, fx.operatorId) }));
    case 'deviceCashier':
    case 'deviceManager':
    case 'deviceOwner': {
      const who = role === 'deviceCashier' ? 'cashier' : role === 'deviceManager' ? 'manager' : 'owner';
      return createCaller(await createContextInner({ ...base, bearer: fx.deviceToken, staffProofs: fx.proofs[who] }));
    }
    default:
      return createCaller(await createContextInner({ ...base, bearer: await freshSession(database.db, { kind: 'staff', staffId: fx.staffIds[role] }) }));
  }
}

/** Calls `path` (e.g. `catalog.taxRates.create`) on a caller. */
export function callPath(caller: Caller, path: string, input: unknown): Promise<unknown> {
  let target: unknown = caller;
  for (const part of path.split('.')) target = (target as Record<string, unknown>)[part];
  return (target as (i: unknown) => Promise<unknown>)(input);
}

export type Outcome = { ok: true } | { ok: false; code: ErrorCode; transport: string; message: string; error: unknown };

/** What a client would see as `data.appCode` (tRPC's own BAD_REQUEST is BAD_INPUT; an unmapped error is INTERNAL). */
export async function outcomeOf(call: Promise<unknown>): Promise<Outcome> {
  try {
    await call;
    return { ok: true };
  } catch (e) {
    if (!(e instanceof TRPCError)) return { ok: false, code: 'INTERNAL', transport: 'THROWN', message: String(e), error: e };
    const cause = e.cause;
    const code: ErrorCode =
      cause instanceof AppError ? cause.code : cause instanceof ZodError || e.code === 'BAD_REQUEST' || e.code === 'PARSE_ERROR' ? 'BAD_INPUT' : e.code === 'UNAUTHORIZED' ? 'UNAUTHENTICATED' : e.code === 'FORBIDDEN' ? 'FORBIDDEN' : e.code === 'INTERNAL_SERVER_ERROR' ? 'INTERNAL' : e.code === 'NOT_FOUND' ? 'NOT_FOUND' : e.code === 'TOO_MANY_REQUESTS' ? 'RATE_LIMITED' : e.code === 'PAYLOAD_TOO_LARGE' ? 'PAYLOAD_TOO_LARGE' : 'INTERNAL';
    return { ok: false, code, transport: e.code, message: e.message, error: e };
  }
}

export const isAuthRefusal = (o: Outcome): boolean => !o.ok && (o.code === 'UNAUTHENTICATED' || o.code === 'FORBIDDEN');

/** Tables a refused call may still write: throttling counters (a refused sign-in attempt is counted on purpose). */
const BOOKKEEPING = new Set(['rate_limits']);

let tableList: string[] | undefined;

/**
 * A cheap fingerprint of every table: row count and the newest row version (max xmin, which any insert or update
 * raises) per table, in one query. Equal before and after = no row inserted, updated or deleted.
 */
export async function fingerprint(db: Db): Promise<string> {
  if (!tableList) {
    const rows = await queryRows<{ name: string }>(
      db,
      sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    tableList = rows.map((r) => r.name).filter((n) => !BOOKKEEPING.has(n));
  }
  const parts = tableList.map(
    (t) => sql`SELECT ${t}::text AS t, count(*)::int AS n, coalesce(max(xmin::text::bigint), 0)::text AS x FROM ${sql.identifier(t)}`,
  );
  const rows = await queryRows<{ t: string; n: number; x: string }>(db, sql.join(parts, sql` UNION ALL `));
  return rows.map((r) => `${r.t}:${r.n}:${r.x}`).join('|');
}

/**
 * The first transaction id not yet handed out: any transaction that wrote a row (even one rolled back) moves it,
 * a read-only one does not. Equal before and after a call = the call wrote nothing, without reading every table.
 */
export async function nextXid(db: Db): Promise<string> {
  const [row] = await queryRows<{ x: string }>(db, sql`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x`);
  return row?.x ?? '';
}
