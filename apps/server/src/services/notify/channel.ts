import type { NotifyChannel, NotifyTopic } from '@makeries/shared';

/** A notification as a channel sends it: the link is absolute (with a guest's tracking token for an order). */
export interface OutgoingNotification {
  id: string;
  topic: NotifyTopic;
  customerId: string | null;
  orderId: string | null;
  vendorId: string | null;
  title: string;
  body: string;
  link: string;
}

/**
 * What a channel did with one notification: `sent` (to at least one device or number; `detail` says what),
 * `unreachable` (the customer has no device, number or address on this channel — nothing is recorded), `skipped`
 * (reachable but not sent on purpose, e.g. a number that texted STOP or hit its rate limit; recorded with why),
 * `failed` (a permanent refusal; recorded). A transient failure throws: the delivery is retried with backoff.
 */
export type DeliveryOutcome =
  | { status: 'sent'; detail?: string }
  | { status: 'unreachable' }
  | { status: 'skipped'; detail: string }
  | { status: 'failed'; detail: string };

/**
 * One way of reaching a customer (web push, SMS, email). Channels are built from the environment by the server
 * (jobs/server-jobs.ts) and handed to the delivery job; `deliver` must be safe to call again for the same
 * notification after a crash (the record of deliveries prevents a second call once one has been recorded).
 */
export interface Channel {
  name: NotifyChannel;
  deliver(n: OutgoingNotification): Promise<DeliveryOutcome>;
}
