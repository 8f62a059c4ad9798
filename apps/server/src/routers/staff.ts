import { staffCreateInput, staffIdInput, staffUpdateInput, staffVerifyPinInput } from '@makeries/shared';
import { loginRateRule } from '../services/rate-limit';
import { createStaff, deactivateStaff, listStaff, updateStaff, verifyStaffPin } from '../services/staff';
import { deviceProcedure, managerProcedure, router } from '../trpc';

export const staffRouter = router({
  list: managerProcedure.query(({ ctx }) => listStaff(ctx.db, ctx.vendorId)),
  create: managerProcedure.input(staffCreateInput).mutation(({ ctx, input }) => createStaff(ctx.db, ctx.actor, input)),
  update: managerProcedure.input(staffUpdateInput).mutation(({ ctx, input }) => updateStaff(ctx.db, ctx.actor, input)),
  deactivate: managerProcedure.input(staffIdInput).mutation(({ ctx, input }) => deactivateStaff(ctx.db, ctx.actor, input.staffId)),
  /** A paired counter checks a PIN online; the answer is the role to unlock the register with. */
  verifyPin: deviceProcedure
    .input(staffVerifyPinInput)
    .mutation(({ ctx, input }) => verifyStaffPin(ctx.db, ctx.vendorId, input, loginRateRule(ctx.env))),
});
