import { AppError, type ContentShopRef, type ContentView, type ReportKind } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { productImages, products, reviews, vendors } from '../../db/schema/index';
import { loadMessageTarget } from '../messages/report-target';
import { mediaUrl } from '../search/media-url';

/** One reportable item, as the operator's queue and actions need it: its shop, what it shows, whether it is hidden. */
export interface ContentTarget {
  kind: ReportKind;
  id: string;
  vendorId: string;
  shop: ContentShopRef;
  shopEmail: string;
  content: ContentView;
  /** hidden by the operator (a shop is never hidden here: it is suspended from the Shops area) */
  hidden: boolean;
  /** customers can see it now (a product the shop took offline, or a shop that is not approved, is not public) */
  public: boolean;
  storefrontPath: string | null;
  /** a short name for emails and the queue */
  title: string;
}

const NOUN: Record<ReportKind, string> = { product: 'product', shop: 'shop', review: 'review', message: 'message' };

export function notFoundTarget(kind: ReportKind): AppError {
  return new AppError('NOT_FOUND', `We could not find that ${NOUN[kind]}.`);
}

/** The start of a review, for titles and emails. */
function reviewExcerpt(body: string, rating: number): string {
  const text = body.trim().replace(/\s+/g, ' ');
  if (!text) return `${rating}-star review (no text)`;
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function shopRef(v: typeof vendors.$inferSelect): ContentShopRef {
  return { id: v.id, name: v.name, slug: v.slug };
}

/** Loads the item, or null. `lock`: inside the caller's transaction, holds the row until it commits. */
export async function loadTarget(db: DbOrTx, kind: ReportKind, id: string, lock = false): Promise<ContentTarget | null> {
  if (kind === 'product') return loadProduct(db, id, lock);
  if (kind === 'review') return loadReview(db, id, lock);
  if (kind === 'message') return loadMessageTarget(db, id, lock);
  return loadShop(db, id, lock);
}

async function loadProduct(db: DbOrTx, id: string, lock: boolean): Promise<ContentTarget | null> {
  const q = db.select({ p: products, v: vendors }).from(products).innerJoin(vendors, eq(vendors.id, products.vendorId)).where(eq(products.id, id));
  const [row] = lock ? await q.for('update', { of: products }) : await q;
  if (!row) return null;
  const { p, v } = row;
  const [img] = await db.select({ path: productImages.mediumPath }).from(productImages).where(eq(productImages.productId, id)).orderBy(productImages.sort, productImages.id).limit(1);
  const offlineByShop = !p.onlineVisible || p.archived;
  return {
    kind: 'product',
    id,
    vendorId: v.id,
    shop: shopRef(v),
    shopEmail: v.email,
    content: { kind: 'product', id, name: p.name, description: p.description, minPriceCents: p.minPriceCents, currency: v.currency, imageUrl: img ? mediaUrl(img.path) : null, offlineByShop },
    hidden: p.moderationHidden,
    public: !p.moderationHidden && !offlineByShop && v.status === 'approved',
    storefrontPath: `/p/${id}`,
    title: p.name,
  };
}

async function loadReview(db: DbOrTx, id: string, lock: boolean): Promise<ContentTarget | null> {
  const q = db.select({ r: reviews, v: vendors }).from(reviews).innerJoin(vendors, eq(vendors.id, reviews.vendorId)).where(eq(reviews.id, id));
  const [row] = lock ? await q.for('update', { of: reviews }) : await q;
  if (!row) return null;
  const { r, v } = row;
  const [product] = r.productId ? await db.select({ name: products.name }).from(products).where(eq(products.id, r.productId)) : [];
  return {
    kind: 'review',
    id,
    vendorId: v.id,
    shop: shopRef(v),
    shopEmail: v.email,
    content: { kind: 'review', id, rating: r.rating, body: r.body, authorName: r.authorName, productName: product?.name ?? null, createdAt: r.createdAt.toISOString() },
    hidden: r.hidden,
    public: !r.hidden && v.status === 'approved',
    storefrontPath: r.productId ? `/p/${r.productId}` : `/v/${v.slug}`,
    title: reviewExcerpt(r.body, r.rating),
  };
}

async function loadShop(db: DbOrTx, id: string, lock: boolean): Promise<ContentTarget | null> {
  const q = db.select().from(vendors).where(eq(vendors.id, id));
  const [v] = lock ? await q.for('update') : await q;
  if (!v) return null;
  return {
    kind: 'shop',
    id,
    vendorId: v.id,
    shop: shopRef(v),
    shopEmail: v.email,
    content: { kind: 'shop', id, name: v.name, description: v.description, city: v.city, status: v.status },
    hidden: false,
    public: v.status === 'approved',
    storefrontPath: `/v/${v.slug}`,
    title: v.name,
  };
}

/** Sets the operator's hidden flag of a product or review. */
export async function setHidden(db: DbOrTx, kind: 'product' | 'review', id: string, hidden: boolean): Promise<void> {
  if (kind === 'product') await db.update(products).set({ moderationHidden: hidden }).where(eq(products.id, id));
  else await db.update(reviews).set({ hidden }).where(eq(reviews.id, id));
}
