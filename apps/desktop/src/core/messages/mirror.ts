import type Database from 'better-sqlite3';
import { AppError } from '@makeries/shared';
import { z } from 'zod';

/** A message as the change feed sends it (SyncOrderMessage); unknown fields are ignored. */
export const orderMessageRow = z.object({
  orderId: z.string().min(1),
  author: z.enum(['customer', 'shop']),
  staffId: z.string().nullable().default(null),
  text: z.string().default(''),
  photoUrl: z.string().nullable().default(null),
  photoThumbUrl: z.string().nullable().default(null),
  createdAt: z.string().min(1),
});

const statements = new WeakMap<Database.Database, { upsert: Database.Statement; remove: Database.Statement }>();

function prepared(sqlite: Database.Database) {
  let s = statements.get(sqlite);
  if (!s) {
    s = {
      // the read mark is this counter's: the server's copy of a message never resets it
      upsert: sqlite.prepare(
        `INSERT INTO order_messages (id, order_id, author, staff_id, body, photo_url, photo_thumb_url, created_at, seen)
         VALUES (@id, @order_id, @author, @staff_id, @body, @photo_url, @photo_thumb_url, @created_at, @seen)
         ON CONFLICT(id) DO UPDATE SET order_id = excluded.order_id, author = excluded.author, staff_id = excluded.staff_id,
           body = excluded.body, photo_url = excluded.photo_url, photo_thumb_url = excluded.photo_thumb_url, created_at = excluded.created_at`,
      ),
      remove: sqlite.prepare('DELETE FROM order_messages WHERE id = ?'),
    };
    statements.set(sqlite, s);
  }
  return s;
}

/** Applies one 'order_message' change: a customer's message arrives unread, the shop's own as read. */
export function upsertOrderMessage(sqlite: Database.Database, id: string, data: Record<string, unknown>): void {
  const parsed = orderMessageRow.safeParse(data);
  if (!parsed.success) throw new AppError('BAD_INPUT', `The server sent a message (${id}) this counter cannot read.`, { details: { entity: 'order_message', id } });
  const m = parsed.data;
  prepared(sqlite).upsert.run({
    id,
    order_id: m.orderId,
    author: m.author,
    staff_id: m.staffId,
    body: m.text,
    photo_url: m.photoUrl,
    photo_thumb_url: m.photoThumbUrl,
    created_at: m.createdAt,
    seen: m.author === 'shop' ? 1 : 0,
  });
}

export function deleteOrderMessage(sqlite: Database.Database, id: string): void {
  prepared(sqlite).remove.run(id);
}
