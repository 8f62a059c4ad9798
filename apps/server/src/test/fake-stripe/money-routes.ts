import { int, list, metadata, obj, str } from './form';
import { invalid, need, FakeStripeError, type Handler, type RouteContext } from './context';
import { now, stripeId, type FakeAccount, type FakeCharge, type FakePaymentIntent, type FakeRefund, type FakeTransfer } from './objects';

const DECLINING_METHODS = new Set(['pm_card_chargeDeclined', 'pm_card_visa_chargeDeclined']);

export const createAccount: Handler = ({ params, state, events }) => {
  const account: FakeAccount = {
    id: stripeId('acct'),
    object: 'account',
    business_profile: { name: str(obj(params, 'business_profile'), 'name') ?? null, url: null },
    business_type: str(params, 'business_type') ?? null,
    capabilities: { card_payments: 'inactive', transfers: 'inactive' },
    charges_enabled: false,
    controller: obj(params, 'controller'),
    country: str(params, 'country') ?? 'GB',
    created: now(),
    default_currency: (str(params, 'default_currency') ?? 'gbp').toLowerCase(),
    details_submitted: false,
    email: str(params, 'email') ?? null,
    metadata: metadata(params),
    payouts_enabled: false,
    requirements: { currently_due: ['external_account', 'tos_acceptance.date'], disabled_reason: 'requirements.past_due' },
    settings: { payouts: { schedule: { delay_days: 7, interval: 'daily' } } },
    type: str(params, 'type') ?? 'none',
  };
  state.accounts.set(account.id, account);
  events.emit('account.updated', account, { account: account.id });
  return { body: account };
};

const PAYOUT_INTERVALS = new Set(['manual', 'daily', 'weekly', 'monthly']);

/** Only what we change: the payout schedule (an operator's payout hold). */
export const updateAccount: Handler = ({ path, params, state, events }) => {
  const account = need(state.accounts, path[2], 'account');
  const schedule = obj(obj(obj(params, 'settings'), 'payouts'), 'schedule');
  const interval = str(schedule, 'interval');
  if (interval !== undefined) {
    if (!PAYOUT_INTERVALS.has(interval)) throw invalid(`Invalid settings[payouts][schedule][interval]: must be one of manual, daily, weekly or monthly`, 'settings[payouts][schedule][interval]');
    const previous = { settings: { payouts: { schedule: { ...account.settings.payouts.schedule } } } };
    account.settings.payouts.schedule.interval = interval;
    events.emit('account.updated', account, { previous, account: account.id });
  }
  return { body: account };
};

export const retrieveAccount: Handler = ({ path, state }) => ({ body: need(state.accounts, path[2], 'account') });

export const createAccountLink: Handler = ({ params, state, baseUrl }) => {
  const account = need(state.accounts, str(params, 'account'), 'account');
  const type = str(params, 'type') ?? 'account_onboarding';
  if (!str(params, 'refresh_url') || !str(params, 'return_url')) throw invalid('refresh_url and return_url are required', 'return_url', 'parameter_missing');
  const url = `${baseUrl}/setup/s/${account.id}/${stripeId('link')}`;
  state.accountLinks.push({ url, account: account.id, type });
  return { body: { object: 'account_link', created: now(), expires_at: now() + 300, url } };
};

