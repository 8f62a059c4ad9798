import { ZodError } from 'zod';
import { AppError, type ErrorCode, type ErrorIssue } from './errors';

/**
 * How our ErrorCode travels over tRPC (server and counter alike), so every client reads errors the same way:
 * the tRPC code sets the HTTP status, `data.appCode` carries ours. These keys are a subset of tRPC's own.
 */
export type TransportCode =
  | 'PARSE_ERROR'
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS'
  | 'UNPROCESSABLE_CONTENT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'INTERNAL_SERVER_ERROR';

export const TRANSPORT_CODE: Record<ErrorCode, TransportCode> = {
  BAD_INPUT: 'BAD_REQUEST',
  UNAUTHENTICATED: 'UNAUTHORIZED',
  INVALID_CREDENTIALS: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  DUPLICATE: 'CONFLICT',
  ILLEGAL_TRANSITION: 'CONFLICT',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  OUT_OF_STOCK: 'UNPROCESSABLE_CONTENT',
  VENDOR_PAUSED: 'UNPROCESSABLE_CONTENT',
  VENDOR_CLOSED: 'UNPROCESSABLE_CONTENT',
  BELOW_MINIMUM: 'UNPROCESSABLE_CONTENT',
  OUTSIDE_DELIVERY_ZONE: 'UNPROCESSABLE_CONTENT',
  FULFILMENT_UNAVAILABLE: 'UNPROCESSABLE_CONTENT',
  CURRENCY_MISMATCH: 'UNPROCESSABLE_CONTENT',
  DISCOUNT_TOO_LARGE: 'UNPROCESSABLE_CONTENT',
  PROMO_NOT_APPLICABLE: 'UNPROCESSABLE_CONTENT',
  INVALID_BARCODE: 'BAD_REQUEST',
  PAIRING_CODE_INVALID: 'BAD_REQUEST',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA: 'UNSUPPORTED_MEDIA_TYPE',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
};

/** Our code for a transport error nobody mapped (e.g. tRPC's own input parsing). */
const APP_CODE_FOR: Partial<Record<string, ErrorCode>> = {
  BAD_REQUEST: 'BAD_INPUT',
  PARSE_ERROR: 'BAD_INPUT',
  UNAUTHORIZED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  TOO_MANY_REQUESTS: 'RATE_LIMITED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA',
};

export function zodIssues(e: ZodError): ErrorIssue[] {
  return e.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

export function issuesSentence(issues: readonly ErrorIssue[]): string {
  return `Please check: ${issues.map((i) => (i.path ? `${i.path} — ${i.message}` : i.message)).join('; ')}`;
}

export interface WireError {
  appCode: ErrorCode;
  message: string;
  issues: ErrorIssue[] | undefined;
  details: Record<string, unknown> | undefined;
}

/**
 * What a user sees for a failed call: our code and a human message. Zod problems list each field; AppErrors
 * speak for themselves; anything else is internal and never leaks (no SQL, no stack).
 */
export function toWireError(transportCode: string, message: string, cause: unknown, internalMessage: string): WireError {
  if (cause instanceof ZodError) {
    const issues = zodIssues(cause);
    return { appCode: 'BAD_INPUT', message: issuesSentence(issues), issues, details: undefined };
  }
  if (cause instanceof AppError) {
    return { appCode: cause.code, message: cause.message, issues: cause.issues, details: cause.details };
  }
  const appCode = APP_CODE_FOR[transportCode] ?? 'INTERNAL';
  return { appCode, message: appCode === 'INTERNAL' ? internalMessage : message, issues: undefined, details: undefined };
}
