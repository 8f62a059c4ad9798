/** The roles and the policy constructors, shared by policies.ts and the operator console's policies (admin/). */

/**
 * The actors a request can carry (context.ts `Actor`, with staff split by role): `device` is a paired counter's
 * token alone (what someone who copied the token file has); `deviceCashier` / `deviceManager` / `deviceOwner` is
 * that counter carrying the staff proof (`x-makeries-staff`) the server issued when that person's PIN was
 * checked on it. `operator` is the marketplace's operator signed in to /admin (issue 17).
 */
export const ROLES = ['anonymous', 'customer', 'cashier', 'manager', 'owner', 'device', 'deviceCashier', 'deviceManager', 'deviceOwner', 'operator'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Where the refusal happens:
 * - `middleware`: the procedure builder (trpc.ts) refuses before the input is parsed, so a refused role gets
 *   UNAUTHENTICATED/FORBIDDEN whatever it sends;
 * - `handler`: the builder lets a wider set in and the handler narrows it after parsing (a refused role sending
 *   bad input may see BAD_INPUT first, which reveals nothing but the schema);
 * - `proof`: open to every role, but the call itself must carry proof (a tracking token, a pairing code, a
 *   reset token, a password): without it the answer is UNAUTHENTICATED or NOT_FOUND.
 */
export type Check = 'middleware' | 'handler' | 'proof';

export interface Policy {
  type: 'query' | 'mutation';
  allow: readonly Role[];
  check: Check;
  reason: string;
}

export const ALL: readonly Role[] = [...ROLES];
export const CUSTOMER: readonly Role[] = ['customer'];
export const STAFF: readonly Role[] = ['cashier', 'manager', 'owner'];
export const MANAGERS: readonly Role[] = ['manager', 'owner'];
/** a paired counter, with or without a staff proof: selling and syncing need the token alone */
export const DEVICE: readonly Role[] = ['device', 'deviceCashier', 'deviceManager', 'deviceOwner'];
export const VENDOR: readonly Role[] = [...STAFF, ...DEVICE];
/** from a counter, only with the proof of a manager or the owner */
export const DEVICE_MANAGERS: readonly Role[] = ['deviceManager', 'deviceOwner'];

export const q = (allow: readonly Role[], reason: string, check: Check = 'middleware'): Policy => ({ type: 'query', allow, check, reason });
export const m = (allow: readonly Role[], reason: string, check: Check = 'middleware'): Policy => ({ type: 'mutation', allow, check, reason });

/** the marketplace's operator, and nobody else: shops, customers and counters are refused by the builder */
export const OPERATOR: readonly Role[] = ['operator'];
