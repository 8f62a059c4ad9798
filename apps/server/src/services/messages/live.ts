import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { orderMessages } from '../../db/schema/index';
import { messageView } from './views';

/** How many of the newest messages each look reads; more than anyone writes between two notices. */
const LIVE_WINDOW = 50;

/**
 * The tracking page's live channel (http/order-live.ts): on connect the newest messages of the thread, then each
 * message this stream has not sent yet, as `event: messages` with `{ messages: OrderMessageView[] }`. By arrival
 * on the server (not by id): a reply the counter wrote offline has an older id than messages that reached the
 * server before it, and must still be sent. The page merges by id, so a reconnect shows nothing twice.
 */
export async function writeNewMessages(db: DbOrTx, orderId: string, sent: Set<string>, write: (chunk: string) => void): Promise<void> {
  const rows = await db
    .select()
    .from(orderMessages)
    .where(eq(orderMessages.orderId, orderId))
    .orderBy(desc(orderMessages.createdAt), desc(orderMessages.id))
    .limit(LIVE_WINDOW);
  const fresh = rows.filter((r) => !sent.has(r.id)).reverse();
  if (fresh.length === 0) return;
  for (const r of fresh) sent.add(r.id);
  write(`event: messages\ndata: ${JSON.stringify({ messages: fresh.map(messageView) })}\n\n`);
}
