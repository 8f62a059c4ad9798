import { initTRPC, TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';
import { AppError, type ErrorCode, type ErrorIssue } from '@makeries/shared';
import { ZodError } from 'zod';
import type { Context, StaffRole } from './context';

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
};

function zodIssues(e: ZodError): ErrorIssue[] {
  return e.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

const t = initTRPC.context<Context>().create({
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
      // never leak internals (SQL, stack) to a user
      message = 'Something went wrong on our side. Please try again.';
    }
    return {
      ...shape,
      message,
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus, appCode, issues, details },
    };
  },
});

/** Turns an AppError thrown by a service into the matching tRPC error, keeping it as the cause. */
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

export const publicProcedure = t.procedure.use(appErrors);

function denied(code: 'UNAUTHENTICATED' | 'FORBIDDEN', message: string): never {
  throw new TRPCError({ code: TRPC_CODE[code], message, cause: new AppError(code, message) });
}

export const customerProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.actor.kind !== 'customer') denied('UNAUTHENTICATED', 'Please sign in to your account.');
  return next({ ctx: { ...ctx, actor: ctx.actor, customerId: ctx.actor.customerId } });
});

/** Vendor staff signed in to the back office (any role unless narrowed). */
export function staffProcedureFor(roles: readonly StaffRole[]) {
  return publicProcedure.use(({ ctx, next }) => {
    if (ctx.actor.kind !== 'staff') denied('UNAUTHENTICATED', 'Please sign in as vendor staff.');
    if (!roles.includes(ctx.actor.role)) denied('FORBIDDEN', `This needs a ${roles.join(' or ')} account.`);
    return next({ ctx: { ...ctx, actor: ctx.actor, vendorId: ctx.actor.vendorId } });
  });
}

export const staffProcedure = staffProcedureFor(['owner', 'manager', 'cashier']);
export const managerProcedure = staffProcedureFor(['owner', 'manager']);
export const ownerProcedure = staffProcedureFor(['owner']);

/** Staff or a paired counter device of the vendor: `ctx.vendorId` scopes every query. */
export const vendorProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.actor.kind !== 'staff' && ctx.actor.kind !== 'device') {
    denied('UNAUTHENTICATED', 'Please sign in as vendor staff or use a paired counter.');
  }
  return next({ ctx: { ...ctx, actor: ctx.actor, vendorId: ctx.actor.vendorId } });
});

export const deviceProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.actor.kind !== 'device') denied('UNAUTHENTICATED', 'This is for paired counters only.');
  return next({ ctx: { ...ctx, actor: ctx.actor, vendorId: ctx.actor.vendorId, deviceId: ctx.actor.deviceId } });
});
