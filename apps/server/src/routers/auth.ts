import {
  customerLoginInput,
  customerSignupInput,
  requestPasswordResetInput,
  resendVerificationInput,
  resetPasswordInput,
  staffLoginInput,
  verifyEmailInput,
} from '@makeries/shared';
import { SESSION_COOKIE } from '../context';
import { customerLogin, deleteSession, describeActor, staffLogin } from '../services/auth';
import { customerSignup } from '../services/customer-signup';
import { resendVerification, verifyEmail } from '../services/email-verification';
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

  /**
   * "Check your email": the same answer, no cookie, and one email whether or not the address already has an
   * account (see services/customer-signup.ts for why nobody is signed in here).
   */
  customerSignup: publicProcedure
    .input(customerSignupInput)
    .mutation(({ ctx, input }) => customerSignup(ctx.db, ctx.env, input, { ip: ctx.ip, rule: loginRateRule(ctx.env) })),

  /** The emailed confirmation link: marks the account's email confirmed, once; signs nobody in. */
  verifyEmail: publicProcedure.input(verifyEmailInput).mutation(({ ctx, input }) => verifyEmail(ctx.db, input)),

  /** A new confirmation link for an unconfirmed account; the same answer whatever the address. */
  resendVerification: publicProcedure
    .input(resendVerificationInput)
    .mutation(({ ctx, input }) => resendVerification(ctx.db, ctx.env, input, { ip: ctx.ip })),

  /** Customers get an httpOnly session cookie; the token never reaches page scripts. */
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
