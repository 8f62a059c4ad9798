import type { PosProvider } from '@makeries/shared';

/** The points of sale by name, for messages a shop owner reads. */
export const PROVIDER_NAMES: Record<PosProvider, string> = { square: 'Square', shopify: 'Shopify', toast: 'Toast' };
