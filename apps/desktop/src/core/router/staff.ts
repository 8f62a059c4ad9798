import { approve } from '../staff/auth';
import { pinLoginInput, pinUnlockInput } from '../schemas/staff';
import { overrideInput } from './inputs';
import { publicProcedure, router, staffProcedure } from './trpc';

export const staffRouter = router({
  /** Active staff (names and roles only): whether anyone can sign in here yet. */
  list: publicProcedure.query(({ ctx }) => ctx.core.staff.list()),

  /**
   * The lock screen: the PIN alone says who is serving and signs them in ({ signedIn }). A PIN two staff share
   * answers { choose } with just their names; the person taps theirs and `login` finishes with id + PIN.
   * A PIN that opens nobody counts against this counter, so guessing is throttled.
   */
  unlock: publicProcedure.input(pinUnlockInput).mutation(({ ctx, input }) => ctx.core.staff.unlock(input)),

  /** Sign in as a named person with their PIN. */
  login: publicProcedure.input(pinLoginInput).mutation(({ ctx, input }) => ctx.core.staff.login(input)),

  logout: publicProcedure.mutation(({ ctx }) => {
    ctx.core.staff.logout();
    return { ok: true as const };
  }),

  /**
   * Who is signed in, or null. Reading this is not activity: a screen that polls it must not keep the
   * counter from locking itself. Past the idle limit the core's check runs, which locks and logs it.
   */
  me: publicProcedure.query(({ ctx }) => {
    const s = ctx.core.ctx.session.current;
    if (!s) return null;
    const { autoLockSeconds } = ctx.core.device.settings();
    if (autoLockSeconds > 0 && ctx.core.ctx.now() - s.lastActiveAt > autoLockSeconds * 1000) return ctx.core.staff.current();
    return { ...s };
  }),

  /**
   * Checks a manager's PIN for one action before the screen sends it (e.g. opening the refund form). The
   * action itself still carries the approval; this only answers "would it be allowed", and logs the override.
   */
  override: staffProcedure.input(overrideInput).mutation(async ({ ctx, input }) => {
    const approvedBy = await approve(ctx.core.ctx, { pin: input.pin, ...(input.staffId ? { staffId: input.staffId } : {}) }, input.action);
    return { approvedBy };
  }),
});
