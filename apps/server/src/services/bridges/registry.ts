import { posProviderSchema, type PosProvider } from '@makeries/shared';
import type { Env } from '../../env';
import { createShopifyConnector } from './shopify/connector';
import { createSquareConnector } from './square/connector';
import { createToastConnector } from './toast/connector';
import type { PosConnector } from './types';

export { PROVIDER_NAMES } from './provider-names';

/** Every point of sale the engine can bridge, by provider. */
const CONNECTORS: Record<PosProvider, (env: Env) => PosConnector> = {
  square: createSquareConnector,
  shopify: createShopifyConnector,
  toast: createToastConnector,
};

/** The providers this build bridges, in the order the back office shows them. */
export function bridgedProviders(): PosProvider[] {
  return [...posProviderSchema.options];
}

/** The connector for a provider. */
export function connectorFor(env: Env, provider: PosProvider): PosConnector {
  return CONNECTORS[provider](env);
}
