import type { FakeEvent } from './objects';
import type { FakeEvents } from './events';
import { now, stripeId } from './objects';

/**
 * Stripe disputes for tests, shaped exactly as Stripe's example dispute (`shared/reference/stripe/fixtures3.json`,
 * resources.dispute): the fake has no dispute endpoints (we never call one), only the webhooks Stripe sends.
 */
export interface FakeDispute {
  id: string;
  object: 'dispute';
  amount: number;
  balance_transactions: unknown[];
  charge: string;
  created: number;
  currency: string;
  evidence: Record<string, unknown>;
  evidence_details: { due_by: number | null; has_evidence: boolean; past_due: boolean; submission_count: number; enhanced_eligibility: Record<string, unknown> };
  is_charge_refundable: boolean;
  livemode: boolean;
  metadata: Record<string, string>;
  payment_intent: string | null;
  payment_method_details: { card: { brand: string; case_type: string; network_reason_code: string; network: string }; type: 'card' };
  reason: string;
  status: string;
  enhanced_eligibility_types: string[];
}

const EVIDENCE_FIELDS = [
  'access_activity_log', 'billing_address', 'cancellation_policy', 'cancellation_policy_disclosure', 'cancellation_rebuttal',
  'customer_communication', 'customer_email_address', 'customer_name', 'customer_purchase_ip', 'customer_signature',
  'duplicate_charge_documentation', 'duplicate_charge_explanation', 'duplicate_charge_id', 'product_description', 'receipt',
  'refund_policy', 'refund_policy_disclosure', 'refund_refusal_explanation', 'service_date', 'service_documentation',
  'shipping_address', 'shipping_carrier', 'shipping_date', 'shipping_documentation', 'shipping_tracking_number',
  'uncategorized_file', 'uncategorized_text',
];

/** A new dispute on a charge: `needs_response`, evidence due in `dueInDays`. */
export function fakeDispute(charge: { id: string; amount: number; currency: string; payment_intent: string | null }, opts: { dueInDays?: number; reason?: string; paymentIntent?: boolean } = {}): FakeDispute {
  const created = now();
  return {
    id: stripeId('dp'),
    object: 'dispute',
    amount: charge.amount,
    balance_transactions: [],
    charge: charge.id,
    created,
    currency: charge.currency,
    evidence: { ...Object.fromEntries(EVIDENCE_FIELDS.map((f) => [f, null])), enhanced_evidence: {} },
    evidence_details: { due_by: created + (opts.dueInDays ?? 7) * 86_400, has_evidence: false, past_due: false, submission_count: 0, enhanced_eligibility: {} },
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    // Stripe's example has null here: a test can leave it out so the charge id alone must find the payment
    payment_intent: opts.paymentIntent === false ? null : charge.payment_intent,
    payment_method_details: { card: { brand: 'visa', case_type: 'chargeback', network_reason_code: '13.1', network: 'visa' }, type: 'card' },
    reason: opts.reason ?? 'product_not_received',
    status: 'needs_response',
    enhanced_eligibility_types: [],
  };
}

/** Emits one `charge.dispute.*` event with a snapshot of `dispute` as it is now, stamped `created` (seconds). */
export function emitDispute(events: FakeEvents, type: string, dispute: FakeDispute, created: number): FakeEvent {
  const event = events.emit(type, dispute);
  event.created = created;
  return event;
}
