import { uuidv7 } from '@makeries/shared';
import { DEVICE_MANAGERS, m, MANAGERS, q, type Policy } from './policy-kit';
import type { Sample } from './sample-kit';

/** A shop's promo codes (issue 18): owners and managers, in the back office or at a counter with their staff proof. */
const SHOP_MANAGERS = [...MANAGERS, ...DEVICE_MANAGERS];

export const PROMO_POLICIES: Readonly<Record<string, Policy>> = {
  'promos.list': q(SHOP_MANAGERS, 'the shop’s own promo codes with their uses and over-limit counter sales, paged'),
  'promos.create': m(SHOP_MANAGERS, 'a shop-funded code, valid at this shop only'),
  'promos.update': m(SHOP_MANAGERS, 'ends, limits or deactivates one of the shop’s own codes; another shop’s is NOT_FOUND'),
  'promos.redemptions': q(SHOP_MANAGERS, 'the orders and counter sales that used one of the shop’s codes, paged'),
};

/** A fresh code name per call (the same name twice at one shop is a DUPLICATE); an unknown code id is NOT_FOUND. */
export const PROMO_SAMPLES: Readonly<Record<string, Sample>> = {
  'promos.update': () => ({ promoId: uuidv7(), active: false }),
  'promos.create': () => ({ code: `SHOP${uuidv7().slice(-8).toUpperCase()}`, discount: { kind: 'amount', amountCents: 100 } }),
};
