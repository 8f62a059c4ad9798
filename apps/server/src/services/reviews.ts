import {
  AppError,
  uuidv7,
  type RatingSummary,
  type ReviewableOrder,
  type ReviewCreateInput,
  type ReviewListInput,
  type ReviewPage,
  type ReviewUpdateInput,
  type ReviewView,
} from '@makeries/shared';
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { customers, orderLines, orders, products, reviews, vendors } from '../db/schema/index';
import { notifyChange } from './sync/notifier';

/**
 * Reviews from verified purchases: only the customer of a completed (collected or delivered) order may review
 * the shop and the products on that order, once each. A shop's rating counts every review of the shop, its
 * products included, so the list and the figures on the shop page agree.
 */

type ReviewRow = typeof reviews.$inferSelect;

function toView(r: ReviewRow, productName: string | null, viewerId: string | null): ReviewView {
  return {
    id: r.id,
    vendorId: r.vendorId,
    productId: r.productId,
    productName,
    orderId: r.orderId,
    authorName: r.authorName,
    rating: r.rating,
    body: r.body,
    verifiedPurchase: true,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    mine: viewerId !== null && r.customerId === viewerId,
  };
}

/** The caller's own completed order, or a clear refusal. */
async function reviewableOrderRow(db: DbOrTx, customerId: string, orderId: string) {
  const [order] = await db
    .select({ id: orders.id, customerId: orders.customerId, status: orders.status, vendorId: orders.vendorId, number: orders.number })
    .from(orders)
    .where(eq(orders.id, orderId));
  if (!order || order.customerId !== customerId) {
    throw new AppError('FORBIDDEN', 'You can only review orders you placed while signed in to this account.');
  }
  return order;
}

function assertFulfilled(status: string): void {
  if (status !== 'completed') {
    throw new AppError('CONFLICT', 'You can review this order once it has been collected or delivered.', { details: { status } });
  }
}

