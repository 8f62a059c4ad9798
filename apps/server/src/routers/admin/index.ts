import { auditListInput, operatorSignInInput } from '@makeries/shared';
import { OPERATOR_COOKIE } from '../../context';
import { deleteSession } from '../../services/auth';
import { loginThrottle } from '../../services/login-throttle';
import { getOperatorProfile, operatorSessionExpiry, operatorSignIn, recoveryCodesLeft, regenerateRecoveryCodes } from '../../services/operators/accounts';
import { listAudit } from '../../services/operators/audit';
import { operatorProcedure, publicProcedure, router } from '../../trpc';
import { adminContentRouter } from './content';
import { adminHealthRouter } from './health';
import { adminOrdersRouter } from './orders';
import { adminPromosRouter } from './promos';
import { adminShopsRouter } from './shops';

/** The operator console (issue 17): its sign-in, its audit log, and one router per area. */
export const adminRouter = router({
  /** Password + TOTP (or a recovery code): an httpOnly cookie that only counts on console requests. */
  signIn: publicProcedure.input(operatorSignInInput).mutation(async ({ ctx, input }) => {
    const s = await operatorSignIn(ctx.db, input, { ip: ctx.ip, requestId: ctx.requestId, throttle: loginThrottle(ctx.env) });
    ctx.cookies.set(OPERATOR_COOKIE, s.token, { expires: s.expiresAt });
    return { operator: s.operator, expiresAt: s.expiresAt.toISOString(), recoveryCodesLeft: s.recoveryCodesLeft };
  }),

  signOut: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.actor.kind === 'operator') await deleteSession(ctx.db, ctx.actor.sessionId);
    ctx.cookies.clear(OPERATOR_COOKIE);
    return { ok: true as const };
  }),

  me: operatorProcedure.query(async ({ ctx }) => ({
    operator: await getOperatorProfile(ctx.db, ctx.operatorId),
    expiresAt: (await operatorSessionExpiry(ctx.db, ctx.actor.sessionId))?.toISOString() ?? null,
    recoveryCodesLeft: await recoveryCodesLeft(ctx.db, ctx.operatorId),
  })),

  newRecoveryCodes: operatorProcedure.mutation(async ({ ctx }) => ({
    codes: await regenerateRecoveryCodes(ctx.db, { operatorId: ctx.operatorId, ip: ctx.ip, requestId: ctx.requestId }),
  })),

  audit: operatorProcedure.input(auditListInput).query(({ ctx, input }) => listAudit(ctx.db, input)),

  shops: adminShopsRouter,
  content: adminContentRouter,
  orders: adminOrdersRouter,
  health: adminHealthRouter,
  promos: adminPromosRouter,
});
