import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { customers } from './auth';
import { createdAt, id } from './columns';
import { operators } from './operators';
import { vendors } from './vendors';

/**
 * Customers' reports of storefront content (issue 17): a product, a shop or a review (`target_id` names a row of
 * that kind, so it has no foreign key). A customer has at most one open report per item; the operator closes
 * reports by hiding the item (`actioned`) or dismissing them. `vendor_id` is the shop the item belongs to.
 */
export const contentReports = pgTable(
  'content_reports',
  {
    id: id(),
    kind: text('kind', { enum: ['product', 'shop', 'review', 'message'] }).notNull(),
    targetId: uuid('target_id').notNull(),
    vendorId: uuid('vendor_id').notNull().references(() => vendors.id),
    /** null when a guest (tracking link) or a shop reports an order message (issue 18) */
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'cascade' }),
    reporter: text('reporter', { enum: ['customer', 'guest', 'shop'] }).notNull().default('customer'),
    reason: text('reason', { enum: ['misleading', 'prohibited', 'offensive', 'spam', 'other'] }).notNull(),
    details: text('details').notNull().default(''),
    status: text('status', { enum: ['open', 'dismissed', 'actioned'] }).notNull().default('open'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'date' }),
    resolvedBy: uuid('resolved_by').references(() => operators.id),
    resolution: text('resolution').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('content_reports_open_uq').on(t.customerId, t.kind, t.targetId).where(sql`${t.status} = 'open'`),
    index('content_reports_open_target_idx').on(t.kind, t.targetId, t.createdAt).where(sql`${t.status} = 'open'`),
    index('content_reports_target_idx').on(t.targetId, t.createdAt),
    check('content_reports_kind_chk', sql`${t.kind} IN ('product', 'shop', 'review', 'message')`),
    check('content_reports_reporter_chk', sql`${t.reporter} IN ('customer', 'guest', 'shop')`),
    uniqueIndex('content_reports_open_message_uq').on(t.targetId).where(sql`${t.status} = 'open' AND ${t.kind} = 'message'`),
    check('content_reports_reason_chk', sql`${t.reason} IN ('misleading', 'prohibited', 'offensive', 'spam', 'other')`),
    check('content_reports_status_chk', sql`${t.status} IN ('open', 'dismissed', 'actioned')`),
  ],
);
