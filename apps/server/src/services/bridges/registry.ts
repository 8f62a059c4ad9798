import type { PosProvider } from '@makeries/shared';
import { AppError } from '@makeries/shared';
import type { Env } from '../../env';
import { createSquareConnector } from './square/connector';
import { createToastConnector } from './toast/connector';
import type { PosConnector } from './types';

/** The connector for a provider; issue 15 adds Shopify and Toast here. */
export function connectorFor(env: Env, provider: PosProvider): PosConnector {
  if (provider === 'square') return createSquareConnector(env);
  if (provider === 'toast') return createToastConnector(env);
  throw new AppError('BAD_INPUT', `Bridging ${provider[0]?.toUpperCase() ?? ''}${provider.slice(1)} is not available yet. Square is.`);
}

export const PROVIDER_NAMES: Record<PosProvider, string> = { square: 'Square', shopify: 'Shopify', toast: 'Toast' };
