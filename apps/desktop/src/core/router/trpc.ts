import { initTRPC, TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';
import { AppError, type ErrorCode, type ErrorIssue } from '@makeries/shared';
import { ZodError } from 'zod';
import type { CounterCore, SignedInStaff } from '../index';
import { isManager, requireStaff } from '../staff/auth';
import type { SyncController } from '../sync/types';
import type { CounterEvents } from './events';

/**
 * What every CounterRouter procedure receives. One counter serves one register, so the context is built once
 * and shared by every request: the signed-in staff member is the core's PIN session, not a per-request token.
 */
export interface CounterContext {
  core: CounterCore;
  sync: SyncController;
  events: CounterEvents;
}

// the same mapping as apps/server/src/trpc.ts, so the renderer handles counter and server errors alike
const TRPC_CODE: Record<ErrorCode, TRPC_ERROR_CODE_KEY> = {
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
  INVALID_BARCODE: 'BAD_REQUEST',
  PAIRING_CODE_INVALID: 'BAD_REQUEST',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA: 'UNSUPPORTED_MEDIA_TYPE',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
};

const DEFAULT_APP_CODE: Partial<Record<TRPC_ERROR_CODE_KEY, ErrorCode>> = {
  BAD_REQUEST: 'BAD_INPUT',
  PARSE_ERROR: 'BAD_INPUT',
  UNAUTHORIZED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  TOO_MANY_REQUESTS: 'RATE_LIMITED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA',
};

function zodIssues(e: ZodError): ErrorIssue[] {
  return e.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

export interface CounterErrorData {
  code: TRPC_ERROR_CODE_KEY;
  httpStatus: number;
  appCode: ErrorCode;
  issues: ErrorIssue[] | undefined;
  details: Record<string, unknown> | undefined;
}

const t = initTRPC.context<CounterContext>().create({
  // the counter runs on a shop laptop: stack traces in answers help nobody at the till
  isDev: false,
  // a comment line every 15 s lets the UI notice a dead subscription (laptop slept) and reconnect
  sse: { ping: { enabled: true, intervalMs: 15_000 } },
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    let appCode: ErrorCode = DEFAULT_APP_CODE[error.code] ?? 'INTERNAL';
    let message = error.message;
    let issues: ErrorIssue[] | undefined;
    let details: Record<string, unknown> | undefined;
    if (cause instanceof ZodError) {
      appCode = 'BAD_INPUT';
      issues = zodIssues(cause);
      message = `Please check: ${issues.map((i) => (i.path ? `${i.path} — ${i.message}` : i.message)).join('; ')}`;
    } else if (cause instanceof AppError) {
      appCode = cause.code;
      message = cause.message;
      issues = cause.issues;
      details = cause.details;
    } else if (appCode === 'INTERNAL') {
      // never show SQLite errors or stacks to staff
      message = 'Something went wrong on this counter. Please try again.';
    }
    const data: CounterErrorData = { code: shape.data.code, httpStatus: shape.data.httpStatus, appCode, issues, details };
    return { ...shape, message, data };
  },
});

/** Turns an AppError thrown by the core into the matching tRPC error, keeping it as the cause. */
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: TRPC_CODE[cause.code], message: cause.message, cause });
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/** Pairing, PIN login, status: callable with nobody signed in. */
export const publicProcedure = t.procedure.use(appErrors);

/**
 * The signed-in staff member (from the PIN session). The core's check also auto-locks after the configured
 * idle time, and each call through here counts as activity.
 */
export const staffProcedure = publicProcedure.use(({ ctx, next }) => {
  const staff: SignedInStaff = requireStaff(ctx.core.ctx);
  return next({ ctx: { ...ctx, staff } });
});

/** Owner or manager signed in; the PIN-override path for cashiers lives in the core (approve). */
export const managerProcedure = staffProcedure.use(({ ctx, next }) => {
  if (!isManager(ctx.staff.role)) {
    throw new AppError('FORBIDDEN', 'Only a manager or owner can do this. Ask a manager to sign in.');
  }
  return next();
});

/** After a successful write to the open cart, tell cart subscribers (second screen, other tabs). */
export const cartWrite = middleware(async ({ ctx, next }) => {
  const result = await next();
  if (result.ok) ctx.events.cartChanged();
  return result;
});

/**
 * After a write that queued an outbox row (sale, refund, shift event, stock movement, order transition), tell
 * the sync client so it pushes now instead of at the next poll. Cart edits queue nothing and do not call it.
 */
const queuedWrite = middleware(async ({ ctx, next }) => {
  const result = await next();
  if (result.ok) ctx.sync.notifyLocalWrite();
  return result;
});

/** Staff writes that the server must learn about. */
export const queuedProcedure = staffProcedure.use(queuedWrite);
