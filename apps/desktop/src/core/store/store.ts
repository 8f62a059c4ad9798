import type { ReceiptLogoUploadInput } from '@makeries/shared';
import type { CoreContext } from '../context';
import { refreshReceiptLogo, removeReceiptLogo, uploadReceiptLogo } from './logo';
import { readStoreSettings, type StoreSettingsView } from './settings';
import { setStorePaused, updateStoreSettings, type StorePauseInput } from './update';

/** Store settings at the counter (owner/manager): profile, hours, pause, receipt header/footer/tax number/logo. */
function createStoreModule(ctx: CoreContext, opts: { fetch?: typeof fetch } = {}) {
  return {
    settings: (): StoreSettingsView => readStoreSettings(ctx.db),
    update: (input: unknown): StoreSettingsView => updateStoreSettings(ctx, input),
    setPaused: (input: StorePauseInput): StoreSettingsView => setStorePaused(ctx, input),
    uploadLogo: (input: ReceiptLogoUploadInput) => uploadReceiptLogo(ctx, input, opts.fetch),
    removeLogo: () => removeReceiptLogo(ctx, opts.fetch),
    refreshLogo: () => refreshReceiptLogo(ctx, opts.fetch),
  };
}

export type StoreModule = ReturnType<typeof createStoreModule>;

const modules = new WeakMap<CoreContext, StoreModule>();

/** One store module per counter core (the router and the headless counter share it). */
export function storeOf(ctx: CoreContext, opts: { fetch?: typeof fetch } = {}): StoreModule {
  let m = modules.get(ctx);
  if (!m) {
    m = createStoreModule(ctx, opts);
    modules.set(ctx, m);
  }
  return m;
}
