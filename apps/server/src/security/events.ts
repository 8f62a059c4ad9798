import { AppError, type PushResult } from '@makeries/shared';
import type { Actor } from '../context';

/**
 * Security events (issue 12): refusals worth a look — a signed-in actor refused by role, a throttled sign-in
 * (lockout), a counter's sync mutation naming something that is not its shop's, a webhook with a bad signature.
 * Each is one warn line `{ event: 'security', kind, requestId, … }` on the request's logger, so it can be found
 * by kind and followed to the request by its id (the `x-request-id` header). No secrets, passwords or tokens.
 */
export type SecurityEventKind = 'auth_refused' | 'rate_limited' | 'cross_tenant_refused' | 'bad_webhook_signature';

export interface SecurityLog {
  warn(obj: Record<string, unknown>, msg: string): void;
}

export function securityEvent(log: SecurityLog, requestId: string, kind: SecurityEventKind, details: Record<string, unknown> = {}): void {
  log.warn({ ...details, event: 'security', kind, requestId }, `security event: ${kind}`);
}

/** Who asked, by id only. */
function actorSummary(actor: Actor): Record<string, string> {
  switch (actor.kind) {
    case 'staff':
      return { actor: 'staff', role: actor.role, staffId: actor.staffId, vendorId: actor.vendorId };
    case 'device':
      return { actor: 'device', deviceId: actor.deviceId, vendorId: actor.vendorId };
    case 'customer':
      return { actor: 'customer', customerId: actor.customerId };
    case 'operator':
      return { actor: 'operator', operatorId: actor.operatorId };
    default:
      return { actor: 'anonymous' };
  }
}

interface CallContext {
  log: SecurityLog;
  requestId: string;
  actor: Actor;
  ip: string;
}

/**
 * For every failed procedure call (trpc.ts): a throttled attempt, and a refusal of someone signed in (an anonymous
 * visitor meeting a sign-in wall is routine, a cashier calling an owner's procedure is not).
 */
export function securityEventForError(ctx: CallContext, path: string, cause: unknown): void {
  if (!(cause instanceof AppError)) return;
  const who = actorSummary(ctx.actor);
  if (cause.code === 'RATE_LIMITED') {
    securityEvent(ctx.log, ctx.requestId, 'rate_limited', { path, ip: ctx.ip, ...who, retryAfterSeconds: cause.details?.retryAfterSeconds });
  } else if (cause.code === 'FORBIDDEN' || (cause.code === 'UNAUTHENTICATED' && ctx.actor.kind !== 'anonymous')) {
    securityEvent(ctx.log, ctx.requestId, 'auth_refused', { path, ip: ctx.ip, ...who, code: cause.code });
  }
}

/**
 * After a sync push: a mutation refused because it names a record or staff member the server does not have for
 * this shop (NOT_FOUND) or may not change (FORBIDDEN) — what a counter aiming at another shop's ids gets.
 */
export function reportSyncRefusals(
  ctx: CallContext & { deviceId: string; vendorId: string },
  input: { mutations: readonly { mutationId: number; name: string; id: string }[] },
  result: PushResult,
): PushResult {
  for (const r of result.results) {
    if (r.status !== 'rejected' || (r.code !== 'NOT_FOUND' && r.code !== 'FORBIDDEN')) continue;
    const m = input.mutations.find((x) => x.mutationId === r.mutationId);
    securityEvent(ctx.log, ctx.requestId, 'cross_tenant_refused', {
      path: 'sync.push',
      deviceId: ctx.deviceId,
      vendorId: ctx.vendorId,
      mutationId: r.mutationId,
      mutation: m?.name,
      id: m?.id,
      code: r.code,
    });
  }
  return result;
}
