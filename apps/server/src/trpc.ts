import { initTRPC, TRPCError } from '@trpc/server';
import { AppError, toWireError, TRANSPORT_CODE } from '@makeries/shared';
import type { Context, StaffRole } from './context';
import { securityEventForError } from './security/events';
import { missingProofMessage } from './services/staff-proofs';

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const wire = toWireError(error.code, error.message, error.cause, 'Something went wrong on our side. Please try again.');
    return {
      ...shape,
      message: wire.message,
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus, ...wire },
    };
  },
});

/** Turns an AppError thrown by a service into the matching tRPC error, keeping it as the cause. */
const appErrors = t.middleware(async ({ ctx, path, next }) => {
  const result = await next();
  if (!result.ok) securityEventForError(ctx, path, result.error.cause); // refusals and lockouts, with the request id
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: TRANSPORT_CODE[cause.code], message: cause.message, cause });
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.use(appErrors);

function denied(code: 'UNAUTHENTICATED' | 'FORBIDDEN', message: string, details?: Record<string, unknown>): never {
  throw new TRPCError({ code: TRANSPORT_CODE[code], message, cause: new AppError(code, message, details ? { details } : {}) });
}

/** The marketplace's operator (issue 17): `ctx.operatorId` names who acts, for the audit log. */
export const operatorProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.actor.kind !== 'operator') denied('UNAUTHENTICATED', 'Please sign in to the operator console.');
  return next({ ctx: { ...ctx, actor: ctx.actor, operatorId: ctx.actor.operatorId } });
});

export const customerProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.actor.kind !== 'customer') denied('UNAUTHENTICATED', 'Please sign in to your account.');
  return next({ ctx: { ...ctx, actor: ctx.actor, customerId: ctx.actor.customerId } });
});

/** Vendor staff signed in to the back office (any role unless narrowed). */
function staffProcedureFor(roles: readonly StaffRole[]) {
  return publicProcedure.use(({ ctx, next }) => {
    if (ctx.actor.kind !== 'staff') denied('UNAUTHENTICATED', 'Please sign in as vendor staff.');
    if (!roles.includes(ctx.actor.role)) denied('FORBIDDEN', `This needs a ${roles.join(' or ')} account.`);
    return next({ ctx: { ...ctx, actor: ctx.actor, vendorId: ctx.actor.vendorId } });
  });
}

export const staffProcedure = staffProcedureFor(['owner', 'manager', 'cashier']);
export const managerProcedure = staffProcedureFor(['owner', 'manager']);

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

/**
 * A staff session with one of `roles`, or a paired counter that proves (header `x-makeries-staff`) a staff
 * member with one of them typed their PIN there in the last 12 hours. A device token alone is refused: a
 * copied token file may sell and sync, nothing more.
 */
export function vendorRoleProcedure(roles: readonly StaffRole[]) {
  return vendorProcedure.use(({ ctx, next }) => {
    const { actor } = ctx;
    if (actor.kind === 'staff' && !roles.includes(actor.role)) denied('FORBIDDEN', `This needs ${roleWords(roles)} account.`);
    if (actor.kind === 'device' && !actor.proven.some((p) => roles.includes(p.role))) denied('FORBIDDEN', missingProofMessage(roles), { needsStaffProof: true, roles: [...roles] });
    return next();
  });
}

function roleWords(roles: readonly StaffRole[]): string {
  if (roles.length === 1 && roles[0] === 'owner') return 'the owner';
  return `an ${roles.join(' or ')}`.replace(/^an (manager|cashier)/, 'a $1');
}

/** A paired counter acting for a staff member: any role, but proven (for calls whose role depends on the input). */
export const provenDeviceProcedure = deviceProcedure.use(({ ctx, next }) => {
  if (ctx.actor.proven.length === 0) denied('FORBIDDEN', missingProofMessage(['cashier']), { needsStaffProof: true, roles: ['cashier'] });
  return next({ ctx: { ...ctx, proven: ctx.actor.proven } });
});
