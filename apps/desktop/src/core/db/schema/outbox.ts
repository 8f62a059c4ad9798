import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { isoTime } from './columns';

/**
 * Every local write the server must learn, inserted in the same transaction as the write (DESIGN §4).
 * Rows are never deleted (a trigger in the FTS migration refuses DELETE): after the server answers they move
 * from pending to applied or rejected and stay as the audit trail and for re-sending after an epoch change.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    deviceId: text('device_id').notNull(),
    /** contiguous per device, from 1 */
    mutationId: integer('mutation_id').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    args: text('args', { mode: 'json' }).notNull(),
    argsVersion: integer('args_version').notNull(),
    hlc: text('hlc').notNull(),
    status: text('status', { enum: ['pending', 'applied', 'rejected'] }).notNull().default('pending'),
    code: text('code'),
    message: text('message'),
    createdAt: isoTime('created_at').notNull(),
    ackedAt: isoTime('acked_at'),
    /** a manager looked at a rejection and settled it (refunded the customer, recounted, …): no longer "to resolve" */
    resolvedAt: isoTime('resolved_at'),
    resolvedBy: text('resolved_by'),
    resolutionNote: text('resolution_note'),
  },
  (t) => [
    primaryKey({ columns: [t.deviceId, t.mutationId] }),
    uniqueIndex('outbox_id_uq').on(t.id),
    index('outbox_status_idx').on(t.status, t.mutationId),
  ],
);
