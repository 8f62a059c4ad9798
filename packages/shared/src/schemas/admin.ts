import { z } from 'zod';
import { emailSchema, nonEmpty, pageInputSchema } from './common';
import { text } from './text';

/**
 * The operator console (issue 17). Each area of the console (shops, content, orders, health) keeps its own
 * schemas in `admin-<area>.ts`; these are the ones every area shares.
 */

/** A 6-digit code from the authenticator app, or a recovery code (`xxxx-xxxx-xx`, dashes and case ignored). */
export const operatorCodeSchema = z
  .string()
  .max(40)
  .transform((c) => c.replace(/[\s-]/g, '').toLowerCase())
  .pipe(z.string().regex(/^(\d{6}|[a-z0-9]{10})$/, 'Enter the 6-digit code from your authenticator app, or a recovery code'));

export const operatorSignInInput = z.object({
  email: emailSchema,
  password: z.string().min(1, 'Enter your password').max(200),
  code: operatorCodeSchema,
});
export type OperatorSignInInput = z.infer<typeof operatorSignInInput>;

/** Why the operator did it: required on every action that changes what someone else sees, kept in the audit log. */
export const operatorReasonSchema = nonEmpty(1000, { label: 'Reasons' });

export const auditListInput = pageInputSchema.extend({
  /** one record's history, e.g. `vendor` + its id */
  targetType: text({ max: 40, label: 'Record kinds' }).optional(),
  targetId: text({ max: 100, label: 'Record ids' }).optional(),
});
export type AuditListInput = z.infer<typeof auditListInput>;

export interface OperatorProfile {
  id: string;
  email: string;
  name: string;
}

export interface AuditEntry {
  seq: number;
  operator: OperatorProfile;
  action: string;
  targetType: string;
  targetId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason: string;
  at: string;
}

export interface AuditPage {
  items: AuditEntry[];
  nextCursor: string | null;
}
