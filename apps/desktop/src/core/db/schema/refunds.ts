import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { id, isoTime, money } from './columns';
import { saleLines, sales } from './sales';

/** Corrections after a sale are new records (DESIGN §3): a refund never edits the sale it reverses. */
export const refunds = sqliteTable(
  'refunds',
  {
    id: id(),
    saleId: text('sale_id')
      .notNull()
      .references(() => sales.id),
    number: text('number').notNull(),
    shiftId: text('shift_id'),
    staffId: text('staff_id').notNull(),
    approvedBy: text('approved_by'),
    reason: text('reason').notNull().default(''),
    restock: integer('restock', { mode: 'boolean' }).notNull(),
    tender: text('tender', { enum: ['cash', 'external_card', 'stripe_terminal'] }).notNull(),
    /** Σ line amounts, what the sync mutation carries */
    totalCents: money('total_cents').notNull(),
    /** cash refunds are rounded like cash sales; paid out = total + rounding */
    roundingCents: money('rounding_cents').notNull(),
    refundedAt: isoTime('refunded_at').notNull(),
    /** the outbox row that tells the server */
    outboxId: text('outbox_id').notNull(),
  },
  (t) => [index('refunds_sale_idx').on(t.saleId), index('refunds_shift_idx').on(t.shiftId)],
);

export const refundLines = sqliteTable(
  'refund_lines',
  {
    id: id(),
    refundId: text('refund_id')
      .notNull()
      .references(() => refunds.id),
    saleLineId: text('sale_line_id')
      .notNull()
      .references(() => saleLines.id),
    quantity: integer('quantity').notNull(),
    amountCents: money('amount_cents').notNull(),
  },
  (t) => [index('refund_lines_sale_line_idx').on(t.saleLineId)],
);
