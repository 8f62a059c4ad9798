import { staffCreateInput, staffIdInput, staffUpdateInput, staffVerifyPinInput } from '@makeries/shared';
import { loginRateRule } from '../services/rate-limit';
import { createStaff, deactivateStaff, listStaff, updateStaff, verifyStaffPin } from '../services/staff';
import { issueStaffProof } from '../services/staff-proofs';
import { deviceProcedure, managerProcedure, router } from '../trpc';

export const staffRouter = router({
  list: managerProcedure.query(({ ctx }) => listStaff(ctx.db, ctx.vendorId)),
  create: managerProcedure.input(staffCreateInput).mutation(({ ctx, input }) => createStaff(ctx.db, ctx.actor, input)),
  update: managerProcedure.input(staffUpdateInput).mutation(({ ctx, input }) => updateStaff(ctx.db, ctx.actor, input)),
  deactivate: managerProcedure.input(staffIdInput).mutation(({ ctx, input }) => deactivateStaff(ctx.db, ctx.actor, input.staffId)),
  /**
   * A paired counter checks a PIN online; the answer is the role to unlock the register with, and a staff proof
   * the counter sends with the calls that need that person's role (see STAFF_PROOF_HEADER).
   */
  verifyPin: deviceProcedure.input(staffVerifyPinInput).mutation(async ({ ctx, input }) => {
    const verified = await verifyStaffPin(ctx.db, ctx.vendorId, input, loginRateRule(ctx.env));
    return { ...verified, proof: await issueStaffProof(ctx.db, ctx.deviceId, verified.staffId) };
  }),
});
