import { notifyHistoryInput, setNotifyPrefInput, setSmsInput } from '@makeries/shared';
import { customerPrefs, notificationHistory, setCustomerPref } from '../services/notify/index';
import { setSmsSettings, smsConfig, smsSettings } from '../services/notify/sms/index';
import { customerProcedure, publicProcedure, router } from '../trpc';

/** A signed-in customer's notification choices (per topic and channel) and the record of what we told them. */
export const notificationsRouter = router({
  prefs: customerProcedure.query(({ ctx }) => customerPrefs(ctx.db, ctx.customerId)),
  setPref: customerProcedure.input(setNotifyPrefInput).mutation(async ({ ctx, input }) => {
    await setCustomerPref(ctx.db, ctx.customerId, input);
    return customerPrefs(ctx.db, ctx.customerId);
  }),
  history: customerProcedure.input(notifyHistoryInput).query(({ ctx, input }) => notificationHistory(ctx.db, ctx.customerId, input)),
  // texts (SMS): whether the marketplace sends them (checkout's "Text me" box), the customer's number and choice
  smsAvailable: publicProcedure.query(({ ctx }) => ({ available: smsConfig(ctx.env) !== null })),
  sms: customerProcedure.query(({ ctx }) => smsSettings(ctx.db, ctx.env, ctx.customerId)),
  setSms: customerProcedure.input(setSmsInput).mutation(({ ctx, input }) => setSmsSettings(ctx.db, ctx.env, ctx.customerId, input)),
});
