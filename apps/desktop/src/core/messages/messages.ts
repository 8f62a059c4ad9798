import { and, asc, count, eq, sql } from 'drizzle-orm';
import { orderMessageText, uuidv7, type OrderMessageView } from '@makeries/shared';
import { z } from 'zod';
import { isoAt, type CoreContext } from '../context';
import { writeTx } from '../db/open';
import { messageQuickReplies, mirrorWebOrders, orderMessages } from '../db/schema/index';
import { requirePaired } from '../device/device';
import { notFound, parseInput } from '../errors';
import { enqueue } from '../outbox/outbox';
import { logActivity } from '../staff/activity';
import { requireStaff } from '../staff/auth';

export interface CounterMessageView extends OrderMessageView {
  /** a reply written here that the server has not confirmed yet (offline, or the push is on its way) */
  pendingSync: boolean;
}

export interface UnreadMessages {
  /** unread customer messages over all orders */
  total: number;
  /** per order id */
  byOrder: Record<string, number>;
}

const QUICK_REPLIES_MAX = 12;
const replyInput = z.object({ orderId: z.uuid(), text: orderMessageText.refine((t) => t.length > 0, 'Write a message') });
const quickRepliesInput = z
  .array(orderMessageText.refine((t) => t.length > 0, 'A quick reply cannot be empty').refine((t) => t.length <= 200, 'Keep a quick reply under 200 characters'))
  .max(QUICK_REPLIES_MAX, `At most ${QUICK_REPLIES_MAX} quick replies`);

/** Replies queued here and not yet pushed: their ids, from the outbox (the one source of "waiting to send"). */
const PENDING_IDS = sql`(SELECT json_extract(args, '$.id') FROM outbox WHERE status = 'pending' AND name = 'order.message')`;

export function createMessageModule(ctx: CoreContext) {
  const { db } = ctx;
  const requireOrder = (orderId: string) => {
    const o = db.select({ id: mirrorWebOrders.id, number: mirrorWebOrders.number }).from(mirrorWebOrders).where(eq(mirrorWebOrders.id, orderId)).get();
    if (!o) throw notFound('That web order is not on this counter yet. It will appear after the next sync.');
    return o;
  };

  return {
    /** The order's thread, oldest first (by the writer's id, so a reply sits where it was written). */
    thread(orderId: string): CounterMessageView[] {
      requireStaff(ctx);
      const id = parseInput(z.uuid(), orderId);
      const rows = db
        .select({ m: orderMessages, pending: sql<number>`${orderMessages.id} IN ${PENDING_IDS}` })
        .from(orderMessages)
        .where(eq(orderMessages.orderId, id))
        .orderBy(asc(orderMessages.id))
        .all();
      return rows.map(({ m, pending }) => ({
        id: m.id,
        orderId: m.orderId,
        author: m.author,
        text: m.body,
        photoUrl: m.photoUrl,
        photoThumbUrl: m.photoThumbUrl,
        createdAt: m.createdAt,
        pendingSync: pending === 1,
      }));
    },

    /** Staff opened the order: its customer messages are read. */
    markSeen(orderId: string): void {
      requireStaff(ctx);
      const id = parseInput(z.uuid(), orderId);
      db.update(orderMessages).set({ seen: true }).where(and(eq(orderMessages.orderId, id), eq(orderMessages.seen, false))).run();
    },

    unread(): UnreadMessages {
      requireStaff(ctx);
      const rows = db
        .select({ orderId: orderMessages.orderId, n: count() })
        .from(orderMessages)
        // only orders this counter shows (a re-bootstrap may have dropped old ones; their messages stay behind)
        .innerJoin(mirrorWebOrders, eq(mirrorWebOrders.id, orderMessages.orderId))
        .where(and(eq(orderMessages.seen, false), eq(orderMessages.author, 'customer')))
        .groupBy(orderMessages.orderId)
        .all();
      return { total: rows.reduce((s, r) => s + r.n, 0), byOrder: Object.fromEntries(rows.map((r) => [r.orderId, r.n])) };
    },

    /**
     * A reply to the customer, online or offline: stored here at once and queued as 'order.message' in the same
     * transaction; the server stores it once under this id however often the push is repeated.
     */
    reply(input: z.input<typeof replyInput>): CounterMessageView {
      const p = parseInput(replyInput, input);
      const staff = requireStaff(ctx);
      requirePaired(db);
      const now = ctx.now();
      const order = requireOrder(p.orderId);
      const id = uuidv7(now);
      const at = isoAt(now);
      writeTx(db, () => {
        enqueue(db, now, 'order.message', { id, orderId: order.id, staffId: staff.staffId, text: p.text, sentAt: at });
        db.insert(orderMessages).values({ id, orderId: order.id, author: 'shop', staffId: staff.staffId, body: p.text, createdAt: at, seen: true }).run();
        logActivity(db, now, staff.staffId, 'order_message', { orderId: order.id, number: order.number, chars: p.text.length });
      });
      return { id, orderId: order.id, author: 'shop', text: p.text, photoUrl: null, photoThumbUrl: null, createdAt: at, pendingSync: true };
    },

    quickReplies(): string[] {
      requireStaff(ctx);
      return db.select({ body: messageQuickReplies.body }).from(messageQuickReplies).orderBy(asc(messageQuickReplies.sort)).all().map((r) => r.body);
    },

    /** Replaces the shop's quick replies on this counter (in the order given). */
    saveQuickReplies(input: string[]): string[] {
      const list = parseInput(quickRepliesInput, input);
      requireStaff(ctx);
      const now = ctx.now();
      writeTx(db, () => {
        db.delete(messageQuickReplies).run();
        list.forEach((body, sort) => db.insert(messageQuickReplies).values({ id: uuidv7(now), body, sort }).run());
      });
      return list;
    },
  };
}


