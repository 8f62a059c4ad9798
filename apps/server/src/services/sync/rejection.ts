import { isAppError, type ErrorCode } from '@makeries/shared';
import { ZodError } from 'zod';
import { sqlState, uniqueViolation } from '../../db/errors';

export interface Rejection {
  code: ErrorCode;
  message: string;
}

/** Unique constraints a counter can run into, in words staff understand. */
const CLASHES: Record<string, string> = {
  orders_vendor_number_uq: 'This receipt number is already used by another sale on the server.',
  refunds_vendor_number_uq: 'This refund number is already used by another refund on the server.',
};

export function zodRejection(e: ZodError): Rejection {
  const parts = e.issues.map((i) => (i.path.length ? `${i.path.join('.')} — ${i.message}` : i.message));
  return { code: 'BAD_INPUT', message: `Please check: ${parts.join('; ')}` };
}

/**
 * Decides whether a handler's failure is the mutation's fault (reject it, keep the queue moving) or the
 * server's (roll the batch back so the counter retries). Constraint (23xxx) and data (22xxx) errors are
 * deterministic: retrying the same mutation would fail forever, so they are rejections too. Everything else
 * — lost connections, deadlocks, serialization failures, bugs — is infrastructure.
 */
export function businessRejection(e: unknown): Rejection | undefined {
  if (isAppError(e)) return e.code === 'INTERNAL' ? undefined : { code: e.code, message: e.message };
  if (e instanceof ZodError) return zodRejection(e);
  const state = sqlState(e);
  if (state === '23505') {
    const constraint = uniqueViolation(e);
    const known = constraint ? CLASHES[constraint] : undefined;
    return { code: 'CONFLICT', message: known ?? 'This record clashes with one already on the server (same number or id).' };
  }
  if (state === '23503') return { code: 'NOT_FOUND', message: 'This record refers to something that does not exist on the server.' };
  if (state?.startsWith('23')) return { code: 'BAD_INPUT', message: 'This record breaks a rule of the server data (a value out of range?).' };
  if (state?.startsWith('22')) return { code: 'BAD_INPUT', message: 'This record holds a value the server cannot store.' };
  return undefined;
}

