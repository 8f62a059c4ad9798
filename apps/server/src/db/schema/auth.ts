import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns';
import { operators } from './operators';
import { vendors } from './vendors';

export const staff = pgTable(
  'staff',
  {
    id: id(),
    vendorId: uuid('vendor_id').notNull().references(() => vendors.id),
    name: text('name').notNull(),
    /** owners and managers sign in to the back office with email + password; cashiers only have a PIN */
    email: text('email'),
    passwordHash: text('password_hash'),
    pinHash: text('pin_hash'),
    role: text('role', { enum: ['owner', 'manager', 'cashier'] }).notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('staff_email_uq').on(sql`lower(${t.email})`),
    index('staff_vendor_idx').on(t.vendorId),
  ],
);

export const customers = pgTable(
  'customers',
  {
    id: id(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    phone: text('phone').notNull().default(''),
    passwordHash: text('password_hash').notNull(),
    /** set when the customer follows the emailed link (or resets the password); null = unverified */
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('customers_email_uq').on(sql`lower(${t.email})`)],
);

/** Opaque bearer/cookie sessions; only the SHA-256 of the token is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    tokenHash: text('token_hash').notNull().unique(),
    kind: text('kind', { enum: ['staff', 'customer', 'operator'] }).notNull(),
    staffId: uuid('staff_id').references(() => staff.id),
    customerId: uuid('customer_id').references(() => customers.id),
    /** operator sessions (issue 17): short and never extended */
    operatorId: uuid('operator_id').references(() => operators.id),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('sessions_staff_idx').on(t.staffId), index('sessions_customer_idx').on(t.customerId), index('sessions_operator_idx').on(t.operatorId)],
);

/** Single-use password reset links: only the SHA-256 of the token is stored; valid for an hour. */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: id(),
    tokenHash: text('token_hash').notNull().unique(),
    staffId: uuid('staff_id').references(() => staff.id),
    customerId: uuid('customer_id').references(() => customers.id),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('password_resets_staff_idx').on(t.staffId),
    index('password_resets_customer_idx').on(t.customerId),
    check('password_resets_owner_chk', sql`(${t.staffId} is null) <> (${t.customerId} is null)`),
  ],
);

/** Single-use email verification links for customer sign-up: only the SHA-256 of the token is stored. */
export const emailVerifications = pgTable(
  'email_verifications',
  {
    id: id(),
    tokenHash: text('token_hash').notNull().unique(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [index('email_verifications_customer_idx').on(t.customerId)],
);

export const devices = pgTable(
  'devices',
  {
    id: id(),
    vendorId: uuid('vendor_id').notNull().references(() => vendors.id),
    name: text('name').notNull(),
    /** short code printed in receipt numbers: `<registerCode>-<sequence>` */
    registerCode: text('register_code').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** sync protocol: highest mutation id applied for this device (DESIGN §4) */
    lastMutationId: bigint('last_mutation_id', { mode: 'number' }).notNull().default(0),
    pairedAt: timestamp('paired_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('devices_register_code_uq').on(t.vendorId, t.registerCode),
    index('devices_last_seen_idx').on(sql`coalesce(${t.lastSeenAt}, ${t.pairedAt})`).where(sql`${t.revokedAt} IS NULL`),
  ],
);

export const pairingCodes = pgTable('pairing_codes', {
  codeHash: text('code_hash').primaryKey(),
  vendorId: uuid('vendor_id').notNull().references(() => vendors.id),
  createdBy: uuid('created_by').notNull().references(() => staff.id),
  deviceName: text('device_name').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
  createdAt: createdAt(),
});

/** Fixed-window login throttling shared by every server instance on the database. */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true, mode: 'date' }).notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

/**
 * Proof that a staff member typed their PIN at one paired counter (issued by `staff.verifyPin`): the counter
 * sends it with calls that need a role. Only the SHA-256 of the token is stored. Checked at use time against
 * the staff row (active, current role) and the device (not revoked); a PIN or role change deletes them.
 */
export const staffDeviceProofs = pgTable(
  'staff_device_proofs',
  {
    id: id(),
    deviceId: uuid('device_id').notNull().references(() => devices.id, { onDelete: 'cascade' }),
    staffId: uuid('staff_id').notNull().references(() => staff.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('staff_device_proofs_device_staff_idx').on(t.deviceId, t.staffId), index('staff_device_proofs_staff_idx').on(t.staffId)],
);
