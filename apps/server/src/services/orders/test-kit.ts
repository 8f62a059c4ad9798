import { AppError, uuidv7, type checkoutFulfilmentSchema, type checkoutInput, type ErrorCode } from '@makeries/shared';
import { TRPCError } from '@trpc/server';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { ZodError } from 'zod';
import { queryRows, type Db } from '../../db/client';
import { devices, inventoryLevels, inventoryMovements, products, taxRates, variants, vendors } from '../../db/schema/index';
import { createVendorFixture, type VendorFixture } from '../../test/fixtures';
import { issueStaffProof } from '../staff-proofs';
import { hashToken, newToken } from '../tokens';

/** Test set-up for orders: shops with tax rates, products with stock, and a "nothing was written" snapshot. */

export async function createShop(
  db: Db,
  opts: { vendor?: Partial<typeof vendors.$inferInsert>; rates?: Record<string, number> } = {},
): Promise<VendorFixture> {
  const shop = await createVendorFixture(db, opts.vendor);
  for (const [taxClass, rateBps] of Object.entries(opts.rates ?? { standard: 2000 })) {
    await db.insert(taxRates).values({ id: uuidv7(), vendorId: shop.vendorId, taxClass, name: `VAT ${taxClass}`, rateBps });
  }
  return shop;
}

export interface ProductSpec {
  name: string;
  priceCents: number;
  taxClass?: string;
  stock?: number;
  trackStock?: boolean;
  soldBy?: 'each' | 'weight';
  variantName?: string;
  onlineVisible?: boolean;
  productArchived?: boolean;
  variantArchived?: boolean;
}

export interface TestProduct {
  productId: string;
  variantId: string;
  sku: string;
}

let skuSeq = 0;

/** A product with one variant; stock is recorded as a past `count` in the ledger plus the cached level. */
export async function addProduct(db: Db, vendorId: string, spec: ProductSpec): Promise<TestProduct> {
  const productId = uuidv7();
  const variantId = uuidv7();
  const sku = `SKU-${++skuSeq}-${variantId.slice(-4)}`;
  await db.insert(products).values({
    id: productId,
    vendorId,
    name: spec.name,
    onlineVisible: spec.onlineVisible ?? true,
    archived: spec.productArchived ?? false,
    minPriceCents: spec.priceCents,
    inStock: (spec.stock ?? 10) > 0,
  });
  await db.insert(variants).values({
    id: variantId,
    productId,
    vendorId,
    name: spec.variantName ?? 'Default',
    sku,
    priceCents: spec.priceCents,
    taxClass: spec.taxClass ?? 'standard',
    soldBy: spec.soldBy ?? 'each',
    trackStock: spec.trackStock ?? true,
    archived: spec.variantArchived ?? false,
  });
  const stock = spec.stock ?? 10;
  await db.insert(inventoryMovements).values({
    id: uuidv7(),
    vendorId,
    variantId,
    kind: 'count',
    quantity: stock,
    occurredAt: new Date(Date.now() - 86_400_000),
  });
  await db.insert(inventoryLevels).values({ variantId, vendorId, onHand: stock, reserved: 0 });
  return { productId, variantId, sku };
}

/** A paired counter of the vendor; returns its bearer token. */
export async function addDevice(db: Db, vendorId: string): Promise<{ deviceId: string; token: string }> {
  const deviceId = uuidv7();
  const token = newToken();
  await db.insert(devices).values({
    id: deviceId,
    vendorId,
    name: 'Front counter',
    registerCode: `R${deviceId.slice(-3).toUpperCase()}`,
    tokenHash: hashToken(token),
  });
  return { deviceId, token };
}

/** A staff proof for `staffId` on the device, as `staff.verifyPin` issues one (the PIN check itself is tested in staff tests). */
export async function proveStaff(db: Db, deviceId: string, staffId: string): Promise<string> {
  return (await issueStaffProof(db, deviceId, staffId)).token;
}

export async function levelOf(db: Db, variantId: string): Promise<{ onHand: number; reserved: number }> {
  const [row] = await queryRows<{ on_hand: number; reserved: number }>(
    db,
    sql`SELECT on_hand, reserved FROM inventory_levels WHERE variant_id = ${variantId}`,
  );
  return { onHand: row?.on_hand ?? 0, reserved: row?.reserved ?? 0 };
}

/** Everything a checkout or transition could touch, to prove a failure wrote nothing. */
export async function writeSnapshot(db: Db): Promise<Record<string, number>> {
  const [row] = await queryRows<Record<string, string | number>>(
    db,
    sql`SELECT
      (SELECT count(*) FROM orders) AS orders,
      (SELECT count(*) FROM order_lines) AS lines,
      (SELECT count(*) FROM order_events) AS events,
      (SELECT count(*) FROM checkouts) AS checkouts,
      (SELECT count(*) FROM inventory_movements) AS movements,
      (SELECT coalesce(sum(reserved), 0) FROM inventory_levels) AS reserved,
      (SELECT coalesce(sum(on_hand), 0) FROM inventory_levels) AS on_hand,
      (SELECT coalesce(sum(next_order_number), 0) FROM vendors) AS numbers,
      (SELECT coalesce(sum(popularity), 0) FROM products) AS popularity`,
  );
  return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, Number(v)]));
}

export type CheckoutRequest = z.input<typeof checkoutInput>;

export function checkoutRequest(
  items: [TestProduct, number][],
  fulfilment: (Omit<z.input<typeof checkoutFulfilmentSchema>, 'type'> & { type?: 'pickup' | 'delivery' })[],
  extra: Partial<CheckoutRequest> = {},
): CheckoutRequest {
  return {
    idempotencyKey: uuidv7(),
    contact: { name: 'Ada Buyer', email: 'ada@example.test', phone: '07700 900000' },
    items: items.map(([p, quantity]) => ({ variantId: p.variantId, quantity })),
    fulfilment: fulfilment.map((f) => ({ type: 'pickup' as const, ...f })),
    paymentMethod: 'pay_at_pickup',
    ...extra,
  };
}

export interface Failure {
  appCode: ErrorCode;
  message: string;
  details: Record<string, unknown> | undefined;
}

/** Awaits a call that must fail and returns the error code a client would see as `data.appCode`. */
export async function failure(call: Promise<unknown>): Promise<Failure> {
  try {
    await call;
  } catch (e) {
    return failureOf(e);
  }
  throw new Error('Expected the call to fail, but it succeeded');
}

/** The error a call threw (a rejection already in hand), as a client would see it; anything but a TRPCError is rethrown. */
export function failureOf(e: unknown): Failure {
  if (!(e instanceof TRPCError)) throw e;
  const cause = e.cause;
  if (cause instanceof AppError) return { appCode: cause.code, message: cause.message, details: cause.details };
  if (cause instanceof ZodError) return { appCode: 'BAD_INPUT', message: cause.message, details: undefined };
  return { appCode: 'INTERNAL', message: e.message, details: undefined };
}
