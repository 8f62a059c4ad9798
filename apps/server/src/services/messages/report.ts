import { AppError, REPORTS_PER_HOUR, uuidv7, type CustomerMessageReportInput, type MessageAuthor, type ReportCreated, type ShopMessageReportInput } from '@makeries/shared';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../context';
import type { Db } from '../../db/client';
import { contentReports, orderMessages } from '../../db/schema/index';
import type { Env } from '../../env';
import { consumeRateLimit } from '../rate-limit';
import { customerOrder, shopOrder } from './thread';

const ALREADY = 'This message has already been reported. Our team will look at it.';

interface Reporter {
  kind: 'customer' | 'guest' | 'shop';
  customerId: string | null;
  /** only the other party may report a message: a customer reports the shop's, the shop the customer's */
  reports: MessageAuthor;
}

/**
 * Reports a message of an order's thread to the marketplace's operator (the content queue, kind 'message').
 * One open report per message; at most REPORTS_PER_HOUR per order and side. Refused attempts write nothing.
 */
async function report(db: Db, order: { id: string; vendorId: string }, who: Reporter, input: ShopMessageReportInput): Promise<ReportCreated> {
  return db.transaction(async (tx) => {
    const [message] = await tx
      .select({ id: orderMessages.id, author: orderMessages.author })
      .from(orderMessages)
      .where(and(eq(orderMessages.id, input.messageId), eq(orderMessages.orderId, order.id)));
    if (!message) throw new AppError('NOT_FOUND', 'We could not find that message.');
    if (message.author !== who.reports) throw new AppError('FORBIDDEN', 'You can only report messages the other side sent you.');
    const [open] = await tx
      .select({ id: contentReports.id })
      .from(contentReports)
      .where(and(eq(contentReports.kind, 'message'), eq(contentReports.targetId, message.id), eq(contentReports.status, 'open')));
    if (open) throw new AppError('DUPLICATE', ALREADY);
    await consumeRateLimit(tx, [`report:message:${who.kind === 'shop' ? 'shop' : 'customer'}:${order.id}`], { limit: REPORTS_PER_HOUR, windowSeconds: 3600 });
    const [row] = await tx
      .insert(contentReports)
      .values({
        id: uuidv7(),
        kind: 'message',
        targetId: message.id,
        vendorId: order.vendorId,
        customerId: who.customerId,
        reporter: who.kind,
        reason: input.reason,
        details: input.details,
      })
      .onConflictDoNothing()
      .returning({ id: contentReports.id });
    if (!row) throw new AppError('DUPLICATE', ALREADY);
    return { id: row.id, kind: 'message', targetId: message.id };
  });
}

/** The customer (or the guest with the tracking link) reports a message of the shop. */
export async function reportFromCustomer(db: Db, env: Env, actor: Actor, input: CustomerMessageReportInput): Promise<ReportCreated> {
  const order = await customerOrder(db, env, actor, input.orderId, input.trackingToken);
  const customerId = actor.kind === 'customer' ? actor.customerId : null;
  return report(db, order, { kind: customerId ? 'customer' : 'guest', customerId, reports: 'shop' }, input);
}

/** The shop (staff or counter) reports a message of the customer. */
export async function reportFromShop(db: Db, vendorId: string, input: ShopMessageReportInput): Promise<ReportCreated> {
  const order = await shopOrder(db, vendorId, input.orderId);
  return report(db, order, { kind: 'shop', customerId: null, reports: 'customer' }, input);
}
