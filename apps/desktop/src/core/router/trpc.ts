import { initTRPC, TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';
import { AppError, toWireError, TRANSPORT_CODE, type ErrorCode, type ErrorIssue } from '@makeries/shared';
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
    // the same error vocabulary as the marketplace server, so the renderer handles both alike;
    // never show SQLite errors or stacks to staff
    const wire = toWireError(error.code, error.message, error.cause, 'Something went wrong on this counter. Please try again.');
    const data: CounterErrorData = { code: shape.data.code, httpStatus: shape.data.httpStatus, ...wire };
    return { ...shape, message: wire.message, data };
  },
});

/** Turns an AppError thrown by the core into the matching tRPC error, keeping it as the cause. */
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: TRANSPORT_CODE[cause.code], message: cause.message, cause });
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
const middleware = t.middleware;

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
