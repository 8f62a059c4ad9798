import { AppError, devicePairInput as pairingCodeInput } from '@makeries/shared';
import { counterSettingsInput } from '../schemas/device';
import { managerProcedure, publicProcedure, router, staffProcedure } from './trpc';
import type { CounterCore } from '../index';

/** The shop's name and currency, and the marketplace's locale, once the first sync brought them; null before that. */
function shopOf(core: CounterCore): { name: string; currency: string; locale: string } | null {
  try {
    const v = core.catalog.vendor();
    return { name: v.name, currency: v.currency, locale: v.locale };
  } catch (e) {
    if (e instanceof AppError && e.code === 'CONFLICT') return null;
    throw e;
  }
}

export const deviceRouter = router({
  /** Everything the start screen needs: paired or not, which shop and register, how sync is doing. */
  status: publicProcedure.query(({ ctx }) => {
    const d = ctx.core.device.get();
    return {
      paired: d.deviceId !== null && d.vendorId !== null && d.registerCode !== null,
      deviceId: d.deviceId,
      vendorId: d.vendorId,
      registerCode: d.registerCode,
      name: d.name,
      pairedAt: d.pairedAt,
      shop: shopOf(ctx.core),
      sync: ctx.sync.status(),
    };
  }),

  /** First-time setup with the one-time code from the back office; nobody can sign in before it. */
  pair: publicProcedure.input(pairingCodeInput).mutation(({ ctx, input }) => ctx.sync.pair(input.code)),

  /** This counter's log files zipped for support (Settings › This counter › Download logs). */
  logs: managerProcedure.mutation(({ ctx }) => {
    const zip = ctx.core.logsZip();
    return { fileName: zip.fileName, files: zip.files, zipBase64: Buffer.from(zip.bytes).toString('base64') };
  }),

  /** Refused while sales have not reached the server (the sync client checks); signs the staff out. */
  unpair: managerProcedure.mutation(async ({ ctx }) => {
    await ctx.sync.unpair();
    ctx.core.staff.logout();
    return { ok: true as const };
  }),

  settings: staffProcedure.query(({ ctx }) => ctx.core.device.settings()),
  updateSettings: managerProcedure.input(counterSettingsInput).mutation(({ ctx, input }) => ctx.core.device.updateSettings(input)),
});
