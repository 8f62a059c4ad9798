import type { z } from 'zod';
import type { MerchantState, TokenRecord } from './state';
import type { SquareErrorWire } from './wire';

/** A Square error answer: thrown by handlers, rendered as `{ errors: [...] }` with the status. */
export class SquareApiError extends Error {
  constructor(
    readonly status: number,
    readonly category: string,
    readonly code: string,
    detail: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }

  toWire(): { errors: SquareErrorWire[] } {
    const error: SquareErrorWire = { category: this.category, code: this.code, detail: this.message };
    if (this.field !== undefined) error.field = this.field;
    return { errors: [error] };
  }
}

export function badRequest(code: string, detail: string, field?: string): SquareApiError {
  return new SquareApiError(400, 'INVALID_REQUEST_ERROR', code, detail, field);
}

export function notFound(detail: string, field?: string): SquareApiError {
  return new SquareApiError(404, 'INVALID_REQUEST_ERROR', 'NOT_FOUND', detail, field);
}

/** Route scope for endpoints any valid access token may call (token status). */
export const ANY_SCOPE = 'ANY';

export interface HandlerResult {
  status: number;
  /** JSON body; a string is sent as is (with `contentType`) */
  body: unknown;
  headers?: Record<string, string>;
  contentType?: string;
}

export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  /** the parsed JSON body (undefined for GET) */
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  /** set for authenticated routes */
  merchant: MerchantState | null;
  token: TokenRecord | null;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT';
  /** e.g. `/v2/orders/:order_id` */
  path: string;
  /** null: no bearer token (OAuth endpoints, media) */
  scope: string | null;
  /** a write whose answer is replayed for the same idempotency key */
  idempotent?: boolean;
  handler(ctx: RouteContext): HandlerResult | Promise<HandlerResult>;
}

export function ok(body: unknown): HandlerResult {
  return { status: 200, body };
}

export function requireMerchant(ctx: RouteContext): MerchantState {
  if (!ctx.merchant) throw new SquareApiError(401, 'AUTHENTICATION_ERROR', 'UNAUTHORIZED', 'No merchant for this request.');
  return ctx.merchant;
}

/** Parses a request body with zod; failures become Square's INVALID_REQUEST_ERROR with the field path. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  if (body === undefined || body === null || typeof body !== 'object') {
    throw badRequest('EXPECTED_JSON_BODY', 'The request body must be a JSON object.');
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue ? issue.path.map(String).join('.') : undefined;
  let code = 'INVALID_VALUE';
  if (issue?.code === 'invalid_type') code = issue.input === undefined ? 'MISSING_REQUIRED_PARAMETER' : 'INCORRECT_TYPE';
  else if (issue?.code === 'too_big') code = issue.origin === 'array' ? 'ARRAY_LENGTH_TOO_LONG' : 'VALUE_TOO_LONG';
  else if (issue?.code === 'too_small') code = issue.origin === 'array' ? 'ARRAY_EMPTY' : 'VALUE_TOO_SHORT';
  else if (issue?.code === 'invalid_value') code = 'INVALID_ENUM_VALUE';
  throw badRequest(code, `Invalid value for ${field ?? 'body'}: ${issue?.message ?? 'invalid'}`, field);
}
