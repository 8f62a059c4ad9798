import { startSquareFake, type SquareFake } from './square/fake/index';
import { startRig, type BridgeRig as GenericRig } from './bridge-rig';
import type { DbKind } from '../../test/db';

export const MERCHANT = 'MLMAKERIES01';
export const LOCATION = 'L-MARKET-ST';

export type BridgeRig = GenericRig<SquareFake>;

/** A shop bridged to the local Square fake (bridge-rig.ts): merchant MERCHANT with its GBP location LOCATION and a EUR one. Not a test file. */
export async function startBridgeRig(kind: DbKind, opts: { pageSize?: number; envOverrides?: Record<string, string> } = {}): Promise<BridgeRig> {
  const fake = await startSquareFake({
    merchants: [{ merchantId: MERCHANT, locations: [{ id: LOCATION, name: 'Market Street', currency: 'GBP' }, { id: 'L-EURO', name: 'Lisbon pop-up', currency: 'EUR' }] }],
    notificationUrl: 'https://market.makeries.test/hooks/pos/square',
    ...(opts.pageSize ? { pageSize: opts.pageSize } : {}),
  });
  return startRig(
    kind,
    {
      fake,
      provider: 'square',
      env: {
        SQUARE_APPLICATION_ID: fake.applicationId,
        SQUARE_APPLICATION_SECRET: fake.clientSecret,
        SQUARE_API_BASE: fake.baseUrl,
        SQUARE_WEBHOOK_SIGNATURE_KEY: fake.signatureKey,
        SQUARE_WEBHOOK_URL: fake.notificationUrl,
      },
      locationId: LOCATION,
      close: () => fake.close(),
    },
    opts.envOverrides ? { envOverrides: opts.envOverrides } : {},
  );
}
