import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { id, isoTime } from './columns';

/** Bad-PIN counter per staff member; persisted so restarting the app does not reset a lockout. */
export const pinAttempts = sqliteTable('pin_attempts', {
  staffId: text('staff_id').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lockedUntil: isoTime('locked_until'),
  lastFailureAt: isoTime('last_failure_at'),
});

/** Who did what at this counter: logins, lockouts, overrides, no-sale opens, voids. Local audit trail. */
export const activityLog = sqliteTable(
  'activity_log',
  {
    id: id(),
    at: isoTime('at').notNull(),
    staffId: text('staff_id'),
    kind: text('kind').notNull(),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('activity_log_at_idx').on(t.at)],
);

/**
 * Staff proofs from the marketplace (`staff.verifyPin`), one per person, the newest kept: the counter sends the
 * acting person's (and an approving manager's) with online calls that need a role, and every proof still within
 * its sync window with each push, so edits made offline are accepted later.
 */
export const staffProofs = sqliteTable('staff_proofs', {
  staffId: text('staff_id').primaryKey(),
  token: text('token').notNull(),
  /** until when online calls accept it */
  expiresAt: isoTime('expires_at').notNull(),
  /** until when a sync push accepts it */
  syncExpiresAt: isoTime('sync_expires_at').notNull(),
  receivedAt: isoTime('received_at').notNull(),
});
