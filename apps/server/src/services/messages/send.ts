import { AppError, CUSTOMER_MESSAGES_PER_HOUR, SHOP_MESSAGES_PER_HOUR, type MessageAuthor, type MessagePhotoInput, type OrderMessageView } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { orderMessages } from '../../db/schema/index';
import type { Env } from '../../env';
import { consumeRateLimit, type RateLimitRule } from '../rate-limit';
import { storeMessagePhoto, type StoredPhoto } from './photo';
import { messageView, type MessageRow } from './views';

export interface NewMessage {
  id: string;
  orderId: string;
  vendorId: string;
  author: MessageAuthor;
  staffId: string | null;
  text: string;
  at?: Date;
}

/** Hook run in the message's transaction once a new message is stored (the customer's notification). */
export type AfterStore = (tx: DbOrTx, row: MessageRow) => Promise<void>;

const RULES: Record<MessageAuthor, RateLimitRule> = {
  customer: { limit: CUSTOMER_MESSAGES_PER_HOUR, windowSeconds: 3600 },
  shop: { limit: SHOP_MESSAGES_PER_HOUR, windowSeconds: 3600 },
};

async function existing(db: DbOrTx, m: NewMessage): Promise<MessageRow | null> {
  const [row] = await db.select().from(orderMessages).where(eq(orderMessages.id, m.id));
  if (!row) return null;
  // the resend of a message whose answer was lost: the same message, once. Any other reuse of the id is refused.
  if (row.orderId !== m.orderId || row.vendorId !== m.vendorId || row.author !== m.author) {
    throw new AppError('CONFLICT', 'That message id is already used by another message. Send it again as a new message.');
  }
  return row;
}

/**
 * Stores one message exactly once (natural key: the writer's id). Returns the stored row and whether this call
 * inserted it. `limited`: count it against the per-order hourly limit of its author (online sends; a counter's
 * offline reply already happened and is never refused for rate).
 */
export async function insertMessage(
  tx: DbOrTx,
  m: NewMessage,
  opts: { photo?: StoredPhoto | undefined; limited: boolean; afterStore?: AfterStore | undefined },
): Promise<{ row: MessageRow; inserted: boolean }> {
  const before = await existing(tx, m);
  if (before) return { row: before, inserted: false };
  if (opts.limited) await consumeRateLimit(tx, [`message:${m.author}:${m.orderId}`], RULES[m.author], m.at ?? new Date()).catch(rateMessage(m.author));
  const [row] = await tx
    .insert(orderMessages)
    .values({
      id: m.id,
      orderId: m.orderId,
      vendorId: m.vendorId,
      author: m.author,
      staffId: m.author === 'shop' ? m.staffId : null,
      body: m.text,
      photoPath: opts.photo?.path ?? null,
      photoThumbPath: opts.photo?.thumbPath ?? null,
      ...(m.at ? { createdAt: m.at } : {}),
    })
    .onConflictDoNothing()
    .returning();
  if (!row) {
    // a parallel resend won the insert
    const raced = await existing(tx, m);
    if (!raced) throw new AppError('CONFLICT', 'That message could not be stored. Please send it again.');
    return { row: raced, inserted: false };
  }
  if (opts.afterStore) await opts.afterStore(tx, row);
  return { row, inserted: true };
}

function rateMessage(author: MessageAuthor) {
  return (e: unknown): never => {
    if (!(e instanceof AppError) || e.code !== 'RATE_LIMITED') throw e;
    const limit = author === 'customer' ? CUSTOMER_MESSAGES_PER_HOUR : SHOP_MESSAGES_PER_HOUR;
    throw new AppError('RATE_LIMITED', `That is ${limit} messages on this order in the last hour, which is our limit. Please wait a little and try again.`, {
      details: e.details ?? {},
    });
  };
}

/**
 * An online send (tracking page or counter): the photo goes through the image pipeline first (outside the
 * transaction: its files are removed again if the message is not stored), then the row in one transaction.
 */
export async function sendMessage(
  db: Db,
  env: Env,
  m: NewMessage,
  photo: MessagePhotoInput | undefined,
  afterStore?: AfterStore,
): Promise<OrderMessageView> {
  const already = await existing(db, m);
  if (already) return messageView(already);
  const stored = photo ? await storeMessagePhoto(env, m.orderId, m.id, photo) : undefined;
  try {
    const { row, inserted } = await db.transaction((tx) => insertMessage(tx, m, { photo: stored, limited: true, afterStore }));
    if (!inserted) await stored?.discard();
    return messageView(row);
  } catch (e) {
    await stored?.discard();
    throw e;
  }
}
