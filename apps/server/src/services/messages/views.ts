import type { OrderMessagePage, OrderMessageView, SyncOrderMessage } from '@makeries/shared';
import { and, desc, eq, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { orderMessages } from '../../db/schema/index';
import { mediaUrl } from '../search/media-url';

export type MessageRow = typeof orderMessages.$inferSelect;

export function messageView(m: MessageRow): OrderMessageView {
  return {
    id: m.id,
    orderId: m.orderId,
    author: m.author,
    text: m.body,
    photoUrl: m.photoPath ? mediaUrl(m.photoPath) : null,
    photoThumbUrl: m.photoThumbPath ? mediaUrl(m.photoThumbPath) : null,
    createdAt: m.createdAt.toISOString(),
  };
}

export function syncMessage(m: MessageRow): SyncOrderMessage {
  return { ...messageView(m), vendorId: m.vendorId, staffId: m.staffId };
}

/** One page of an order's thread, oldest first; keyset-paged backwards on the UUIDv7 id (time order). */
export async function messagePage(db: DbOrTx, orderId: string, opts: { before?: string | undefined; limit: number }): Promise<OrderMessagePage> {
  const rows = await db
    .select()
    .from(orderMessages)
    .where(and(eq(orderMessages.orderId, orderId), opts.before ? lt(orderMessages.id, opts.before) : undefined))
    .orderBy(desc(orderMessages.id))
    .limit(opts.limit + 1);
  const page = rows.slice(0, opts.limit).reverse();
  return { messages: page.map(messageView), olderBefore: rows.length > opts.limit ? (page[0]?.id ?? null) : null };
}
