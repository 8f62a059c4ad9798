import { uuidv7 } from '@makeries/shared';
import { m, OPERATOR, q, type Policy } from '../policy-kit';
import type { Sample } from '../sample-kit';

/** The console's shops area (issue 17): every procedure under `admin.shops`. */
export const ADMIN_SHOPS_POLICIES: Readonly<Record<string, Policy>> = {
  'admin.shops.list': q(OPERATOR, 'every shop with its standing, paged; the applications queue oldest first'),
  'admin.shops.detail': q(OPERATOR, 'one shop’s profile, owner, standing history, Stripe state, counters and bridge'),
  'admin.shops.approve': m(OPERATOR, 'puts a waiting (or rejected) shop on the storefront; audited, the owner is emailed'),
  'admin.shops.reject': m(OPERATOR, 'refuses an application with a reason the owner sees; audited, the owner is emailed'),
  'admin.shops.suspend': m(OPERATOR, 'hides a shop from the storefront and refuses its online orders; audited, the owner is emailed'),
  'admin.shops.reinstate': m(OPERATOR, 'lifts a suspension; audited, the owner is emailed'),
  'admin.shops.setFee': m(OPERATOR, 'the shop’s platform fee in bps (or the market default); audited'),
  'admin.shops.setPermissions': m(OPERATOR, 'whether the shop may offer pickup and delivery online; audited'),
  'admin.shops.holdPayouts': m(OPERATOR, 'sets the shop’s Stripe payout schedule to manual; audited'),
  'admin.shops.releasePayouts': m(OPERATOR, 'puts the shop’s Stripe payouts back on their schedule; audited'),
};

/**
 * Reads look at the fixture's shop; actions name a shop that does not exist (NOT_FOUND for the operator), so the
 * matrix and the fuzzer never suspend the shop every other procedure's test sells from.
 */
const ELSEWHERE = uuidv7();
const reason = 'Checked by the authorization matrix';

export const ADMIN_SHOPS_SAMPLES: Readonly<Record<string, Sample>> = {
  'admin.shops.list': () => ({ status: 'pending', search: 'bakery', limit: 10 }),
  'admin.shops.detail': (fx) => ({ vendorId: fx.shop.vendorId }),
  'admin.shops.approve': () => ({ vendorId: ELSEWHERE, reason }),
  'admin.shops.reject': () => ({ vendorId: ELSEWHERE, reason }),
  'admin.shops.suspend': () => ({ vendorId: ELSEWHERE, reason }),
  'admin.shops.reinstate': () => ({ vendorId: ELSEWHERE, reason }),
  'admin.shops.setFee': () => ({ vendorId: ELSEWHERE, feeBps: 250, reason }),
  'admin.shops.setPermissions': () => ({ vendorId: ELSEWHERE, pickupAllowed: true, deliveryAllowed: false, reason }),
  'admin.shops.holdPayouts': () => ({ vendorId: ELSEWHERE, reason }),
  'admin.shops.releasePayouts': () => ({ vendorId: ELSEWHERE, reason }),
};
