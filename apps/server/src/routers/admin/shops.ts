import {
  adminShopApproveInput,
  adminShopFeeInput,
  adminShopIdInput,
  adminShopListInput,
  adminShopPermissionsInput,
  adminShopReasonInput,
} from '@makeries/shared';
import type { OperatorCtx } from '../../services/operators/audit';
import { setPayoutHold } from '../../services/operators/shop-payouts';
import { listShops, shopDetail } from '../../services/operators/shop-queries';
import { changeStanding, setShopFee, setShopPermissions } from '../../services/operators/shop-standing';
import { operatorProcedure, router } from '../../trpc';

const who = (ctx: { operatorId: string; ip: string; requestId: string }): OperatorCtx => ({ operatorId: ctx.operatorId, ip: ctx.ip, requestId: ctx.requestId });

/** The operator console's shops area (issue 17): the applications queue and each shop's standing. */
export const adminShopsRouter = router({
  list: operatorProcedure.input(adminShopListInput).query(({ ctx, input }) => listShops(ctx.db, input)),
  detail: operatorProcedure.input(adminShopIdInput).query(({ ctx, input }) => shopDetail(ctx.db, ctx.env, input.vendorId)),

  approve: operatorProcedure.input(adminShopApproveInput).mutation(({ ctx, input }) => changeStanding(ctx.db, who(ctx), 'approve', input)),
  reject: operatorProcedure.input(adminShopReasonInput).mutation(({ ctx, input }) => changeStanding(ctx.db, who(ctx), 'reject', input)),
  suspend: operatorProcedure.input(adminShopReasonInput).mutation(({ ctx, input }) => changeStanding(ctx.db, who(ctx), 'suspend', input)),
  reinstate: operatorProcedure.input(adminShopReasonInput).mutation(({ ctx, input }) => changeStanding(ctx.db, who(ctx), 'reinstate', input)),

  setFee: operatorProcedure.input(adminShopFeeInput).mutation(({ ctx, input }) => setShopFee(ctx.db, who(ctx), input)),
  setPermissions: operatorProcedure.input(adminShopPermissionsInput).mutation(({ ctx, input }) => setShopPermissions(ctx.db, who(ctx), input)),
  holdPayouts: operatorProcedure.input(adminShopReasonInput).mutation(({ ctx, input }) => setPayoutHold(ctx.db, ctx.env, who(ctx), input, true)),
  releasePayouts: operatorProcedure.input(adminShopReasonInput).mutation(({ ctx, input }) => setPayoutHold(ctx.db, ctx.env, who(ctx), input, false)),
});
