import { metadata, obj, str } from './form';
import { invalid, need, FakeStripeError, type Handler } from './context';
import { attemptPayment } from './money-routes';
import { now, stripeId, type FakeLocation, type FakeReader } from './objects';

/** Registration codes of Stripe's simulated readers; anything else starting with "invalid" is refused. */
const DEVICE_FOR_CODE: Record<string, string> = { 'simulated-wpe': 'bbpos_wisepos_e', 'simulated-s700': 'stripe_s700' };
const DECLINING_CARDS = new Set(['4000000000000002', '4000000000009995']);

export const createLocation: Handler = ({ params, state }) => {
  const location: FakeLocation = {
    id: stripeId('tml'),
    object: 'terminal.location',
    display_name: str(params, 'display_name') ?? '',
    address: obj(params, 'address'),
    metadata: metadata(params),
  };
  if (!location.display_name) throw invalid('Missing required param: display_name.', 'display_name', 'parameter_missing');
  state.locations.set(location.id, location);
  return { body: location };
};

export const createReader: Handler = ({ params, state }) => {
  const code = str(params, 'registration_code') ?? '';
  const location = str(params, 'location');
  if (location) need(state.locations, location, 'terminal.location');
  if (!code || code.startsWith('invalid')) {
    throw invalid('The registration code is invalid or has expired. Generate a new code on the reader.', 'registration_code', 'terminal_reader_invalid_registration_code');
  }
  const reader: FakeReader = {
    id: stripeId('tmr'),
    object: 'terminal.reader',
    action: null,
    device_sw_version: '2.26.0',
    device_type: DEVICE_FOR_CODE[code] ?? 'bbpos_wisepos_e',
    ip_address: '192.168.2.2',
    label: str(params, 'label') ?? code,
    livemode: false,
    location: location ?? null,
    metadata: metadata(params),
    serial_number: `${Math.floor(Math.random() * 1e9)}`,
    status: 'online',
    last_seen_at: Date.now(),
  };
  state.readers.set(reader.id, reader);
  return { body: reader };
};

export const listReaders: Handler = ({ state, params }) => {
  const location = str(params, 'location');
  const data = [...state.readers.values()].filter((r) => !location || r.location === location);
  return { body: { object: 'list', data, has_more: false, url: '/v1/terminal/readers' } };
};

export const retrieveReader: Handler = ({ path, state }) => ({ body: need(state.readers, path[3], 'terminal.reader') });

function busy(reader: FakeReader): FakeStripeError {
  return new FakeStripeError(400, { type: 'invalid_request_error', code: 'terminal_reader_busy', message: `Reader ${reader.id} is currently busy processing another request.` });
}

export const processPaymentIntent: Handler = ({ path, params, state }) => {
  const reader = need(state.readers, path[3], 'terminal.reader');
  const pi = need(state.paymentIntents, str(params, 'payment_intent'), 'payment_intent');
  if (reader.status === 'offline') throw new FakeStripeError(400, { type: 'invalid_request_error', code: 'terminal_reader_offline', message: 'Reader is currently offline.' });
  if (reader.action?.status === 'in_progress' && reader.action.process_payment_intent.payment_intent !== pi.id) throw busy(reader);
  if (!pi.payment_method_types.includes('card_present')) throw invalid('This PaymentIntent does not accept card_present payments.', 'payment_intent');
  if (pi.status !== 'requires_payment_method') {
    throw new FakeStripeError(400, { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message: `This PaymentIntent's status is ${pi.status}.` });
  }
  reader.action = { type: 'process_payment_intent', status: 'in_progress', failure_code: null, failure_message: null, process_payment_intent: { payment_intent: pi.id } };
  return { body: reader };
};

export const cancelReaderAction: Handler = ({ path, state, events }) => {
  const reader = need(state.readers, path[3], 'terminal.reader');
  if (reader.action?.status === 'in_progress') {
    reader.action = { ...reader.action, status: 'failed', failure_code: 'canceled', failure_message: 'The action was canceled.' };
    events.emit('terminal.reader.action_failed', reader);
  }
  return { body: reader };
};

/** Test helper: the customer taps a card on the reader (a declining test number makes it fail). */
export const presentPaymentMethod: Handler = (ctx) => {
  const reader = need(ctx.state.readers, ctx.path[4], 'terminal.reader');
  const action = reader.action;
  if (!action || action.status !== 'in_progress') {
    throw new FakeStripeError(400, { type: 'invalid_request_error', code: 'terminal_reader_action_not_in_progress', message: 'The reader has no action in progress.' });
  }
  const pi = need(ctx.state.paymentIntents, action.process_payment_intent.payment_intent, 'payment_intent');
  const number = str(obj(ctx.params, 'card_present'), 'number') ?? '4242424242424242';
  const ok = attemptPayment(ctx, pi, stripeId('pm'), DECLINING_CARDS.has(number));
  reader.action = ok
    ? { ...action, status: 'succeeded' }
    : { ...action, status: 'failed', failure_code: 'card_declined', failure_message: 'The card was declined.' };
  reader.last_seen_at = now() * 1000;
  ctx.events.emit(ok ? 'terminal.reader.action_succeeded' : 'terminal.reader.action_failed', reader);
  return { body: reader };
};
