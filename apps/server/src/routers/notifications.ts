import { notifyHistoryInput, setNotifyPrefInput } from '@makeries/shared';
import { customerPrefs, notificationHistory, setCustomerPref } from '../services/notify/index';
import { customerProcedure, router } from '../trpc';

/** A signed-in customer's notification choices (per topic and channel) and the record of what we told them. */
export const notificationsRouter = router({
  prefs: customerProcedure.query(({ ctx }) => customerPrefs(ctx.db, ctx.customerId)),
  setPref: customerProcedure.input(setNotifyPrefInput).mutation(async ({ ctx, input }) => {
    await setCustomerPref(ctx.db, ctx.customerId, input);
    return customerPrefs(ctx.db, ctx.customerId);
  }),
  history: customerProcedure.input(notifyHistoryInput).query(({ ctx, input }) => notificationHistory(ctx.db, ctx.customerId, input)),
});
