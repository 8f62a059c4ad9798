import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { isoTime } from './columns';

/**
 * The one row describing this counter: which server device it is paired as, its register code, the sync
 * cursor/epoch and the last hybrid-logical-clock value (persisted so the clock stays monotonic across restarts).
 */
export const device = sqliteTable(
  'device',
  {
    slot: integer('slot').primaryKey(),
    deviceId: text('device_id'),
    vendorId: text('vendor_id'),
    registerCode: text('register_code'),
    name: text('name').notNull().default(''),
    pairedAt: isoTime('paired_at'),
    epoch: text('epoch'),
    cursor: text('cursor').notNull().default('0'),
    lastPullAt: isoTime('last_pull_at'),
    /** the server's high-water mark for this device, from the last push/pull */
    serverLastMutationId: integer('server_last_mutation_id').notNull().default(0),
    hlc: text('hlc'),
    /** the marketplace's locale and currency from the last pull (null before the first): receipts and screens use them */
    marketLocale: text('market_locale'),
    marketCurrency: text('market_currency'),
  },
  (t) => [check('device_single_row', sql`${t.slot} = 1`)],
);

/** Counter-local settings (not server-owned): limits staff may only pass with a manager's PIN. */
export const counterSettings = sqliteTable(
  'counter_settings',
  {
    slot: integer('slot').primaryKey(),
    /** line/order discounts above this share of the amount need a manager (1000 = 10%) */
    discountLimitBps: integer('discount_limit_bps').notNull().default(1000),
    pinMaxAttempts: integer('pin_max_attempts').notNull().default(5),
    pinLockoutSeconds: integer('pin_lockout_seconds').notNull().default(300),
    /** a signed-in staff member is locked out after this much inactivity; 0 = never */
    autoLockSeconds: integer('auto_lock_seconds').notNull().default(600),
  },
  (t) => [check('counter_settings_single_row', sql`${t.slot} = 1`)],
);

/** Per-register receipt sequence: receipts are `<registerCode>-<seq>` so offline registers never collide. */
export const registerSequences = sqliteTable('register_sequences', {
  registerCode: text('register_code').primaryKey(),
  lastSeq: integer('last_seq').notNull().default(0),
});
