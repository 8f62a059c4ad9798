import { z } from 'zod';
import { emailSchema, nonEmpty, passwordSchema, pinSchema, uuidSchema } from './common';
import { text } from './text';

export const STAFF_ROLES = ['owner', 'manager', 'cashier'] as const;
export const staffRoleSchema = z.enum(STAFF_ROLES);
export type StaffRoleName = z.infer<typeof staffRoleSchema>;

/** Sign-in takes any password string: the length rule is for choosing one, not for typing it. */
const loginPassword = z.string().min(1, 'Enter your password').max(200);

export const staffLoginInput = z.object({ email: emailSchema, password: loginPassword });
export type StaffLoginInput = z.infer<typeof staffLoginInput>;

export const customerSignupInput = z.object({ name: nonEmpty(120, { label: 'Names' }), email: emailSchema, password: passwordSchema });
export type CustomerSignupInput = z.infer<typeof customerSignupInput>;

export const customerLoginInput = z.object({ email: emailSchema, password: loginPassword });
export type CustomerLoginInput = z.infer<typeof customerLoginInput>;

/** "Forgot password?": one email address; the answer is the same whether or not it has an account. */
export const requestPasswordResetInput = z.object({ email: emailSchema });
export type RequestPasswordResetInput = z.infer<typeof requestPasswordResetInput>;

/** The token from the emailed link and the new password (the same rule as choosing one at sign-up). */
export const resetPasswordInput = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'This reset link is not complete. Open the link from the email again.'),
  password: passwordSchema,
});
export type ResetPasswordInput = z.infer<typeof resetPasswordInput>;

/** The token from the emailed "confirm your email" link. */
export const verifyEmailInput = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'This confirmation link is not complete. Open the link from the email again.'),
});
export type VerifyEmailInput = z.infer<typeof verifyEmailInput>;

/** "Resend the confirmation email": one address; the answer is the same whatever the address. */
export const resendVerificationInput = z.object({ email: emailSchema });
export type ResendVerificationInput = z.infer<typeof resendVerificationInput>;

/**
 * Cashiers work the counter with a PIN only; managers also sign in to the back office with email + password.
 * Owners are created by vendor registration, never here.
 */
export const staffCreateInput = z.discriminatedUnion('role', [
  z.object({ role: z.literal('cashier'), name: nonEmpty(120, { label: 'Names' }), pin: pinSchema }),
  z.object({
    role: z.literal('manager'),
    name: nonEmpty(120, { label: 'Names' }),
    email: emailSchema,
    password: passwordSchema,
    pin: pinSchema.optional(),
  }),
]);
export type StaffCreateInput = z.infer<typeof staffCreateInput>;

/** Only the fields sent change. Becoming a manager needs an email and password (sent now or already set). */
export const staffUpdateInput = z
  .object({
    staffId: uuidSchema,
    name: nonEmpty(120, { label: 'Names' }).optional(),
    role: staffRoleSchema.optional(),
    pin: pinSchema.optional(),
    email: emailSchema.optional(),
    password: passwordSchema.optional(),
  })
  .refine(
    (v) => [v.name, v.role, v.pin, v.email, v.password].some((x) => x !== undefined),
    'Nothing to update: send a name, role, PIN, email or password',
  );
export type StaffUpdateInput = z.infer<typeof staffUpdateInput>;

export const staffIdInput = z.object({ staffId: uuidSchema });

export const staffVerifyPinInput = z.object({ staffId: uuidSchema, pin: pinSchema });
export type StaffVerifyPinInput = z.infer<typeof staffVerifyPinInput>;

/**
 * Staff proofs: `staff.verifyPin` also answers a short-lived token saying "this person typed their PIN at this
 * counter". Calls that need a role carry the acting person's proof (and the approving manager's) in the
 * STAFF_PROOF_HEADER, comma-separated; a device token alone may only sell and sync. Online calls take a proof
 * for STAFF_PROOF_ONLINE_MS after it was issued; queued edits pushed by sync for STAFF_PROOF_SYNC_MS, so an
 * edit made offline is not lost.
 */
export const STAFF_PROOF_HEADER = 'x-makeries-staff';
export const STAFF_PROOF_ONLINE_MS = 12 * 60 * 60 * 1000;
export const STAFF_PROOF_SYNC_MS = 7 * 24 * 60 * 60 * 1000;
/** proofs one push may carry (every staff member who worked offline at the counter in the last days) */
export const STAFF_PROOFS_MAX = 50;
export const staffProofToken = z.string().min(20, 'That is not a staff proof').max(100, 'That is not a staff proof').regex(/^[A-Za-z0-9_-]+$/, 'That is not a staff proof');

/**
 * Pairing codes avoid look-alike characters (0/O, 1/I/L) so they can be read off one screen and typed on
 * another. Shown as "K7QM-4TXP"; typed in any case, with or without the dash or spaces.
 */
export const PAIRING_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const PAIRING_CODE_LENGTH = 8;

/** The canonical 8 characters of a typed pairing code, or null when it cannot be one. */
export function normalizePairingCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== PAIRING_CODE_LENGTH) return null;
  for (const ch of code) if (!PAIRING_CODE_ALPHABET.includes(ch)) return null;
  return code;
}

export function formatPairingCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export const devicePairingCodeInput = z.object({ deviceName: nonEmpty(60, { label: 'Names' }) });
export type DevicePairingCodeInput = z.infer<typeof devicePairingCodeInput>;

/** Loose on purpose: a mistyped code is answered with PAIRING_CODE_INVALID, like an expired one. */
export const devicePairInput = z.object({ code: text({ min: 1, minMessage: 'Enter the pairing code', max: 32, label: 'Pairing codes' }) });
export type DevicePairInput = z.infer<typeof devicePairInput>;

export const deviceIdInput = z.object({ deviceId: uuidSchema });
