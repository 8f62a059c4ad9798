import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns';

/**
 * The marketplace's operators (issue 17): not shop staff, not customers. Created from the command line only
 * (`operator:add`); they sign in with a password and a TOTP code (RFC 6238) or one of their recovery codes.
 */
export const operators = pgTable(
  'operators',
  {
    id: id(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    /** the shared TOTP secret, base32 (what the authenticator app was given) */
    totpSecret: text('totp_secret').notNull(),
    /** the last 30-second step a code was accepted for: a code is good once (RFC 6238 §5.2) */
    lastTotpStep: integer('last_totp_step').notNull().default(0),
    disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('operators_email_uq').on(sql`lower(${t.email})`)],
);

/** Single-use recovery codes for a lost authenticator: only the SHA-256 of each is kept. */
export const operatorRecoveryCodes = pgTable(
  'operator_recovery_codes',
  {
    codeHash: text('code_hash').primaryKey(),
    operatorId: uuid('operator_id')
      .notNull()
      .references(() => operators.id),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('operator_recovery_codes_operator_idx').on(t.operatorId)],
);

/**
 * Every operator action, append-only (a trigger refuses UPDATE and DELETE): who, what, on which record, the
 * record before and after, and why.
 */
export const operatorAudit = pgTable(
  'operator_audit',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    operatorId: uuid('operator_id')
      .notNull()
      .references(() => operators.id),
    /** e.g. `shop.approve`, `content.hide`, `order.refund`, `operator.signIn` */
    action: text('action').notNull(),
    /** e.g. `vendor`, `product`, `review`, `order`, `operator` */
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    before: jsonb('before').$type<Record<string, unknown> | null>(),
    after: jsonb('after').$type<Record<string, unknown> | null>(),
    reason: text('reason').notNull().default(''),
    ip: text('ip').notNull().default(''),
    requestId: text('request_id').notNull().default(''),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('operator_audit_target_idx').on(t.targetType, t.targetId, t.seq), index('operator_audit_operator_idx').on(t.operatorId, t.seq)],
);