export const createPaymentIntent: Handler = (ctx) => {
  const { params, state } = ctx;
  const amount = int(params, 'amount');
  const currency = str(params, 'currency');
  if (!amount || amount < 1) throw invalid('This value must be greater than or equal to 1.', 'amount');
  if (!currency) throw invalid('Missing required param: currency.', 'currency', 'parameter_missing');
  const destination = str(obj(params, 'transfer_data'), 'destination');
  if (destination) need(state.accounts, destination, 'account');
  const id = stripeId('pi');
  // newer API versions call it allowed_payment_method_types
  const methods = [...list(params, 'allowed_payment_method_types'), ...list(params, 'payment_method_types')];
  const pi: FakePaymentIntent = {
    id,
    object: 'payment_intent',
    amount,
    amount_capturable: 0,
    amount_received: 0,
    application_fee_amount: int(params, 'application_fee_amount') ?? null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: str(params, 'capture_method') ?? 'automatic',
    client_secret: `${id}_secret_${stripeId('s').slice(2)}`,
    confirmation_method: 'automatic',
    created: now(),
    currency: currency.toLowerCase(),
    description: str(params, 'description') ?? null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: metadata(params),
    next_action: null,
    on_behalf_of: str(params, 'on_behalf_of') ?? null,
    payment_method: str(params, 'payment_method') ?? null,
    payment_method_types: methods.length > 0 ? methods : ['card'],
    status: 'requires_payment_method',
    transfer_data: destination ? { destination } : null,
    transfer_group: str(params, 'transfer_group') ?? null,
  };
  state.paymentIntents.set(id, pi);
  ctx.events.emit('payment_intent.created', pi, { idempotencyKey: ctx.idempotencyKey });
  if (str(params, 'confirm') === 'true' && pi.payment_method) attemptPayment(ctx, pi, pi.payment_method);
  return { body: pi };
};

export const retrievePaymentIntent: Handler = ({ path, state }) => ({ body: need(state.paymentIntents, path[2], 'payment_intent') });

