/**
 * Human order numbers (DESIGN §3). Counter receipts are `<register code>-<per-register sequence>`, so two
 * registers selling offline never mint the same number; web orders are `W-<n>`.
 */
import { z } from 'zod';
import { AppError } from './errors';

export const REGISTER_CODE_RE = /^[A-Z0-9]{1,4}$/;

/** "W" alone would make "W-0042" read as either a receipt or a web order, so registers cannot use it. */
export const RESERVED_REGISTER_CODES: readonly string[] = ['W'];

/** 1–4 capital letters or digits; what staff type is trimmed and upper-cased first. */
export const registerCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(REGISTER_CODE_RE, 'A register code is 1 to 4 capital letters or digits, like A1')
  .refine((c) => !RESERVED_REGISTER_CODES.includes(c), 'W is reserved for web orders; pick another register code');

const SEQUENCE_DIGITS = 6;
const WEB_DIGITS = 4;

function requireSequence(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new AppError('BAD_INPUT', `${what} must be a whole number of at least 0; got ${String(n)}.`);
  }
}

/** "A1", 42 → "A1-000042". Sequences past 999 999 simply grow longer. */
export function formatReceiptNumber(registerCode: string, sequence: number): string {
  if (!REGISTER_CODE_RE.test(registerCode) || RESERVED_REGISTER_CODES.includes(registerCode)) {
    throw new AppError('BAD_INPUT', `A register code is 1 to 4 capital letters or digits (not W); got "${registerCode}".`);
  }
  requireSequence(sequence, 'A receipt sequence');
  return `${registerCode}-${String(sequence).padStart(SEQUENCE_DIGITS, '0')}`;
}

const RECEIPT_RE = /^([A-Z0-9]{1,4})-(\d{1,15})$/;

/**
 * Reads a receipt number as printed, scanned or typed ("a1-42" works too). Returns null for anything that
 * is not one, so a search box can fall back to other lookups.
 */
export function parseReceiptNumber(s: string): { registerCode: string; sequence: number } | null {
  const m = RECEIPT_RE.exec(s.trim().toUpperCase());
  if (!m?.[1] || !m[2] || RESERVED_REGISTER_CODES.includes(m[1])) return null;
  const sequence = Number(m[2]);
  if (!Number.isSafeInteger(sequence)) return null;
  return { registerCode: m[1], sequence };
}

/** 42 → "W-0042", 1042 → "W-1042", 123456 → "W-123456". */
export function formatWebOrderNumber(n: number): string {
  requireSequence(n, 'A web order number');
  return `W-${String(n).padStart(WEB_DIGITS, '0')}`;
}

const WEB_RE = /^W-?(\d{1,15})$/;

/** "W-1042" (or "w1042") → 1042; null if it is not a web order number. */
export function parseWebOrderNumber(s: string): number | null {
  const m = WEB_RE.exec(s.trim().toUpperCase());
  if (!m?.[1]) return null;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) ? n : null;
}
