import { uuidv7 } from '@makeries/shared';
import { m, OPERATOR, q, type Policy } from '../policy-kit';
import type { Sample } from '../sample-kit';

/** The console's promotions (issue 18): marketplace-funded codes. */
export const ADMIN_PROMOS_POLICIES: Readonly<Record<string, Policy>> = {
  'admin.promos.list': q(OPERATOR, 'the marketplace’s promo codes with their uses and over-limit counter sales, paged'),
  'admin.promos.create': m(OPERATOR, 'a marketplace-funded code (off the platform fee), all shops or a list; audited'),
  'admin.promos.update': m(OPERATOR, 'ends, limits or deactivates a marketplace code; audited'),
  'admin.promos.redemptions': q(OPERATOR, 'the orders and counter sales that used a marketplace code, paged'),
};

/** A fresh code name per call (creating twice with one name is a DUPLICATE); unknown ids are NOT_FOUND. */
export const ADMIN_PROMOS_SAMPLES: Readonly<Record<string, Sample>> = {
  'admin.promos.create': () => ({ code: `CITY${uuidv7().slice(-8).toUpperCase()}`, discount: { kind: 'percent', bps: 1000 } }),
  'admin.promos.update': () => ({ promoId: uuidv7(), active: false }),
};
