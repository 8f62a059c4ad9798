import { refundInput } from '../schemas/refund';
import { saleIdInput, saleLookupInput } from '../schemas/sale';
import { queuedProcedure, router, staffProcedure } from './trpc';

export const refundsRouter = router({
  /**
   * Refunds (part of) a receipt sold at this counter, offline too. Needs a manager: signed in, or their PIN
   * in `approval`; a cashier without it gets FORBIDDEN with details.needsApproval.
   */
  create: queuedProcedure.input(refundInput).mutation(({ ctx, input }) => ctx.core.refunds.refund(input)),

  /**
   * A receipt brought back, by its number or QR code: this register's (offline too), or — online — any register's
   * of the shop from the server (`remote: true`, refunded through the server). Offline, another register's
   * receipt is CONFLICT saying where it can be refunded.
   */
  find: staffProcedure.input(saleLookupInput).query(({ ctx, input }) => ctx.core.refunds.find(input)),

  /** The refunds of one sale, oldest first. */
  list: staffProcedure.input(saleIdInput).query(({ ctx, input }) => {
    ctx.core.sales.byId(input); // NOT_FOUND for a sale this counter never made
    return ctx.core.refunds.forSale(input.saleId);
  }),
});
