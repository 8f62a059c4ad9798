import { AppError, notifyHistoryInput, pushDeviceInput, pushSubscribeInput, pushUnsubscribeInput, setNotifyPrefInput, setSmsInput } from '@makeries/shared';
import { customerPrefs, notificationHistory, setCustomerPref } from '../services/notify/index';
import { pushDeviceState, subscribePush, unsubscribePush } from '../services/notify/push-subscriptions';
import { setSmsSettings, smsConfig, smsSettings } from '../services/notify/sms/index';
import { vapidKeys } from '../services/notify/vapid';
import { customerProcedure, publicProcedure, router } from '../trpc';

/** A shopper's browser (a guest or a signed-in customer); shops, counters and the operator console get no push here. */
const shopperProcedure = publicProcedure.use(({ ctx, next }) => {
  const actor = ctx.actor;
  if (actor.kind !== 'anonymous' && actor.kind !== 'customer') throw new AppError('FORBIDDEN', 'Push notifications are for customers’ devices.');
  return next({ ctx: { ...ctx, shopper: actor } });
});

/** A signed-in customer's notification choices (per topic and channel) and the record of what we told them. */
export const notificationsRouter = router({
  prefs: customerProcedure.query(({ ctx }) => customerPrefs(ctx.db, ctx.customerId)),
  setPref: customerProcedure.input(setNotifyPrefInput).mutation(async ({ ctx, input }) => {
    await setCustomerPref(ctx.db, ctx.customerId, input);
    return customerPrefs(ctx.db, ctx.customerId);
  }),
  history: customerProcedure.input(notifyHistoryInput).query(({ ctx, input }) => notificationHistory(ctx.db, ctx.customerId, input)),
  /** web push (services/notify/push-*.ts): the key browsers subscribe with, and this device's subscription */
  vapidPublicKey: publicProcedure.query(({ ctx }) => ({ publicKey: vapidKeys(ctx.env).publicKey })),
  pushDevice: shopperProcedure.input(pushDeviceInput).query(({ ctx, input }) => pushDeviceState(ctx.db, ctx.shopper, input.endpoint, input.orderId)),
  subscribe: shopperProcedure.input(pushSubscribeInput).mutation(({ ctx, input }) => subscribePush(ctx.db, ctx.env, ctx.shopper, input)),
  unsubscribe: shopperProcedure.input(pushUnsubscribeInput).mutation(({ ctx, input }) => unsubscribePush(ctx.db, ctx.shopper, input)),
  // texts (SMS): whether the marketplace sends them (checkout's "Text me" box), the customer's number and choice
  smsAvailable: publicProcedure.query(({ ctx }) => ({ available: smsConfig(ctx.env) !== null })),
  sms: customerProcedure.query(({ ctx }) => smsSettings(ctx.db, ctx.env, ctx.customerId)),
  setSms: customerProcedure.input(setSmsInput).mutation(({ ctx, input }) => setSmsSettings(ctx.db, ctx.env, ctx.customerId, input)),
});
