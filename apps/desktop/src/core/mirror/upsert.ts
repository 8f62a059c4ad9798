import type Database from 'better-sqlite3';
import { AppError, type ChangeEntity, type OrderStatus } from '@makeries/shared';
import { camelKeys, ROW_SCHEMAS, webOrderLineRow, type RowOf } from './rows';
import { mirrorStatements, type MirrorEntity, type SqlRow } from './statements';
import { withPendingVendorChanges } from './vendor-overlay';
import { deleteOrderMessage, upsertOrderMessage } from '../messages/mirror';

function parseRow<E extends ChangeEntity>(entity: E, id: string, data: Record<string, unknown>): RowOf<E> {
  const result = ROW_SCHEMAS[entity].safeParse(camelKeys(data));
  if (result.success) return result.data as RowOf<E>;
  const issue = result.error.issues[0];
  const where = issue ? `${issue.path.join('.')} ${issue.message}` : '';
  throw new AppError('BAD_INPUT', `The server sent a ${entity} (${id}) this counter cannot read: ${where}`.trim(), {
    details: { entity, id },
  });
}

const b = (v: boolean): number => (v ? 1 : 0);
const json = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v));

/** Parsed server row → the mirror table's columns. */
const TO_SQL: { [E in Exclude<ChangeEntity, 'web_order' | 'order_message'>]: (id: string, r: RowOf<E>) => SqlRow } = {
  vendor: (id, r) => ({
    id, name: r.name, currency: r.currency, tax_mode: r.taxMode, timezone: r.timezone,
    cash_rounding_cents: r.cashRoundingCents, gs1_template: json(r.gs1Template), paused: b(r.paused),
    phone: r.phone, address_line1: r.addressLine1, city: r.city, postcode: r.postcode,
    description: r.description, email: r.email, opening_hours: json(r.openingHours), paused_reason: r.pausedReason,
    receipt_header: r.receiptHeader, receipt_footer: r.receiptFooter, tax_number: r.taxNumber, receipt_logo_path: r.receiptLogoPath,
    sold_out_policy: r.soldOutPolicy, blind_close: b(r.blindClose),
  }),
  category: (id, r) => ({ id, vendor_id: r.vendorId, slug: r.slug, name: r.name, sort: r.sort }),
  tax_rate: (id, r) => ({ id, tax_class: r.taxClass, name: r.name, rate_bps: r.rateBps }),
  product: (id, r) => ({
    id, category_id: r.categoryId, name: r.name, online_visible: b(r.onlineVisible), archived: b(r.archived),
    pos_provider: r.posProvider, pos_edit_url: r.posEditUrl,
  }),
  variant: (id, r) => ({
    id, product_id: r.productId, name: r.name, sku: r.sku, barcode: r.barcode, price_cents: r.priceCents, tax_class: r.taxClass,
    sold_by: r.soldBy, track_stock: b(r.trackStock), low_stock_threshold: r.lowStockThreshold, sort: r.sort, archived: b(r.archived),
  }),
  staff: (id, r) => ({ id, name: r.name, role: r.role, pin_hash: r.pinHash, active: b(r.active) }),
  stock_level: (id, r) => ({ variant_id: id, on_hand: r.onHand, reserved: r.reserved, updated_at: r.updatedAt }),
  promo_code: (id, r) => ({
    id, code: r.code.toUpperCase(), description: r.description, discount_kind: r.discount.kind,
    percent_bps: r.discount.kind === 'percent' ? r.discount.bps : 0, amount_cents: r.discount.kind === 'amount' ? r.discount.amountCents : 0,
    min_basket_cents: r.minBasketCents, first_order_only: b(r.firstOrderOnly), starts_at: r.startsAt, ends_at: r.endsAt, active: b(r.active),
    updated_at: r.updatedAt,
  }),
};

/**
 * Web-order transitions queued at this counter but not yet acknowledged are replayed on top of the server's
 * status, so the inbox does not jump back while offline. A transition whose `from` no longer matches is
 * skipped here and comes back from the server as a rejection.
 */
function optimisticStatus(sqlite: Database.Database, orderId: string, serverStatus: OrderStatus): OrderStatus {
  const rows = mirrorStatements(sqlite).pendingTransitions.all(orderId) as { args: string }[];
  let status = serverStatus;
  for (const { args } of rows) {
    const t = JSON.parse(args) as { from: OrderStatus; to: OrderStatus };
    if (t.from === status) status = t.to;
  }
  return status;
}

function upsertWebOrder(sqlite: Database.Database, id: string, r: RowOf<'web_order'>): void {
  const st = mirrorStatements(sqlite);
  st.upsert.web_order.run({
    id, number: r.number, status: optimisticStatus(sqlite, id, r.status), server_status: r.status, fulfilment: r.fulfilment,
    customer_id: r.customerId, contact: json(r.contact), delivery_address: json(r.deliveryAddress), pickup_at: r.pickupAt,
    currency: r.currency, tax_mode: r.taxMode, subtotal_cents: r.subtotalCents, discount_cents: r.discountCents, tax_cents: r.taxCents,
    delivery_fee_cents: r.deliveryFeeCents, total_cents: r.totalCents, payment_status: r.paymentStatus, note: r.note,
    prep_minutes: r.prepMinutes, status_reason: r.statusReason, placed_at: r.placedAt,
  });
  st.deleteOrderLines.run(id);
  for (const raw of r.lines) {
    const line = webOrderLineRow.safeParse(camelKeys(raw));
    if (!line.success) throw new AppError('BAD_INPUT', `The server sent web order ${r.number} with a line this counter cannot read.`);
    const l = line.data;
    st.insertOrderLine.run({
      id: l.id, order_id: id, line_no: l.lineNo, variant_id: l.variantId, name: l.name, variant_name: l.variantName, sku: l.sku,
      quantity: l.quantity, sold_by: l.soldBy, unit_price_cents: l.unitPriceCents, total_cents: l.totalCents,
    });
  }
}

function isMirrorEntity(entity: string): entity is MirrorEntity {
  return Object.hasOwn(ROW_SCHEMAS, entity);
}

/** Inserts or replaces one mirrored row. Returns false for an entity this counter does not know. */
export function upsertEntity(sqlite: Database.Database, entity: string, id: string, data: Record<string, unknown>): boolean {
  if (entity === 'order_message') {
    upsertOrderMessage(sqlite, id, data);
    return true;
  }
  if (!isMirrorEntity(entity)) return false;
  if (entity === 'web_order') {
    upsertWebOrder(sqlite, id, parseRow('web_order', id, data));
    return true;
  }
  const toSql = TO_SQL[entity] as (id: string, r: unknown) => SqlRow;
  const row = toSql(id, parseRow(entity, id, data));
  // store settings changed here but not yet acknowledged stay on top of the server's row, like web-order moves
  mirrorStatements(sqlite).upsert[entity].run(entity === 'vendor' ? withPendingVendorChanges(sqlite, row) : row);
  return true;
}

export function deleteEntity(sqlite: Database.Database, entity: string, id: string): boolean {
  if (entity === 'order_message') {
    deleteOrderMessage(sqlite, id);
    return true;
  }
  if (!isMirrorEntity(entity)) return false;
  const st = mirrorStatements(sqlite);
  if (entity === 'web_order') st.deleteOrderLines.run(id);
  st.remove[entity].run(id);
  return true;
}
