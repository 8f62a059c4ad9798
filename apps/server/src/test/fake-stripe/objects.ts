import { randomBytes } from 'node:crypto';

/** Objects shaped after Stripe's own examples (`shared/reference/stripe/fixtures3.json`), fields we use kept exact. */
export const now = (): number => Math.floor(Date.now() / 1000);
export const stripeId = (prefix: string): string => `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;

export interface FakeAccount {
  id: string;
  object: 'account';
  business_profile: { name: string | null; url: string | null };
  business_type: string | null;
  capabilities: Record<string, string>;
  charges_enabled: boolean;
  controller: Record<string, unknown>;
  country: string;
  created: number;
  default_currency: string;
  details_submitted: boolean;
  email: string | null;
  metadata: Record<string, string>;
  payouts_enabled: boolean;
  requirements: { currently_due: string[]; disabled_reason: string | null };
  settings: { payouts: { schedule: { delay_days: number; interval: string } } };
  type: string;
}

interface PaymentError {
  type: string;
  code: string;
  decline_code?: string;
  message: string;
}

export interface FakePaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_capturable: number;
  amount_received: number;
  application_fee_amount: number | null;
  canceled_at: number | null;
  cancellation_reason: string | null;
  capture_method: string;
  client_secret: string;
  confirmation_method: string;
  created: number;
  currency: string;
  description: string | null;
  last_payment_error: PaymentError | null;
  latest_charge: string | null;
  livemode: false;
  metadata: Record<string, string>;
  next_action: null;
  on_behalf_of: string | null;
  payment_method: string | null;
  payment_method_types: string[];
  status: 'requires_payment_method' | 'requires_confirmation' | 'requires_action' | 'processing' | 'requires_capture' | 'canceled' | 'succeeded';
  transfer_data: { destination: string } | null;
  transfer_group: string | null;
}

export interface FakeCharge {
  id: string;
  object: 'charge';
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  balance_transaction: string;
  created: number;
  currency: string;
  paid: boolean;
  payment_intent: string;
  refunded: boolean;
  status: 'succeeded';
  transfer_group: string | null;
}

interface FakeTransferReversal {
  id: string;
  object: 'transfer_reversal';
  amount: number;
  created: number;
  currency: string;
  metadata: Record<string, string>;
  transfer: string;
}

export interface FakeTransfer {
  id: string;
  object: 'transfer';
  amount: number;
  amount_reversed: number;
  created: number;
  currency: string;
  description: string | null;
  destination: string;
  livemode: false;
  metadata: Record<string, string>;
  reversals: { object: 'list'; data: FakeTransferReversal[]; has_more: false; url: string };
  reversed: boolean;
  source_transaction: string | null;
  transfer_group: string | null;
}

export interface FakeRefund {
  id: string;
  object: 'refund';
  amount: number;
  charge: string;
  created: number;
  currency: string;
  metadata: Record<string, string>;
  payment_intent: string;
  reason: string | null;
  status: 'succeeded' | 'pending' | 'failed';
  transfer_reversal: string | null;
}

interface ReaderAction {
  type: 'process_payment_intent';
  status: 'in_progress' | 'succeeded' | 'failed';
  failure_code: string | null;
  failure_message: string | null;
  process_payment_intent: { payment_intent: string };
}

export interface FakeReader {
  id: string;
  object: 'terminal.reader';
  action: ReaderAction | null;
  device_sw_version: string | null;
  device_type: string;
  ip_address: string;
  label: string;
  livemode: false;
  location: string | null;
  metadata: Record<string, string>;
  serial_number: string;
  status: 'online' | 'offline';
  last_seen_at: number | null;
}

export interface FakeLocation {
  id: string;
  object: 'terminal.location';
  display_name: string;
  address: Record<string, unknown>;
  metadata: Record<string, string>;
}

export interface FakeEvent {
  id: string;
  object: 'event';
  account?: string;
  api_version: string;
  created: number;
  data: { object: unknown; previous_attributes?: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

/** Everything the fake knows; tests read it to assert what Stripe saw. */
export interface FakeState {
  accounts: Map<string, FakeAccount>;
  paymentIntents: Map<string, FakePaymentIntent>;
  charges: Map<string, FakeCharge>;
  transfers: Map<string, FakeTransfer>;
  refunds: Map<string, FakeRefund>;
  readers: Map<string, FakeReader>;
  locations: Map<string, FakeLocation>;
  accountLinks: { url: string; account: string; type: string }[];
  /** every request as received: method, path, idempotency key, and whether it was a replay */
  requests: { method: string; path: string; idempotencyKey: string | null; replayed: boolean }[];
}

export function emptyState(): FakeState {
  return {
    accounts: new Map(),
    paymentIntents: new Map(),
    charges: new Map(),
    transfers: new Map(),
    refunds: new Map(),
    readers: new Map(),
    locations: new Map(),
    accountLinks: [],
    requests: [],
  };
}
