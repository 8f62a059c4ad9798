import { createECDH, randomBytes } from 'node:crypto';
import { ALL, CUSTOMER, m, q, type Policy, type Role } from './policy-kit';
import type { Sample } from './sample-kit';

/** a shopper's browser: a guest or a signed-in customer (shops, counters and the operator get no push) */
const SHOPPER: readonly Role[] = ['anonymous', 'customer'];

/** Issue 18: notifications. The push and SMS parts add theirs here. */
export const NOTIFICATION_POLICIES: Readonly<Record<string, Policy>> = {
  'notifications.prefs': q(CUSTOMER, 'the customer’s own choices of what we tell them and how'),
  'notifications.setPref': m(CUSTOMER, 'the customer’s own choices'),
  'notifications.history': q(CUSTOMER, 'what we told the customer (their own record, paged)'),
  'notifications.vapidPublicKey': q(ALL, 'the public key browsers subscribe to web push with (public by design)'),
  'notifications.pushDevice': q(SHOPPER, 'whether this device is subscribed; the endpoint only its browser knows is the proof'),
  'notifications.subscribe': m(SHOPPER, 'a customer’s device for their account; a guest’s only for an order it proves with the tracking token', 'middleware'),
  'notifications.unsubscribe': m(SHOPPER, 'turns push off on the device whose endpoint the caller holds (the proof)'),
  'notifications.smsAvailable': q(ALL, 'whether this marketplace sends texts at all (the checkout offers them); no one’s data'),
  'notifications.sms': q(CUSTOMER, 'the customer’s own number and whether they want texts'),
  'notifications.setSms': m(CUSTOMER, 'the customer’s own number and choice'),
};

/** a real browser-like subscription: a P-256 public key and a 16-byte auth secret, on a push service address */
const ecdh = createECDH('prime256v1');
ecdh.generateKeys();
const SUBSCRIPTION = {
  endpoint: 'https://push.example.test/wpush/v2/security-sample',
  keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') },
};

/** Valid inputs for the matrix and the fuzzer (samples.ts): a guest proves the order with its tracking token. */
export const NOTIFICATION_SAMPLES: Readonly<Record<string, Sample>> = {
  'notifications.subscribe': (fx) => ({ ...SUBSCRIPTION, orderId: fx.orderId, trackingToken: fx.trackingToken }),
  'notifications.unsubscribe': (fx) => ({ endpoint: SUBSCRIPTION.endpoint, orderId: fx.orderId }),
  'notifications.pushDevice': (fx) => ({ endpoint: SUBSCRIPTION.endpoint, orderId: fx.orderId }),
};
