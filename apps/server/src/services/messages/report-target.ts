import type { ContentTarget } from '../moderation/targets';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { orderMessages, orders, vendors } from '../../db/schema/index';
import { mediaUrl } from '../search/media-url';

function excerpt(body: string, hasPhoto: boolean): string {
  const text = body.trim().replace(/\s+/g, ' ');
  if (!text) return hasPhoto ? 'Photo message' : 'Message';
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/**
 * An order message as the operator's content queue sees it. Never `public`: customers report messages through
 * messages.report (the other party of the thread only), not through reports.create.
 */
export async function loadMessageTarget(db: DbOrTx, id: string, lock: boolean): Promise<ContentTarget | null> {
  const q = db
    .select({ m: orderMessages, v: vendors, number: orders.number })
    .from(orderMessages)
    .innerJoin(vendors, eq(vendors.id, orderMessages.vendorId))
    .innerJoin(orders, eq(orders.id, orderMessages.orderId))
    .where(eq(orderMessages.id, id));
  const [row] = lock ? await q.for('update', { of: orderMessages }) : await q;
  if (!row) return null;
  const { m, v } = row;
  return {
    kind: 'message',
    id,
    vendorId: v.id,
    shop: { id: v.id, name: v.name, slug: v.slug },
    shopEmail: v.email,
    content: {
      kind: 'message',
      id,
      author: m.author,
      body: m.body,
      photoUrl: m.photoPath ? mediaUrl(m.photoPath) : null,
      orderNumber: row.number,
      createdAt: m.createdAt.toISOString(),
    },
    hidden: false,
    public: false,
    storefrontPath: null,
    title: excerpt(m.body, m.photoPath !== null),
  };
}