export async function createReview(db: DbOrTx, customerId: string, input: ReviewCreateInput): Promise<ReviewView> {
  const order = await reviewableOrderRow(db, customerId, input.orderId);
  assertFulfilled(order.status);
  let productName: string | null = null;
  if (input.productId !== undefined) {
    const [line] = await db
      .select({ name: orderLines.name })
      .from(orderLines)
      .where(and(eq(orderLines.orderId, order.id), eq(orderLines.productId, input.productId)))
      .limit(1);
    if (!line) {
      throw new AppError('BAD_INPUT', 'That product is not on this order.', { issues: [{ path: 'productId', message: 'Not on this order' }] });
    }
    productName = line.name;
  }
  const [customer] = await db.select({ name: customers.name }).from(customers).where(eq(customers.id, customerId));
  const authorName = (customer?.name.trim().split(/\s+/)[0] ?? '') || 'Customer';
  const [row] = await db
    .insert(reviews)
    .values({
      id: uuidv7(),
      vendorId: order.vendorId,
      productId: input.productId ?? null,
      orderId: order.id,
      customerId,
      authorName,
      rating: input.rating,
      body: input.body,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) {
    throw new AppError('DUPLICATE', `You already reviewed ${productName ? 'this product' : 'this shop'} for this order. Edit your review instead.`);
  }
  // the shop's and product's cached pages show ratings and reviews
  await notifyChange(db, row.vendorId);
  return toView(row, productName, customerId);
}

export async function updateReview(db: DbOrTx, customerId: string, input: ReviewUpdateInput): Promise<ReviewView> {
  const [row] = await db
    .update(reviews)
    .set({ rating: input.rating, body: input.body, updatedAt: new Date() })
    .where(and(eq(reviews.id, input.reviewId), eq(reviews.customerId, customerId)))
    .returning();
  if (!row) throw new AppError('NOT_FOUND', 'We could not find that review in your account.');
  await notifyChange(db, row.vendorId);
  const name = row.productId ? await productNameOf(db, row.productId) : null;
  return toView(row, name, customerId);
}

async function productNameOf(db: DbOrTx, productId: string): Promise<string | null> {
  const [p] = await db.select({ name: products.name }).from(products).where(eq(products.id, productId));
  return p?.name ?? null;
}

/** Shown reviews of a shop the storefront shows: not hidden by the operator, of an approved shop. */
function targetFilter(input: { vendorId?: string | undefined; productId?: string | undefined }): SQL {
  const onStorefront = sql`EXISTS (SELECT 1 FROM ${vendors} WHERE ${vendors.id} = ${reviews.vendorId} AND ${vendors.status} = 'approved')`;
  const visible = and(eq(reviews.hidden, false), onStorefront);
  if (input.productId !== undefined) return and(visible, eq(reviews.productId, input.productId)) as SQL;
  return and(visible, eq(reviews.vendorId, input.vendorId ?? '00000000-0000-0000-0000-000000000000')) as SQL;
}

/** Newest first, keyset-paged on the id (UUIDv7 ids are minted in time order). */
export async function listReviews(db: DbOrTx, viewerId: string | null, input: ReviewListInput): Promise<ReviewPage> {
  const after = input.cursor === undefined ? null : decodeCursor(input.cursor);
  const rows = await db
    .select({ r: reviews, productName: products.name })
    .from(reviews)
    .leftJoin(products, eq(products.id, reviews.productId))
    .where(
      and(
        targetFilter(input),
        after ? sql`${reviews.id} < ${after}::uuid` : undefined,
      ),
    )
    .orderBy(desc(reviews.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((x) => toView(x.r, x.productName, viewerId)),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.r.id) : null,
  };
}

export async function ratingSummary(db: DbOrTx, input: { vendorId?: string | undefined; productId?: string | undefined }): Promise<RatingSummary> {
  const rows = await db
    .select({ rating: reviews.rating, n: sql<number>`count(*)::int` })
    .from(reviews)
    .where(targetFilter(input))
    .groupBy(reviews.rating);
  const distribution: RatingSummary['distribution'] = [0, 0, 0, 0, 0];
  let total = 0;
  let sum = 0;
  for (const r of rows) {
    const { n } = r;
    distribution[r.rating - 1] = n;
    total += n;
    sum += n * r.rating;
  }
  return { count: total, average: total === 0 ? null : Math.round((sum * 10) / total) / 10, distribution };
}

/** The shop and each product on the caller's order, with the review already written for each. */
export async function reviewableOrder(db: DbOrTx, customerId: string, orderId: string): Promise<ReviewableOrder> {
  const order = await reviewableOrderRow(db, customerId, orderId);
  const [vendor] = await db.select({ name: vendors.name, slug: vendors.slug }).from(vendors).where(eq(vendors.id, order.vendorId));
  const rows = await db
    .select({ productId: orderLines.productId, name: orderLines.name })
    .from(orderLines)
    .where(and(eq(orderLines.orderId, order.id), isNotNull(orderLines.productId)))
    .orderBy(asc(orderLines.lineNo));
  // in the order's line order, once per product (two variants of one product are one review)
  const lines = rows.filter((r, i) => rows.findIndex((x) => x.productId === r.productId) === i);
  const written = await db
    .select({ r: reviews, productName: products.name })
    .from(reviews)
    .leftJoin(products, eq(products.id, reviews.productId))
    .where(and(eq(reviews.orderId, order.id), eq(reviews.customerId, customerId)));
  const reviewOf = (productId: string | null) => {
    const hit = written.find((w) => w.r.productId === productId);
    return hit ? toView(hit.r, hit.productName, customerId) : null;
  };
  const vendorName = vendor?.name ?? '';
  return {
    orderId: order.id,
    orderNumber: order.number,
    vendorId: order.vendorId,
    vendorName,
    vendorSlug: vendor?.slug ?? '',
    reviewable: order.status === 'completed',
    targets: [
      { productId: null, name: vendorName, review: reviewOf(null) },
      ...lines.flatMap((l) => (l.productId ? [{ productId: l.productId, name: l.name, review: reviewOf(l.productId) }] : [])),
    ],
  };
}

/** Which of `orderIds` the caller already reviewed the shop of (the account page stops offering "Write a review"). */
export async function reviewedOrderIds(db: DbOrTx, customerId: string, orderIds: string[]): Promise<string[]> {
  if (orderIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ orderId: reviews.orderId })
    .from(reviews)
    .where(and(eq(reviews.customerId, customerId), isNull(reviews.productId), inArray(reviews.orderId, orderIds)));
  return rows.map((r) => r.orderId);
}

function encodeCursor(id: string): string {
  return Buffer.from(id).toString('base64url');
}

function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) return id;
  throw new AppError('BAD_INPUT', 'That page link is not valid any more. Please reload the reviews.');
}
