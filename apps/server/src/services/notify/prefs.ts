import { CHANNEL_TOPICS, defaultNotifyPref, NOTIFY_CHANNELS, type NotifyChannel, type NotifyPref, type NotifyTopic } from '@makeries/shared';
import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { notificationPrefs } from '../../db/schema/index';

const prefKey = (topic: NotifyTopic, channel: NotifyChannel) => `${topic}/${channel}`;

/** Every topic × channel a customer can choose, with their choice or the default. */
export async function customerPrefs(db: DbOrTx, customerId: string): Promise<NotifyPref[]> {
  const chosen = (await choicesOf(db, [customerId])).get(customerId) ?? new Map<string, boolean>();
  return NOTIFY_CHANNELS.flatMap((channel) =>
    CHANNEL_TOPICS[channel].map((topic) => ({ topic, channel, enabled: chosen.get(prefKey(topic, channel)) ?? defaultNotifyPref(topic, channel) })),
  );
}

export async function setCustomerPref(db: DbOrTx, customerId: string, pref: NotifyPref): Promise<void> {
  await db
    .insert(notificationPrefs)
    .values({ customerId, topic: pref.topic, channel: pref.channel, enabled: pref.enabled })
    .onConflictDoUpdate({ target: [notificationPrefs.customerId, notificationPrefs.topic, notificationPrefs.channel], set: { enabled: pref.enabled, updatedAt: new Date() } });
}

async function choicesOf(db: DbOrTx, customerIds: readonly string[]): Promise<Map<string, Map<string, boolean>>> {
  const out = new Map<string, Map<string, boolean>>();
  if (customerIds.length === 0) return out;
  const rows = await db
    .select()
    .from(notificationPrefs)
    .where(customerIds.length === 1 ? eq(notificationPrefs.customerId, customerIds[0] ?? '') : inArray(notificationPrefs.customerId, [...customerIds]));
  for (const r of rows) {
    const m = out.get(r.customerId) ?? new Map<string, boolean>();
    m.set(prefKey(r.topic, r.channel), r.enabled);
    out.set(r.customerId, m);
  }
  return out;
}

/**
 * For a batch: may this topic go to this recipient on this channel? A guest (no customer) has made no choices, so
 * the defaults hold (their consent is the device they subscribed, the number they opted in at checkout).
 */
export async function prefsLookup(db: DbOrTx, customerIds: readonly string[]): Promise<(customerId: string | null, topic: NotifyTopic, channel: NotifyChannel) => boolean> {
  const choices = await choicesOf(db, [...new Set(customerIds)]);
  return (customerId, topic, channel) => {
    if (!CHANNEL_TOPICS[channel].includes(topic)) return false;
    const chosen = customerId ? choices.get(customerId)?.get(prefKey(topic, channel)) : undefined;
    return chosen ?? defaultNotifyPref(topic, channel);
  };
}
