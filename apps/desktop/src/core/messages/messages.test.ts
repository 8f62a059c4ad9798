import { orderMessageArgs, uuidv7, type Change } from '@makeries/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { makeCore, seedShop, signIn, type Shop, type TestCore } from '../test/fixtures';

let t: TestCore;
afterEach(() => t.cleanup());

function orderChange(id: string): Change {
  return {
    entity: 'web_order',
    op: 'upsert',
    id,
    data: {
      number: 'W-0007', status: 'accepted', fulfilment: 'pickup', currency: 'GBP', taxMode: 'inclusive', subtotalCents: 900, taxCents: 0, totalCents: 900,
      paymentStatus: 'pay_at_pickup', placedAt: '2025-05-01T08:55:00Z', lines: [],
    },
  };
}

function messageChange(id: string, orderId: string, author: 'customer' | 'shop', text: string): Change {
  return { entity: 'order_message', op: 'upsert', id, data: { id, orderId, vendorId: uuidv7(), author, staffId: null, text, photoUrl: null, photoThumbUrl: null, createdAt: '2025-05-01T09:00:00.000Z' } };
}

async function ready(): Promise<{ shop: Shop; orderId: string }> {
  t = makeCore();
  const shop = await seedShop(t.core);
  await signIn(t.core, shop);
  const orderId = uuidv7();
  t.core.mirror.applyPage({ changes: [orderChange(orderId)], nextCursor: '2', epoch: 'epoch-1' });
  return { shop, orderId };
}

describe('order messages at the counter', () => {
  it('a customer message arrives unread; opening the order reads it', async () => {
    const { orderId } = await ready();
    t.core.mirror.applyPage({ changes: [messageChange(uuidv7(), orderId, 'customer', 'Can you slice it?')], nextCursor: '3', epoch: 'epoch-1' });
    expect(t.core.messages.unread()).toEqual({ total: 1, byOrder: { [orderId]: 1 } });
    expect(t.core.messages.thread(orderId).map((m) => [m.author, m.text])).toEqual([['customer', 'Can you slice it?']]);
    t.core.messages.markSeen(orderId);
    expect(t.core.messages.unread()).toEqual({ total: 0, byOrder: {} });
    // the same message again (a repeated page) does not make it unread again
    const again = t.core.messages.thread(orderId)[0]!;
    t.core.mirror.applyPage({ changes: [messageChange(again.id, orderId, 'customer', 'Can you slice it?')], nextCursor: '4', epoch: 'epoch-1' });
    expect(t.core.messages.unread().total).toBe(0);
  });

  it('a reply written offline is queued once, shown waiting, and becomes the server’s copy when it comes back', async () => {
    const { shop, orderId } = await ready();
    const reply = t.core.messages.reply({ orderId, text: 'Running 10 minutes late' });
    expect(reply).toMatchObject({ author: 'shop', pendingSync: true });
    const queued = t.core.outbox.pending().filter((m) => m.name === 'order.message');
    expect(queued).toHaveLength(1);
    expect(orderMessageArgs.parse(queued[0]!.args)).toMatchObject({ id: reply.id, orderId, staffId: shop.staff.cashier, text: 'Running 10 minutes late' });
    expect(t.core.messages.thread(orderId)).toMatchObject([{ id: reply.id, pendingSync: true }]);
    // pushed and applied; the server's copy of the same id arrives through the feed: still one message
    t.core.outbox.recordResults([{ mutationId: queued[0]!.mutationId, status: 'applied' }]);
    t.core.mirror.applyPage({ changes: [messageChange(reply.id, orderId, 'shop', 'Running 10 minutes late')], nextCursor: '3', epoch: 'epoch-1' });
    expect(t.core.messages.thread(orderId)).toMatchObject([{ id: reply.id, pendingSync: false, text: 'Running 10 minutes late' }]);
    expect(t.core.outbox.pending().filter((m) => m.name === 'order.message')).toHaveLength(0);
    expect(t.core.messages.unread().total).toBe(0);
  });

  it('refuses an empty or control-character reply and an unknown order, writing nothing', async () => {
    const { orderId } = await ready();
    expect(() => t.core.messages.reply({ orderId, text: '   ' })).toThrow(/Write a message/);
    expect(() => t.core.messages.reply({ orderId, text: 'Hi\u0007' })).toThrow(/control characters/);
    expect(() => t.core.messages.reply({ orderId: uuidv7(), text: 'Hi' })).toThrow(/not on this counter/);
    expect(t.core.outbox.pending().filter((m) => m.name === 'order.message')).toHaveLength(0);
    expect(t.core.messages.thread(orderId)).toEqual([]);
  });

  it('keeps the shop’s quick replies, editable', async () => {
    await ready();
    expect(t.core.messages.quickReplies()).toContain('Out of sourdough — swap for rye?');
    expect(t.core.messages.saveQuickReplies(['Ready now', 'Ten more minutes'])).toEqual(['Ready now', 'Ten more minutes']);
    expect(t.core.messages.quickReplies()).toEqual(['Ready now', 'Ten more minutes']);
    expect(() => t.core.messages.saveQuickReplies([''])).toThrow(/cannot be empty/);
    expect(t.core.messages.quickReplies()).toEqual(['Ready now', 'Ten more minutes']);
  });
});
