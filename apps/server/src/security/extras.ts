import { ALL, CUSTOMER, m, q, type Policy } from './policy-kit';
import type { Sample } from './sample-kit';

/** Issue 18's "bring customers back" extras: order this again, "tell me when it's back", the favourites digest. */
export const EXTRAS_POLICIES: Readonly<Record<string, Policy>> = {
  'reorder.fromOrder': q(ALL, 'the ordering customer, or anyone with the order’s tracking token; shop staff and counters get NOT_FOUND', 'proof'),
  'stockAlerts.subscribe': m(CUSTOMER, 'the customer’s own “tell me when it’s back” subscriptions'),
  'stockAlerts.unsubscribe': m(CUSTOMER, 'the customer’s own “tell me when it’s back” subscriptions'),
  'stockAlerts.forProduct': q(CUSTOMER, 'the customer’s own “tell me when it’s back” subscriptions'),
  'stockAlerts.list': q(CUSTOMER, 'the customer’s own “tell me when it’s back” subscriptions, paged'),
  'digest.settings': q(CUSTOMER, 'the customer’s own choice of the weekly favourites email'),
  'digest.set': m(CUSTOMER, 'the customer’s own choice of the weekly favourites email'),
  'digest.unsubscribe': m(ALL, 'the emailed link’s signed token is the proof; it can only turn the digest off', 'proof'),
};

/** Samples that get past validation and reach the services' own checks. */
export const EXTRAS_SAMPLES: Readonly<Record<string, Sample>> = {
  'digest.unsubscribe': () => ({ token: `00000000-0000-7000-8000-000000000000.${'a'.repeat(43)}` }),
};
