import { adminDisputeListInput, adminOrderDetailInput, adminOrderRefundInput, adminOrderSearchInput } from '@makeries/shared';
import { listDisputes } from '../../services/admin-orders/disputes';
import { orderDetail } from '../../services/admin-orders/detail';
import { operatorRefund } from '../../services/admin-orders/refund';
import { searchOrders } from '../../services/admin-orders/search';
import { operatorProcedure, router } from '../../trpc';

/** The operator console's orders area (issue 17): search, an order's timeline, refunds, disputes. */
export const adminOrdersRouter = router({
  /** by number, customer email or shop; newest first, web and counter orders */
  search: operatorProcedure.input(adminOrderSearchInput).query(({ ctx, input }) => searchOrders(ctx.db, input)),
  detail: operatorProcedure.input(adminOrderDetailInput).query(({ ctx, input }) => orderDetail(ctx.db, ctx.env, input.orderId)),
  /** the marketplace gives the customer money back (audited; idempotent per dialog key) */
  refund: operatorProcedure
    .input(adminOrderRefundInput)
    .mutation(({ ctx, input }) => operatorRefund(ctx.db, ctx.env, { operatorId: ctx.operatorId, ip: ctx.ip, requestId: ctx.requestId }, input)),
  disputes: operatorProcedure.input(adminDisputeListInput).query(({ ctx, input }) => listDisputes(ctx.db, input)),
});
