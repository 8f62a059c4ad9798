import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { isoTime } from './columns';

/**
 * Loyalty cards of customers this counter looked up (issue 18): the shop's programme and the balance as the
 * server last said, `as_of_mutation` = the last outbox row the server had applied then. Offline the till shows
 * this balance plus what its own later sales did to it; the server's ledger stays the truth.
 */
export const loyaltyCards = sqliteTable('loyalty_cards', {
  customerId: text('customer_id').primaryKey(),
  name: text('name').notNull().default(''),
  email: text('email').notNull().default(''),
  phone: text('phone').notNull().default(''),
  known: integer('known', { mode: 'boolean' }).notNull().default(false),
  /** the shop's programme (shared LoyaltyProgramme) as JSON */
  programme: text('programme').notNull(),
  units: integer('units').notNull(),
  asOfMutation: integer('as_of_mutation').notNull().default(0),
  checkedAt: isoTime('checked_at').notNull(),
});
