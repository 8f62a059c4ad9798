import { deviceIdInput, devicePairInput, devicePairingCodeInput } from '@makeries/shared';
import { createPairingCode, getDeviceProfile, listDevices, pairDevice, revokeDevice } from '../services/devices';
import { loginRateRule } from '../services/rate-limit';
import { getVendorProfile } from '../services/vendors';
import { deviceProcedure, managerProcedure, publicProcedure, router } from '../trpc';

export const devicesRouter = router({
  createPairingCode: managerProcedure
    .input(devicePairingCodeInput)
    .mutation(({ ctx, input }) => createPairingCode(ctx.db, { vendorId: ctx.vendorId, staffId: ctx.actor.staffId }, input.deviceName)),

  /** Public: a fresh counter has no credentials yet, only the code a manager read out to it. */
  pair: publicProcedure
    .input(devicePairInput)
    .mutation(({ ctx, input }) => pairDevice(ctx.db, input.code, { ip: ctx.ip, rule: loginRateRule(ctx.env) })),

  list: managerProcedure.query(({ ctx }) => listDevices(ctx.db, ctx.vendorId)),
  revoke: managerProcedure.input(deviceIdInput).mutation(({ ctx, input }) => revokeDevice(ctx.db, ctx.vendorId, input.deviceId)),

  me: deviceProcedure.query(async ({ ctx }) => ({
    device: await getDeviceProfile(ctx.db, ctx.deviceId),
    vendor: await getVendorProfile(ctx.db, ctx.vendorId),
  })),
});