/** Charges the card: success makes a charge, a decline leaves the intent waiting for another card. */
export function attemptPayment(ctx: RouteContext, pi: FakePaymentIntent, method: string, declined = false): boolean {
  pi.payment_method = method;
  if (declined || DECLINING_METHODS.has(method) || ctx.faults.take('declines')) {
    pi.status = 'requires_payment_method';
    pi.last_payment_error = { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' };
    ctx.events.emit('payment_intent.payment_failed', pi);
    return false;
  }
  pi.last_payment_error = null;
  if (pi.capture_method === 'manual') {
    pi.status = 'requires_capture';
    pi.amount_capturable = pi.amount;
    ctx.events.emit('payment_intent.amount_capturable_updated', pi);
    return true;
  }
  succeed(ctx, pi);
  return true;
}

function succeed(ctx: RouteContext, pi: FakePaymentIntent): void {
  const charge: FakeCharge = {
    id: stripeId('ch'),
    object: 'charge',
    amount: pi.amount,
    amount_captured: pi.amount,
    amount_refunded: 0,
    balance_transaction: stripeId('txn'),
    created: now(),
    currency: pi.currency,
    paid: true,
    payment_intent: pi.id,
    refunded: false,
    status: 'succeeded',
    transfer_group: pi.transfer_group,
  };
  ctx.state.charges.set(charge.id, charge);
  pi.status = 'succeeded';
  pi.amount_capturable = 0;
  pi.amount_received = pi.amount;
  pi.latest_charge = charge.id;
  ctx.events.emit('charge.succeeded', charge);
  ctx.events.emit('payment_intent.succeeded', pi);
}

export const confirmPaymentIntent: Handler = (ctx) => {
  const pi = need(ctx.state.paymentIntents, ctx.path[2], 'payment_intent');
  if (pi.status === 'succeeded' || pi.status === 'canceled') {
    throw new FakeStripeError(400, { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message: `This PaymentIntent's status is ${pi.status}.` });
  }
  const method = str(ctx.params, 'payment_method') ?? pi.payment_method;
  if (!method) throw invalid('You must provide a payment method.', 'payment_method', 'parameter_missing');
  if (!attemptPayment(ctx, pi, method)) {
    throw new FakeStripeError(402, { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.', payment_intent: pi });
  }
  return { body: pi };
};

export const capturePaymentIntent: Handler = (ctx) => {
  const pi = need(ctx.state.paymentIntents, ctx.path[2], 'payment_intent');
  if (pi.status !== 'requires_capture') throw new FakeStripeError(400, { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message: `This PaymentIntent's status is ${pi.status}.` });
  succeed(ctx, pi);
  return { body: pi };
};

export const cancelPaymentIntent: Handler = (ctx) => {
  const pi = need(ctx.state.paymentIntents, ctx.path[2], 'payment_intent');
  if (pi.status === 'succeeded' || pi.status === 'canceled') {
    throw new FakeStripeError(400, { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message: `You cannot cancel this PaymentIntent because it has a status of ${pi.status}.` });
  }
  pi.status = 'canceled';
  pi.canceled_at = now();
  pi.cancellation_reason = str(ctx.params, 'cancellation_reason') ?? 'requested_by_customer';
  ctx.events.emit('payment_intent.canceled', pi);
  return { body: pi };
};

export const createTransfer: Handler = (ctx) => {
  const { params, state } = ctx;
  const amount = int(params, 'amount');
  if (!amount || amount < 1) throw invalid('This value must be greater than or equal to 1.', 'amount');
  const destination = need(state.accounts, str(params, 'destination'), 'account');
  if (ctx.faults.take('transferFailures')) {
    throw new FakeStripeError(400, { type: 'invalid_request_error', code: 'balance_insufficient', message: 'You have insufficient available funds in your Stripe account.' });
  }
  const sourceTransaction = str(params, 'source_transaction') ?? null;
  if (sourceTransaction) need(state.charges, sourceTransaction, 'charge');
  const id = stripeId('tr');
  const transfer: FakeTransfer = {
    id,
    object: 'transfer',
    amount,
    amount_reversed: 0,
    created: now(),
    currency: (str(params, 'currency') ?? 'gbp').toLowerCase(),
    description: str(params, 'description') ?? null,
    destination: destination.id,
    livemode: false,
    metadata: metadata(params),
    reversals: { object: 'list', data: [], has_more: false, url: `/v1/transfers/${id}/reversals` },
    reversed: false,
    source_transaction: sourceTransaction,
    transfer_group: str(params, 'transfer_group') ?? null,
  };
  state.transfers.set(id, transfer);
  ctx.events.emit('transfer.created', transfer);
  return { body: transfer };
};

export const retrieveTransfer: Handler = ({ path, state }) => ({ body: need(state.transfers, path[2], 'transfer') });

export const createReversal: Handler = (ctx) => {
  const transfer = need(ctx.state.transfers, ctx.path[2], 'transfer');
  const left = transfer.amount - transfer.amount_reversed;
  const amount = int(ctx.params, 'amount') ?? left;
  if (amount < 1 || amount > left) throw invalid(`Amount must be between 1 and ${left}.`, 'amount');
  const reversal = { id: stripeId('trr'), object: 'transfer_reversal' as const, amount, created: now(), currency: transfer.currency, metadata: metadata(ctx.params), transfer: transfer.id };
  transfer.reversals.data.push(reversal);
  transfer.amount_reversed += amount;
  transfer.reversed = transfer.amount_reversed === transfer.amount;
  ctx.events.emit('transfer.reversed', transfer);
  return { body: reversal };
};

export const createRefund: Handler = (ctx) => {
  const { params, state } = ctx;
  const pi = need(state.paymentIntents, str(params, 'payment_intent'), 'payment_intent');
  const charge = pi.latest_charge ? state.charges.get(pi.latest_charge) : undefined;
  if (pi.status !== 'succeeded' || !charge) throw invalid(`This PaymentIntent does not have a successful charge to refund.`, 'payment_intent', 'charge_not_refundable');
  const left = charge.amount - charge.amount_refunded;
  const amount = int(params, 'amount') ?? left;
  if (amount < 1 || amount > left) {
    throw invalid(`Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`, 'amount', 'amount_too_large');
  }
  let transferReversal: string | null = null;
  if (str(params, 'reverse_transfer') === 'true' && pi.transfer_data) {
    transferReversal = stripeId('trr');
  }
  const refund: FakeRefund = {
    id: stripeId('re'),
    object: 'refund',
    amount,
    charge: charge.id,
    created: now(),
    currency: charge.currency,
    metadata: metadata(params),
    payment_intent: pi.id,
    reason: str(params, 'reason') ?? null,
    status: 'succeeded',
    transfer_reversal: transferReversal,
  };
  state.refunds.set(refund.id, refund);
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded === charge.amount;
  ctx.events.emit('refund.created', refund);
  ctx.events.emit('charge.refunded', charge);
  return { body: refund };
};

export const retrieveRefund: Handler = ({ path, state }) => ({ body: need(state.refunds, path[2], 'refund') });
