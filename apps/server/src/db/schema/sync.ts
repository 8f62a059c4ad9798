import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns';
import { devices, staff } from './auth';
import { orderLines, orders } from './orders';
import { vendors } from './vendors';

/** 64-bit transaction id (never wraps); compared as text-encoded numbers by the change feed. */
const xid8 = customType<{ data: string }>({
  dataType() {
    return 'xid8';
  },
});

/**
 * One row. `epoch` is minted by the change_feed migration; restoring a backup or resetting the database
 * must rotate it (services/sync/epoch.ts) so counters re-bootstrap and resend what they still hold.
 * `log_floor_*` is the highest change-feed position pruned away: older cursors must re-bootstrap.
 */
export const serverMeta = pgTable(
  'server_meta',
  {
    singleton: boolean('singleton').primaryKey().default(true),
    epoch: text('epoch').notNull(),
    logFloorTxid: xid8('log_floor_txid'),
    logFloorSeq: bigint('log_floor_seq', { mode: 'number' }),
    updatedAt: updatedAt(),
  },
  (t) => [check('server_meta_singleton_chk', sql`${t.singleton}`)],
);

/** What became of each pushed mutation; the (device, mutation id) key makes a resend a duplicate. */
export const deviceMutations = pgTable(
  'device_mutations',
  {
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id),
    mutationId: bigint('mutation_id', { mode: 'number' }).notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: ['applied', 'rejected'] }).notNull(),
    code: text('code'),
    message: text('message'),
    appliedAt: timestamp('applied_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.deviceId, t.mutationId] }),
    index('device_mutations_rejected_idx').on(t.deviceId, t.mutationId).where(sql`${t.status} = 'rejected'`),
  ],
);

/** Tender of a counter sale; `shift_id` has no foreign key so a sale never fails on a shift the server lacks. */
export const orderPayments = pgTable(
  'order_payments',
  {
    id: id(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    vendorId: uuid('vendor_id')
      .notNull()
      .references(() => vendors.id),
    shiftId: uuid('shift_id'),
    kind: text('kind', { enum: ['cash', 'external_card', 'stripe_terminal'] }).notNull(),
    amountCents: integer('amount_cents').notNull(),
    tenderedCents: integer('tendered_cents').notNull().default(0),
    changeCents: integer('change_cents').notNull().default(0),
    reference: text('reference'),
    createdAt: createdAt(),
  },
  (t) => [index('order_payments_order_idx').on(t.orderId), index('order_payments_shift_idx').on(t.shiftId)],
);

/** A counter refund against an earlier order: a new record, the order itself stays as sold. */
export const refunds = pgTable(
  'refunds',
  {
    id: id(),
    vendorId: uuid('vendor_id')
      .notNull()
      .references(() => vendors.id),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    number: text('number').notNull(),
    deviceId: uuid('device_id').references(() => devices.id),
    staffId: uuid('staff_id').references(() => staff.id),
    approvedBy: uuid('approved_by').references(() => staff.id),
    reason: text('reason').notNull().default(''),
    restock: boolean('restock').notNull(),
    tender: text('tender', { enum: ['cash', 'external_card', 'stripe_terminal'] }).notNull(),
    totalCents: integer('total_cents').notNull(),
    refundedAt: timestamp('refunded_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('refunds_vendor_number_uq').on(t.vendorId, t.number),
    index('refunds_order_idx').on(t.orderId),
    check('refunds_total_chk', sql`${t.totalCents} >= 0`),
  ],
);

export const refundLines = pgTable(
  'refund_lines',
  {
    refundId: uuid('refund_id')
      .notNull()
      .references(() => refunds.id),
    orderLineId: uuid('order_line_id')
      .notNull()
      .references(() => orderLines.id),
    vendorId: uuid('vendor_id')
      .notNull()
      .references(() => vendors.id),
    quantity: integer('quantity').notNull(),
    amountCents: integer('amount_cents').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.refundId, t.orderLineId] }),
    index('refund_lines_order_line_idx').on(t.orderLineId),
    check('refund_lines_positive_chk', sql`${t.quantity} > 0 AND ${t.amountCents} >= 0`),
  ],
);

/** A till session on one counter: opened with a float, closed with counted cash. */
export const shifts = pgTable(
  'shifts',
  {
    id: id(),
    vendorId: uuid('vendor_id')
      .notNull()
      .references(() => vendors.id),
    deviceId: uuid('device_id').references(() => devices.id),
    status: text('status', { enum: ['open', 'closed'] }).notNull(),
    openedBy: uuid('opened_by').references(() => staff.id),
    openedAt: timestamp('opened_at', { withTimezone: true, mode: 'date' }).notNull(),
    floatCents: integer('float_cents').notNull().default(0),
    closedBy: uuid('closed_by').references(() => staff.id),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    expectedCashCents: integer('expected_cash_cents'),
    countedCashCents: integer('counted_cash_cents'),
    overShortCents: integer('over_short_cents'),
    counted: jsonb('counted').$type<Record<string, number> | null>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('shifts_vendor_idx').on(t.vendorId, t.openedAt)],
);

export const shiftEvents = pgTable(
  'shift_events',
  {
    id: id(),
    shiftId: uuid('shift_id')
      .notNull()
      .references(() => shifts.id),
    vendorId: uuid('vendor_id')
      .notNull()
      .references(() => vendors.id),
    deviceId: uuid('device_id').references(() => devices.id),
    kind: text('kind', { enum: ['open', 'paid_in', 'paid_out', 'no_sale', 'close'] }).notNull(),
    staffId: uuid('staff_id').references(() => staff.id),
    amountCents: integer('amount_cents').notNull().default(0),
    reason: text('reason').notNull().default(''),
    counted: jsonb('counted').$type<Record<string, number> | null>(),
    expectedCashCents: integer('expected_cash_cents'),
    countedCashCents: integer('counted_cash_cents'),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('shift_events_shift_idx').on(t.shiftId, t.occurredAt)],
);

/**
 * The download change feed, written only by triggers (migration change_feed). `txid` lets a reader stop at
 * the snapshot-xmin watermark, so a row committed after a later-numbered row is never skipped (DESIGN §10).
 * `vendor_id` is null for marketplace-wide rows (categories).
 */
export const changeLog = pgTable(
  'change_log',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    txid: xid8('txid')
      .notNull()
      .default(sql`pg_current_xact_id()`),
    vendorId: uuid('vendor_id'),
    entity: text('entity').notNull(),
    entityId: uuid('entity_id').notNull(),
    op: text('op', { enum: ['upsert', 'delete'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('change_log_vendor_pos_idx').on(t.vendorId, t.txid, t.seq), index('change_log_created_idx').on(t.createdAt)],
);
