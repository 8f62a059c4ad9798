import { stockAlertInput, stockAlertListInput, stockAlertsForProductInput } from '@makeries/shared';
import { listStockAlerts, stockAlertsForProduct, subscribeStockAlert, unsubscribeStockAlert } from '../services/comeback/stock-alerts';
import { customerProcedure, router } from '../trpc';

/** "Tell me when it's back" on sold-out products: a signed-in customer's own subscriptions. */
export const stockAlertsRouter = router({
  subscribe: customerProcedure.input(stockAlertInput).mutation(({ ctx, input }) => subscribeStockAlert(ctx.db, ctx.customerId, input.variantId)),
  unsubscribe: customerProcedure.input(stockAlertInput).mutation(({ ctx, input }) => unsubscribeStockAlert(ctx.db, ctx.customerId, input.variantId)),
  forProduct: customerProcedure.input(stockAlertsForProductInput).query(({ ctx, input }) => stockAlertsForProduct(ctx.db, ctx.customerId, input.productId)),
  list: customerProcedure.input(stockAlertListInput).query(({ ctx, input }) => listStockAlerts(ctx.db, ctx.customerId, input)),
});
