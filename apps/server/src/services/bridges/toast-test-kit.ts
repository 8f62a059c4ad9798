import type { DbKind } from '../../test/db';
import { startRig, type BridgeRig as GenericRig, type RigAdapter } from './bridge-rig';
import { startToastFake, type ToastFake } from './toast/fake/index';

export const RESTAURANT = 'r-corner-bakery';

export type ToastRig = GenericRig<ToastFake>;

/**
 * A shop bridged to the local Toast fake (bridge-rig.ts): restaurant RESTAURANT (GBP, like the rig's shop), added to
 * Makeries with the owner's address and claimed by them. Not a test file.
 */
export async function startToastRig(kind: DbKind, opts: { scopes?: string[]; envOverrides?: Record<string, string> } = {}): Promise<ToastRig> {
  const fake = await startToastFake(opts.scopes ? { scopes: opts.scopes } : {});
  fake.addRestaurant(RESTAURANT, { name: 'Corner Bakery', locationName: 'High St', currencyCode: 'GBP' });
  return startRig(kind, toastAdapter(fake), opts.envOverrides ? { envOverrides: opts.envOverrides } : {});
}

/** How the rig reaches the Toast fake: its env, and the owner claiming RESTAURANT once the fake knows their address. */
export function toastAdapter(fake: ToastFake): RigAdapter<ToastFake> {
  return {
    fake,
    provider: 'toast',
    env: { TOAST_CLIENT_ID: fake.clientId, TOAST_CLIENT_SECRET: fake.clientSecret, TOAST_API_BASE: fake.baseUrl, TOAST_WEBHOOK_SECRET: fake.webhookSecret, TOAST_OTHER_PAYMENT_GUID: 'other-pay-makeries' },
    locationId: RESTAURANT,
    partnerKey: RESTAURANT,
    prepareOwner(email) {
      fake.restaurant(RESTAURANT).createdBy = email;
    },
    close: () => fake.close(),
  };
}
