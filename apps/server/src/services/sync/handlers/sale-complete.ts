import { AppError, type SaleCompleteArgs } from '@makeries/shared';
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import { customers, orderLines, orderPayments, orders, products, variants } from '../../../db/schema/index';
import { recordMovements, type MovementInput } from '../../inventory';
import { saleMovementId } from '../ids';
import { requireStaff, type ApplyScope } from '../scope';

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
async function checkCatalog(tx: Tx, scope: ApplyScope, a: SaleCompleteArgs): Promise<void> {
  const variantIds = [...new Set(a.lines.flatMap((l) => (l.variantId ? [l.variantId] : [])))];
  const productOf = new Map<string, string>();
  if (variantIds.length > 0) {
    const rows = await tx
      .select({ id: variants.id, productId: variants.productId })
      .from(variants)
      .where(and(inArray(variants.id, variantIds), eq(variants.vendorId, scope.vendorId)));
    for (const r of rows) productOf.set(r.id, r.productId);
  }
  const loose = [...new Set(a.lines.flatMap((l) => (l.productId && !l.variantId ? [l.productId] : [])))];
  const knownProducts = new Set<string>();
  if (loose.length > 0) {
    const rows = await tx
      .select({ id: products.id })
      .from(products)
      .where(and(inArray(products.id, loose), eq(products.vendorId, scope.vendorId)));
    for (const r of rows) knownProducts.add(r.id);
  }
  for (const l of a.lines) {
    const known = l.variantId ? productOf.has(l.variantId) && (!l.productId || productOf.get(l.variantId) === l.productId) : !l.productId || knownProducts.has(l.productId);
    if (!known) {
      throw new AppError('NOT_FOUND', `"${l.name}" on line ${l.lineNo} is not a product of this shop on the server.`, {
        details: { lineNo: l.lineNo, productId: l.productId, variantId: l.variantId },
      });
    }
  }
}

async function checkCustomer(tx: Tx, customerId: string | null): Promise<void> {
  if (!customerId) return;
  const [row] = await tx.select({ id: customers.id }).from(customers).where(eq(customers.id, customerId));
  if (!row) throw new AppError('NOT_FOUND', 'The customer attached to this sale does not exist on the server.');
}

/** Sale already recorded (a resend after a lost response or an epoch change): fine if it is this shop's. */
async function alreadyRecorded(tx: Tx, scope: ApplyScope, orderId: string): Promise<void> {
  const [row] = await tx.select({ vendorId: orders.vendorId, channel: orders.channel }).from(orders).where(eq(orders.id, orderId));
  if (!row || row.vendorId !== scope.vendorId || row.channel !== 'counter') {
    throw new AppError('CONFLICT', 'This sale id is already used by a different order on the server.');
  }
}

/**
 * A completed counter sale, as an immutable order snapshot. Idempotent on the order id. Stock leaves the
 * ledger with movement ids derived from the line ids; it may go negative (the sale already happened).
 */
export async function applySaleComplete(tx: Tx, scope: ApplyScope, a: SaleCompleteArgs): Promise<void> {
  checkShape(a, scope);
  const at = new Date(a.completedAt);
  const [inserted] = await tx
    .insert(orders)
    .values({
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
      placedAt: at,
    })
    .onConflictDoNothing({ target: orders.id })
    .returning({ id: orders.id });
  if (!inserted) return alreadyRecorded(tx, scope, a.id);
  await checkCatalog(tx, scope, a);
  await checkCustomer(tx, a.customerId);
  await tx.insert(orderLines).values(
    a.lines.map((l) => ({
      id: l.id,
      orderId: a.id,
      vendorId: scope.vendorId,
      lineNo: l.lineNo,
      productId: l.productId,
      variantId: l.variantId,
      name: l.name,
      variantName: l.variantName,
      sku: l.sku,
      quantity: l.quantity,
      soldBy: l.soldBy,
      unitPriceCents: l.unitPriceCents,
      taxRateBps: l.taxRateBps,
      discountCents: l.discountCents,
      taxCents: l.taxCents,
      totalCents: l.totalCents,
    })),
  );
  await tx.insert(orderPayments).values(
    a.payments.map((p) => ({
      id: p.id,
      orderId: a.id,
      vendorId: scope.vendorId,
      shiftId: a.shiftId,
      kind: p.kind,
      amountCents: p.amountCents,
      tenderedCents: p.tenderedCents,
      changeCents: p.changeCents,
      reference: p.reference ?? null,
    })),
  );
  const movements: MovementInput[] = a.lines.flatMap((l) =>
    l.variantId
      ? [{ id: saleMovementId(l.id), variantId: l.variantId, kind: 'sale' as const, quantity: -l.quantity, occurredAt: at, reference: a.id, staffId: a.staffId, deviceId: scope.deviceId }]
      : [],
  );
  await recordMovements(tx, scope.vendorId, movements);
}
