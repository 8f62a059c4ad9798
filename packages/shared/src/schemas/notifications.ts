import { z } from 'zod';
import { pageInputSchema } from './common';

/**
 * What a customer can be told (issue 18), and on which channels. Order emails stay as they are (services/email);
 * the email channel here carries only the topics an order email does not.
 */
export const NOTIFY_TOPICS = ['order_accepted', 'order_ready', 'order_out_for_delivery', 'order_cancelled', 'order_message', 'back_in_stock'] as const;
export type NotifyTopic = (typeof NOTIFY_TOPICS)[number];
export const notifyTopicSchema = z.enum(NOTIFY_TOPICS, { error: 'Choose one of the kinds of message we send' });

export const NOTIFY_CHANNELS = ['push', 'sms', 'email'] as const;
export type NotifyChannel = (typeof NOTIFY_CHANNELS)[number];
export const notifyChannelSchema = z.enum(NOTIFY_CHANNELS, { error: 'Choose push, text message or email' });

/** The topics each channel carries: an order's status goes by push and text (its email already exists). */
export const CHANNEL_TOPICS: Readonly<Record<NotifyChannel, readonly NotifyTopic[]>> = {
  push: NOTIFY_TOPICS,
  sms: ['order_accepted', 'order_ready', 'order_out_for_delivery', 'order_cancelled', 'order_message', 'back_in_stock'],
  email: ['order_message', 'back_in_stock'],
};

/**
 * Until a customer chooses: everything they subscribed a device or number to, except the chatty ones by text
 * (an accepted order; back in stock) — a text costs the marketplace and interrupts more than a push does.
 */
export function defaultNotifyPref(topic: NotifyTopic, channel: NotifyChannel): boolean {
  if (!CHANNEL_TOPICS[channel].includes(topic)) return false;
  if (channel === 'sms') return topic !== 'order_accepted' && topic !== 'back_in_stock';
  return true;
}

export const TOPIC_LABELS: Readonly<Record<NotifyTopic, string>> = {
  order_accepted: 'Order accepted',
  order_ready: 'Ready for pickup',
  order_out_for_delivery: 'Out for delivery',
  order_cancelled: 'Order cancelled',
  order_message: 'Messages from the shop',
  back_in_stock: 'Back in stock',
};

export const CHANNEL_LABELS: Readonly<Record<NotifyChannel, string>> = { push: 'Push', sms: 'Text message', email: 'Email' };

export const notifyPrefSchema = z.object({ topic: notifyTopicSchema, channel: notifyChannelSchema, enabled: z.boolean() });
export type NotifyPref = z.infer<typeof notifyPrefSchema>;

export const setNotifyPrefInput = notifyPrefSchema.refine((p) => CHANNEL_TOPICS[p.channel].includes(p.topic), {
  error: 'That kind of message is not sent on that channel',
  path: ['channel'],
});

export const notifyHistoryInput = pageInputSchema;

export const DELIVERY_STATUSES = ['sent', 'retry', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface NotificationHistoryItem {
  id: string;
  topic: NotifyTopic;
  title: string;
  body: string;
  url: string;
  createdAt: string;
  deliveries: { channel: NotifyChannel; status: DeliveryStatus; sentAt: string | null }[];
}
