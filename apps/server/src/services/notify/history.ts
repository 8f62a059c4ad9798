import { AppError, type NotificationHistoryItem } from '@makeries/shared';
import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { notificationDeliveries, notifications } from '../../db/schema/index';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (UUID.test(id)) return id;
  throw new AppError('BAD_INPUT', 'That page link is not valid any more. Reload your notifications.', { issues: [{ path: 'cursor', message: 'Not a page link we made' }] });
}

/** What we told a signed-in customer, newest first, with where each went: the record the issue asks for, paged. */
export async function notificationHistory(
  db: DbOrTx,
  customerId: string,
  input: { cursor?: string | undefined; limit: number },
): Promise<{ items: NotificationHistoryItem[]; nextCursor: string | null }> {
  const after = input.cursor === undefined ? null : decodeCursor(input.cursor);
  const rows = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.customerId, customerId), after ? lt(notifications.id, after) : undefined))
    .orderBy(desc(notifications.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const deliveries = page.length === 0 ? [] : await db.select().from(notificationDeliveries).where(inArray(notificationDeliveries.notificationId, page.map((r) => r.id)));
  const items = page.map((r) => ({
    id: r.id,
    topic: r.topic,
    title: r.title,
    body: r.body,
    url: r.url,
    createdAt: r.createdAt.toISOString(),
    deliveries: deliveries
      .filter((d) => d.notificationId === r.id)
      .map((d) => ({ channel: d.channel, status: d.status, sentAt: d.sentAt?.toISOString() ?? null })),
  }));
  const last = page.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? Buffer.from(last.id).toString('base64url') : null };
}
