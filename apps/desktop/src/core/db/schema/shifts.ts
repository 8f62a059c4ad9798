import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { id, isoTime, money } from './columns';

export const shifts = sqliteTable(
  'shifts',
  {
    id: id(),
    registerCode: text('register_code').notNull(),
    status: text('status', { enum: ['open', 'closed'] }).notNull(),
    openedBy: text('opened_by').notNull(),
    openedAt: isoTime('opened_at').notNull(),
    floatCents: money('float_cents').notNull(),
    closedBy: text('closed_by'),
    closedAt: isoTime('closed_at'),
    /** value in minor units → count, as typed at close */
    counted: text('counted', { mode: 'json' }).$type<Record<string, number>>(),
    expectedCashCents: money('expected_cash_cents'),
    countedCashCents: money('counted_cash_cents'),
  },
  (t) => [index('shifts_status_idx').on(t.status, t.openedAt)],
);

export const shiftEvents = sqliteTable(
  'shift_events',
  {
    id: id(),
    shiftId: text('shift_id')
      .notNull()
      .references(() => shifts.id),
    kind: text('kind', { enum: ['open', 'paid_in', 'paid_out', 'no_sale', 'close'] }).notNull(),
    staffId: text('staff_id').notNull(),
    amountCents: money('amount_cents').notNull().default(0),
    reason: text('reason').notNull().default(''),
    occurredAt: isoTime('occurred_at').notNull(),
    /** the outbox row that tells the server */
    outboxId: text('outbox_id').notNull(),
  },
  (t) => [index('shift_events_shift_idx').on(t.shiftId, t.occurredAt)],
);
