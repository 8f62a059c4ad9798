import { AppError } from '@makeries/shared';
import { completeSaleInput, recentSalesInput, saleIdInput, saleLookupInput } from '../schemas/sale';
import { cartWrite, publicProcedure, queuedProcedure, router, staffProcedure } from './trpc';

export const salesRouter = router({
  /**
   * The payment screen: what is due (cash after rounding), quick cash amounts, and which tenders work now
   * (card via Stripe is shown as unavailable offline, never silently attempted).
   */
  tender: staffProcedure.query(({ ctx }) => {
    const cart = ctx.core.cart.current();
    if (!cart || cart.lines.length === 0) throw new AppError('NOT_FOUND', 'There is no sale in progress. Scan an item to start one.');
    return {
      cartId: cart.id,
      totalCents: cart.totals.totalCents,
      cashDueCents: cart.cashDueCents,
      cashRoundingCents: cart.cashRoundingCents,
      currency: cart.totals.currency,
      quickCash: ctx.core.sales.quickCash(cart.cashDueCents),
      options: ctx.core.sales.tenderOptions(),
    };
  }),

  /**
   * Whether a customer's sale is under way (items in the open cart, not parked): the app will not quit or restart
   * for an update then. Public, because it is asked while the till is locked too; it says nothing about the items.
   */
  inProgress: publicProcedure.query(({ ctx }) => {
    const cart = ctx.core.cart.current();
    return { inProgress: (cart?.lines.length ?? 0) > 0 };
  }),

  /** Takes payment and turns the open cart into an immutable sale (offline too). */
  complete: queuedProcedure
    .use(cartWrite)
    .input(completeSaleInput)
    .mutation(({ ctx, input }) => ctx.core.sales.complete(input)),

  list: staffProcedure.input(recentSalesInput).query(({ ctx, input }) => ctx.core.sales.recent(input)),
  byId: staffProcedure.input(saleIdInput).query(({ ctx, input }) => ctx.core.sales.byId(input)),
  /** A receipt number as printed or typed ("A1-000042", "a1-42"), or read from the receipt's QR code. */
  byNumber: staffProcedure.input(saleLookupInput).query(({ ctx, input }) => ctx.core.sales.byNumber(input)),

  /** What a reprint (or the on-screen preview) needs: the shop, the sale as it was, and its refunds. */
  receipt: staffProcedure.input(saleIdInput).query(({ ctx, input }) => {
    const sale = ctx.core.sales.byId(input);
    const vendor = ctx.core.catalog.vendor();
    const device = ctx.core.device.get();
    return {
      shop: { name: vendor.name, currency: vendor.currency, taxMode: vendor.taxMode, timezone: vendor.timezone },
      register: { code: sale.registerCode, name: device.name },
      sale,
      refunds: ctx.core.refunds.forSale(sale.id),
      reprint: true as const,
    };
  }),
});
