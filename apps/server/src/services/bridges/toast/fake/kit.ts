import type { ToastEnv } from '../client';
import { createToastConnector, TOAST_PARTNER_MARKER } from '../connector';
import type { ConnContext, PosConnector } from '../../types';
import { startToastFake, type ToastFake, type ToastFakeOptions } from './index';

export const RESTAURANT = '3325cc58-dc6e-4e21-85f9-7de275ffe820';

/** A Toast fake with one restaurant that added Makeries, and a connector pointed at it (tests only). */
export interface ToastKit {
  fake: ToastFake;
  env: ToastEnv;
  connector: PosConnector;
  conn: ConnContext;
  /** requests the connector made to this path */
  calls(path: string | RegExp): number;
}

export async function startToastKit(opts: ToastFakeOptions & { env?: Partial<ToastEnv> } = {}): Promise<ToastKit> {
  const fake = await startToastFake(opts);
  fake.addRestaurant(RESTAURANT, { name: 'Corner Bakery', locationName: 'High St', createdBy: 'owner@corner.test' });
  const env: ToastEnv = {
    TOAST_CLIENT_ID: fake.clientId,
    TOAST_CLIENT_SECRET: fake.clientSecret,
    TOAST_API_BASE: fake.baseUrl,
    TOAST_WEBHOOK_SECRET: fake.webhookSecret,
    TOAST_DINING_OPTION_GUID: undefined,
    TOAST_OTHER_PAYMENT_GUID: 'other-pay-makeries',
    POS_TIMEOUT_MS: 10_000,
    ...opts.env,
  };
  const connector = createToastConnector(env);
  const conn: ConnContext = { id: 'conn-1', connectionKey: RESTAURANT, locationExtId: RESTAURANT, currency: 'USD', credentials: { accessToken: TOAST_PARTNER_MARKER, refreshToken: null, expiresAt: null } };
  fake.takeWebhooks();
  return {
    fake,
    env,
    connector,
    conn,
    calls: (path) => fake.requests.filter((r) => (typeof path === 'string' ? r.path === path : path.test(r.path))).length,
  };
}
