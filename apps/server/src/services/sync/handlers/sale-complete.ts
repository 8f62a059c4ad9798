import { AppError, type SaleCompleteArgs } from '@makeries/shared';
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import { customers, orderLines, orderPayments, orders, products, variants } from '../../../db/schema/index';
import { recordMovements, type MovementInput } from '../../inventory';
import { loyaltyForSales } from '../../loyalty/order-hooks';
import { recordSalePromoLines, recordSalePromos } from '../../promos/counter-sale';
import { saleMovementId } from '../ids';
import { requireStaff, type ApplyScope } from '../scope';

/** Rows per INSERT and movements per ledger call, well under PostgreSQL's 65 535 bind parameters. */
const ROWS_PER_STATEMENT = 2000;

function chunks<T>(rows: readonly T[], size = ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

function checkShape(a: SaleCompleteArgs, scope: ApplyScope): void {
  requireStaff(scope, a.staffId);
  if (a.currency !== scope.currency) {
    throw new AppError('CURRENCY_MISMATCH', `This sale is in ${a.currency}, but the shop sells in ${scope.currency}.`);
  }
  if (new Set(a.lines.map((l) => l.lineNo)).size !== a.lines.length || new Set(a.lines.map((l) => l.id)).size !== a.lines.length) {
    throw new AppError('BAD_INPUT', 'Each line of a sale needs its own id and line number.');
  }
  if (new Set(a.payments.map((p) => p.id)).size !== a.payments.length) {
    throw new AppError('BAD_INPUT', 'Each payment of a sale needs its own id.');
  }
}

/** Products and variants on the lines must be this shop's, so a sale never points into another shop's catalog. */
async function checkCatalog(tx: Tx, scope: ApplyScope, sales: readonly SaleCompleteArgs[]): Promise<void> {
  const lines = sales.flatMap((s) => s.lines);
  const variantIds = [...new Set(lines.flatMap((l) => (l.variantId ? [l.variantId] : [])))];
  const productOf = new Map<string, string>();
  for (const ids of chunks(variantIds)) {
    const rows = await tx
      .select({ id: variants.id, productId: variants.productId })
      .from(variants)
      .where(and(inArray(variants.id, ids), eq(variants.vendorId, scope.vendorId)));
    for (const r of rows) productOf.set(r.id, r.productId);
  }
  const loose = [...new Set(lines.flatMap((l) => (l.productId && !l.variantId ? [l.productId] : [])))];
  const knownProducts = new Set<string>();
  for (const ids of chunks(loose)) {
    const rows = await tx
      .select({ id: products.id })
      .from(products)
      .where(and(inArray(products.id, ids), eq(products.vendorId, scope.vendorId)));
    for (const r of rows) knownProducts.add(r.id);
  }
  for (const l of lines) {
    const known = l.variantId
      ? productOf.has(l.variantId) && (!l.productId || productOf.get(l.variantId) === l.productId)
      : !l.productId || knownProducts.has(l.productId);
    if (!known) {
      throw new AppError('NOT_FOUND', `"${l.name}" on line ${l.lineNo} is not a product of this shop on the server.`, {
        details: { lineNo: l.lineNo, productId: l.productId, variantId: l.variantId },
      });
    }
  }
}

async function checkCustomers(tx: Tx, sales: readonly SaleCompleteArgs[]): Promise<void> {
  const ids = [...new Set(sales.flatMap((s) => (s.customerId ? [s.customerId] : [])))];
  if (ids.length === 0) return;
  const rows = await tx.select({ id: customers.id }).from(customers).where(inArray(customers.id, ids));
  if (rows.length !== ids.length) throw new AppError('NOT_FOUND', 'The customer attached to this sale does not exist on the server.');
}

/** Sales already recorded (resent after a lost response or an epoch change) are fine if they are this shop's. */
async function checkAlreadyRecorded(tx: Tx, scope: ApplyScope, orderIds: string[]): Promise<void> {
  if (orderIds.length === 0) return;
  const rows = await tx
    .select({ id: orders.id })
    .from(orders)
    .where(and(inArray(orders.id, orderIds), eq(orders.vendorId, scope.vendorId), eq(orders.channel, 'counter')));
  if (rows.length !== orderIds.length) throw new AppError('CONFLICT', 'This sale id is already used by a different order on the server.');
}

function orderRow(scope: ApplyScope, a: SaleCompleteArgs): typeof orders.$inferInsert {
  return {
    id: a.id,
    vendorId: scope.vendorId,
    customerId: a.customerId,
    channel: 'counter',
    number: a.number,
    status: 'completed',
    fulfilment: 'counter',
    currency: a.currency,
    taxMode: a.taxMode,
    subtotalCents: a.subtotalCents,
    discountCents: a.discountCents,
    taxCents: a.taxCents,
    roundingCents: a.roundingCents,
    totalCents: a.totalCents,
    paymentStatus: 'paid',
    note: a.note,
    deviceId: scope.deviceId,
    staffId: a.staffId,
    placedAt: new Date(a.completedAt),
  };
}

async function insertDetails(tx: Tx, scope: ApplyScope, sales: readonly SaleCompleteArgs[]): Promise<void> {
  const lines = sales.flatMap((a) => a.lines.map((l) => ({ ...l, orderId: a.id, vendorId: scope.vendorId })));
  for (const rows of chunks(lines)) await tx.insert(orderLines).values(rows);
  const payments = sales.flatMap((a) =>
    a.payments.map((p) => ({ ...p, reference: p.reference ?? null, orderId: a.id, vendorId: scope.vendorId, shiftId: a.shiftId })),
  );
  for (const rows of chunks(payments)) await tx.insert(orderPayments).values(rows);
  const movements: MovementInput[] = sales.flatMap((a) =>
    a.lines.flatMap((l) =>
      l.variantId
        ? [{ id: saleMovementId(l.id), variantId: l.variantId, kind: 'sale' as const, quantity: -l.quantity, occurredAt: new Date(a.completedAt), reference: a.id, staffId: a.staffId, deviceId: scope.deviceId }]
        : [],
    ),
  );
  for (const rows of chunks(movements)) await recordMovements(tx, scope.vendorId, rows);
}

/**
 * Completed counter sales as immutable order snapshots, idempotent on the order id. Stock leaves the ledger
 * with movement ids derived from the line ids; it may go negative (the sale already happened). Takes several
 * sales so a drain of a long offline queue costs a handful of statements per batch rather than per sale; the
 * caller runs it in a savepoint and falls back to one sale at a time when anything in the group fails.
 */
export async function applySales(tx: Tx, scope: ApplyScope, sales: readonly SaleCompleteArgs[]): Promise<void> {
  for (const a of sales) checkShape(a, scope);
  const ids = sales.map((a) => a.id);
  if (new Set(ids).size !== ids.length) throw new AppError('CONFLICT', 'The same sale appears twice in this group.');
  const inserted = new Set<string>();
  for (const group of chunks(sales, 500)) {
    const rows = await tx
      .insert(orders)
      .values(group.map((a) => orderRow(scope, a)))
      .onConflictDoNothing({ target: orders.id })
      .returning({ id: orders.id });
    for (const r of rows) inserted.add(r.id);
  }
  await checkAlreadyRecorded(
    tx,
    scope,
    ids.filter((id) => !inserted.has(id)),
  );
  const fresh = sales.filter((a) => inserted.has(a.id));
  if (fresh.length === 0) return;
  await checkCatalog(tx, scope, fresh);
  await checkCustomers(tx, fresh);
  await recordSalePromos(tx, scope.vendorId, fresh);
  await insertDetails(tx, scope, fresh);
  await loyaltyForSales(tx, scope.vendorId, fresh);
  await recordSalePromoLines(tx, fresh);
}

export function applySaleComplete(tx: Tx, scope: ApplyScope, a: SaleCompleteArgs): Promise<void> {
  return applySales(tx, scope, [a]);
}
