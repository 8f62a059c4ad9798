import { expect, it } from 'vitest';
import { notificationPrefs } from '../db/schema/index';
import { eq } from 'drizzle-orm';
import { notify } from '../services/notify/notify';
import { failure } from '../services/orders/test-kit';
import { createCustomerFixture } from '../test/fixtures';
import { describeEachDb } from '../test/harness';

describeEachDb('notifications router: a customer’s choices and record', (get) => {
  const db = () => get().database.db;

  it('shows every choice with its default, and keeps a change', async () => {
    const c = await createCustomerFixture(db());
    const me = await get().caller({ sessionCookie: c.cookie });
    const prefs = await me.notifications.prefs();
    const on = (topic: string, channel: string) => prefs.find((p) => p.topic === topic && p.channel === channel)?.enabled;
    expect(on('order_ready', 'push')).toBe(true);
    expect(on('order_ready', 'sms')).toBe(true);
    expect(on('order_accepted', 'sms')).toBe(false);
    expect(on('back_in_stock', 'email')).toBe(true);
    // order emails stay as they are: the email channel does not offer order statuses
    expect(prefs.some((p) => p.channel === 'email' && p.topic === 'order_ready')).toBe(false);

    const after = await me.notifications.setPref({ topic: 'order_ready', channel: 'sms', enabled: false });
    expect(after.find((p) => p.topic === 'order_ready' && p.channel === 'sms')?.enabled).toBe(false);
    expect((await me.notifications.prefs()).find((p) => p.topic === 'order_ready' && p.channel === 'sms')?.enabled).toBe(false);
  });

  it('refuses a topic a channel does not carry, or a made-up one, with BAD_INPUT and writes nothing', async () => {
    const c = await createCustomerFixture(db());
    const me = await get().caller({ sessionCookie: c.cookie });
    const wrong = await failure(me.notifications.setPref({ topic: 'order_ready', channel: 'email', enabled: true }));
    expect(wrong.appCode).toBe('BAD_INPUT');
    expect(wrong.message).toContain('not sent on that channel');
    expect((await failure(me.notifications.setPref({ topic: 'gossip' as 'order_ready', channel: 'push', enabled: true }))).appCode).toBe('BAD_INPUT');
    expect(await db().select().from(notificationPrefs).where(eq(notificationPrefs.customerId, c.customerId))).toEqual([]);
  });

  it('pages the record of what we told the customer, only theirs, and refuses a made-up page link', async () => {
    const c = await createCustomerFixture(db());
    const other = await createCustomerFixture(db());
    for (let i = 0; i < 3; i++) {
      await notify(db(), { topic: 'back_in_stock', dedupeKey: `hist:${c.customerId}:${String(i)}`, customerId: c.customerId, title: `Item ${String(i)} is back`, body: 'Back in stock.', url: '/' });
    }
    await notify(db(), { topic: 'back_in_stock', dedupeKey: `hist:${other.customerId}`, customerId: other.customerId, title: 'Not yours', body: 'x', url: '/' });
    const me = await get().caller({ sessionCookie: c.cookie });
    const first = await me.notifications.history({ limit: 2 });
    expect(first.items.map((i) => i.title)).toEqual(['Item 2 is back', 'Item 1 is back']);
    const second = await me.notifications.history({ limit: 2, cursor: first.nextCursor ?? '' });
    expect(second.items.map((i) => i.title)).toEqual(['Item 0 is back']);
    expect(second.nextCursor).toBeNull();
    expect((await failure(me.notifications.history({ limit: 2, cursor: 'not-a-cursor' }))).appCode).toBe('BAD_INPUT');
  });
});
