import { uuidv7 } from '@makeries/shared';
import { ALL, m, q, VENDOR, type Policy } from './policy-kit';
import type { Sample } from './sample-kit';

/**
 * Order messages (issue 18). The customer's side is open to every role but needs proof of the order: the
 * ordering customer's session or the tracking token (anyone else gets UNAUTHENTICATED or NOT_FOUND). The shop's
 * side is its staff and counters, scoped to the shop's own web orders (others are NOT_FOUND).
 */
export const MESSAGE_POLICIES: Readonly<Record<string, Policy>> = {
  'messages.list': q(ALL, 'the thread of an order: its customer, or anyone with its tracking token', 'proof'),
  'messages.send': m(ALL, 'the customer (or the tracking-token holder) writes to the shop; 20 an hour per order', 'proof'),
  'messages.report': m(ALL, 'the customer (or the tracking-token holder) reports a shop’s message to the operator', 'proof'),
  'messages.listForShop': q(VENDOR, 'the thread of one of the shop’s web orders: its staff and counters'),
  'messages.reply': m(VENDOR, 'the shop answers on one of its web orders: its staff and counters; 60 an hour per order'),
  'messages.reportFromShop': m(VENDOR, 'the shop reports a customer’s message on one of its orders to the operator'),
};

/** Inputs for the matrix and fuzzer: a new message id each call (a resend would only return the first). */
export const MESSAGE_SAMPLES: Readonly<Record<string, Sample>> = {
  'messages.send': (fx) => ({ id: uuidv7(), orderId: fx.orderId, trackingToken: fx.trackingToken, text: 'Is the sourdough sliced?' }),
  'messages.reply': (fx) => ({ id: uuidv7(), orderId: fx.orderId, text: 'Yes, sliced on request.' }),
};
