/**
 * One error vocabulary for server, counter and web. A user sees `message`; code is for programs.
 */
export const ERROR_CODES = [
  'BAD_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'INVALID_CREDENTIALS',
  'ILLEGAL_TRANSITION',
  'OUT_OF_STOCK',
  'VENDOR_PAUSED',
  'VENDOR_CLOSED',
  'BELOW_MINIMUM',
  'OUTSIDE_DELIVERY_ZONE',
  'FULFILMENT_UNAVAILABLE',
  'CURRENCY_MISMATCH',
  'DISCOUNT_TOO_LARGE',
  'PROMO_NOT_APPLICABLE',
  'INVALID_BARCODE',
  'PAIRING_CODE_INVALID',
  'DUPLICATE',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorIssue {
  path: string;
  message: string;
}

export interface ErrorShape {
  code: ErrorCode;
  message: string;
  issues?: ErrorIssue[];
  details?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  readonly issues: ErrorIssue[] | undefined;

  constructor(code: ErrorCode, message: string, opts: { details?: Record<string, unknown>; issues?: ErrorIssue[] } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = opts.details;
    this.issues = opts.issues;
  }

  toShape(): ErrorShape {
    return {
      code: this.code,
      message: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

export function isErrorCode(v: unknown): v is ErrorCode {
  return typeof v === 'string' && (ERROR_CODES as readonly string[]).includes(v);
}
