import { nextStatuses, type OrderDetailView, type OrderLineView, type OrderView, type TransitionActor } from '@makeries/shared';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { orderEvents, orderLines, orders } from '../../db/schema/index';

export type OrderRow = typeof orders.$inferSelect;
type LineRow = typeof orderLines.$inferSelect;

/** Who is looking decides which next steps are offered; null = may look but not act. */
export type ViewerRole = Extract<TransitionActor, 'vendor' | 'customer'> | null;

export function lineView(l: LineRow): OrderLineView {
  return {
    id: l.id,
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
  };
}

export function orderView(o: OrderRow, vendorName: string, lines: LineRow[], role: ViewerRole): OrderView {
  return {
    id: o.id,
    number: o.number,
    vendorId: o.vendorId,
    vendorName,
    channel: o.channel,
    status: o.status,
    fulfilment: o.fulfilment,
    pickupAt: o.pickupAt ? o.pickupAt.toISOString() : null,
    deliveryAddress: o.deliveryAddress ?? null,
    contact: o.contact ?? null,
    currency: o.currency,
    taxMode: o.taxMode,
    subtotalCents: o.subtotalCents,
    discountCents: o.discountCents,
    promoCode: o.promoCode,
    promoCents: o.promoCents,
    taxCents: o.taxCents,
    deliveryFeeCents: o.deliveryFeeCents,
    totalCents: o.totalCents,
    paymentStatus: o.paymentStatus,
    note: o.note,
    prepMinutes: o.prepMinutes,
    statusReason: o.statusReason,
    placedAt: o.placedAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
    lines: lines.map(lineView),
    nextStatuses: role ? nextStatuses(o.status, role, o.fulfilment) : [],
  };
}

/** Lines of several orders in one query, scoped to the orders' vendor(s). */
export async function linesByOrder(db: DbOrTx, rows: OrderRow[]): Promise<Map<string, LineRow[]>> {
  const byOrder = new Map<string, LineRow[]>(rows.map((r) => [r.id, []]));
  if (rows.length === 0) return byOrder;
  const vendorIds = [...new Set(rows.map((r) => r.vendorId))];
  const lines = await db
    .select()
    .from(orderLines)
    .where(and(inArray(orderLines.orderId, [...byOrder.keys()]), inArray(orderLines.vendorId, vendorIds)))
    .orderBy(asc(orderLines.orderId), asc(orderLines.lineNo));
  for (const l of lines) byOrder.get(l.orderId)?.push(l);
  return byOrder;
}

export async function orderDetailView(db: DbOrTx, o: OrderRow, vendorName: string, role: ViewerRole): Promise<OrderDetailView> {
  const lines = (await linesByOrder(db, [o])).get(o.id) ?? [];
  const events = await db
    .select()
    .from(orderEvents)
    .where(eq(orderEvents.orderId, o.id))
    .orderBy(asc(orderEvents.createdAt), asc(orderEvents.id));
  return {
    ...orderView(o, vendorName, lines, role),
    events: events.map((e) => ({
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actorKind: e.actorKind,
      reason: e.reason,
      at: e.createdAt.toISOString(),
    })),
  };
}
