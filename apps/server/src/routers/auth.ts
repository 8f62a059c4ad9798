import { customerLoginInput, customerSignupInput, requestPasswordResetInput, resetPasswordInput, staffLoginInput } from '@makeries/shared';
import { SESSION_COOKIE } from '../context';
import { customerLogin, customerSignup, deleteSession, describeActor, staffLogin } from '../services/auth';
import { loginThrottle } from '../services/login-throttle';
import { requestPasswordReset, resetPassword } from '../services/password-reset';
import { loginRateRule } from '../services/rate-limit';
import { publicProcedure, router, staffProcedure } from '../trpc';

export const authRouter = router({
  /** Back-office sign-in for owners and managers: the token goes in `Authorization: Bearer`. */
  staffLogin: publicProcedure
    .input(staffLoginInput)
    .mutation(({ ctx, input }) => staffLogin(ctx.db, input, { ip: ctx.ip, throttle: loginThrottle(ctx.env) })),

  staffLogout: staffProcedure.mutation(async ({ ctx }) => {
    await deleteSession(ctx.db, ctx.actor.sessionId);
    return { ok: true as const };
  }),

  me: publicProcedure.query(({ ctx }) => describeActor(ctx.db, ctx.actor)),

  /** Customers get an httpOnly session cookie; the token never reaches page scripts. */
  customerSignup: publicProcedure.input(customerSignupInput).mutation(async ({ ctx, input }) => {
    const { token, expiresAt, customer } = await customerSignup(ctx.db, input, { ip: ctx.ip, rule: loginRateRule(ctx.env) });
    ctx.cookies.set(SESSION_COOKIE, token, { expires: expiresAt });
    return { customer, expiresAt: expiresAt.toISOString() };
  }),

  customerLogin: publicProcedure.input(customerLoginInput).mutation(async ({ ctx, input }) => {
    const { token, expiresAt, customer } = await customerLogin(ctx.db, input, { ip: ctx.ip, throttle: loginThrottle(ctx.env) });
    ctx.cookies.set(SESSION_COOKIE, token, { expires: expiresAt });
    return { customer, expiresAt: expiresAt.toISOString() };
  }),

  /** Always succeeds, so a stale cookie can be cleared even when its session has already gone. */
  customerLogout: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.actor.kind === 'customer') await deleteSession(ctx.db, ctx.actor.sessionId);
    ctx.cookies.clear(SESSION_COOKIE);
    return { ok: true as const };
  }),

  /** "Forgot password?" for customers and shop owners/managers: the same answer whether or not the email has an account. */
  requestPasswordReset: publicProcedure
    .input(requestPasswordResetInput)
    .mutation(({ ctx, input }) => requestPasswordReset(ctx.db, ctx.env, input, { ip: ctx.ip })),

  /** A new password from an emailed link; ends every session of the account, signs a customer in here. */
  resetPassword: publicProcedure.input(resetPasswordInput).mutation(async ({ ctx, input }) => {
    const result = await resetPassword(ctx.db, input);
    if (result.kind === 'customer') ctx.cookies.set(SESSION_COOKIE, result.session.token, { expires: result.session.expiresAt });
    return { ok: true as const, kind: result.kind };
  }),
});
