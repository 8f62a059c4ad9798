import { z } from 'zod';
import { latSchema, lngSchema, nonEmpty, uuidSchema } from './common';
import { text } from './text';

/** Reviews, favourites and saved addresses of a signed-in customer (storefront account). */

export const REVIEW_BODY_MAX = 2000;

export const ratingSchema = z
  .number({ error: 'Choose a rating from 1 to 5 stars' })
  .int('Choose a whole number of stars')
  .min(1, 'Choose a rating from 1 to 5 stars')
  .max(5, 'Choose a rating from 1 to 5 stars');

export const reviewBodySchema = text({ max: REVIEW_BODY_MAX, maxMessage: `Reviews are at most ${REVIEW_BODY_MAX} characters`, multiline: true, label: 'Reviews' });

/** About the shop (no productId) or one product on that order. */
export const reviewCreateInput = z.object({
  orderId: uuidSchema,
  productId: uuidSchema.optional(),
  rating: ratingSchema,
  body: reviewBodySchema.default(''),
});
export type ReviewCreateInput = z.infer<typeof reviewCreateInput>;

export const reviewUpdateInput = z.object({
  reviewId: uuidSchema,
  rating: ratingSchema,
  body: reviewBodySchema.default(''),
});
export type ReviewUpdateInput = z.infer<typeof reviewUpdateInput>;

/** Shop reviews (all, including product ones) or one product's reviews, newest first. */
export const reviewListInput = z
  .object({
    vendorId: uuidSchema.optional(),
    productId: uuidSchema.optional(),
    cursor: text({ max: 200, trim: false, label: 'Page links' }).optional(),
    limit: z.number().int().min(1).max(50).default(5),
  })
  .refine((i) => (i.vendorId === undefined) !== (i.productId === undefined), {
    error: 'Give a shop or a product',
    path: ['vendorId'],
  });
export type ReviewListInput = z.infer<typeof reviewListInput>;

export const reviewSummaryInput = z
  .object({ vendorId: uuidSchema.optional(), productId: uuidSchema.optional() })
  .refine((i) => (i.vendorId === undefined) !== (i.productId === undefined), {
    error: 'Give a shop or a product',
    path: ['vendorId'],
  });

export const reviewableInput = z.object({ orderId: uuidSchema });

/** Which of these orders (a page of the account's order list) the customer already reviewed the shop of. */
export const reviewedOrdersInput = z.object({ orderIds: z.array(uuidSchema).max(100, 'Ask about at most 100 orders at a time') });
export type ReviewedOrdersInput = z.infer<typeof reviewedOrdersInput>;

export interface ReviewView {
  id: string;
  vendorId: string;
  productId: string | null;
  productName: string | null;
  orderId: string;
  authorName: string;
  rating: number;
  body: string;
  /** always true: only customers of a completed order can write one */
  verifiedPurchase: true;
  createdAt: string;
  updatedAt: string;
  /** the signed-in caller wrote it and may edit it */
  mine: boolean;
}

export interface ReviewPage {
  items: ReviewView[];
  nextCursor: string | null;
}

export interface RatingSummary {
  count: number;
  /** average rating rounded to one decimal; null with no reviews */
  average: number | null;
  /** counts of 1..5 star reviews, index 0 = 1 star */
  distribution: [number, number, number, number, number];
}

/** What a customer may review on one of their orders, with the reviews they already wrote. */
export interface ReviewableOrder {
  orderId: string;
  orderNumber: string;
  vendorId: string;
  vendorName: string;
  vendorSlug: string;
  /** false until the order is completed (collected or delivered) */
  reviewable: boolean;
  targets: { productId: string | null; name: string; review: ReviewView | null }[];
}

export const favouriteTargetSchema = z
  .object({ vendorId: uuidSchema.optional(), productId: uuidSchema.optional() })
  .refine((i) => (i.vendorId === undefined) !== (i.productId === undefined), {
    error: 'Give a shop or a product',
    path: ['vendorId'],
  });
export const favouriteSetInput = z
  .object({ vendorId: uuidSchema.optional(), productId: uuidSchema.optional(), on: z.boolean() })
  .refine((i) => (i.vendorId === undefined) !== (i.productId === undefined), {
    error: 'Give a shop or a product',
    path: ['vendorId'],
  });
export type FavouriteSetInput = z.infer<typeof favouriteSetInput>;

export interface FavouriteShop {
  vendorId: string;
  slug: string;
  name: string;
  city: string;
  paused: boolean;
  isOpenNow: boolean;
  addedAt: string;
}

export interface FavouriteProduct {
  productId: string;
  name: string;
  minPriceCents: number;
  currency: string;
  inStock: boolean;
  imageThumb: string | null;
  vendor: { id: string; slug: string; name: string; paused: boolean; isOpenNow: boolean };
  addedAt: string;
}

export interface FavouriteList {
  shops: FavouriteShop[];
  products: FavouriteProduct[];
  /** the next page of each list (pass as `shopsCursor` / `productsCursor`), null at its end */
  shopsNextCursor: string | null;
  productsNextCursor: string | null;
}

export const FAVOURITES_PAGE_MAX = 100;

/** A page of each favourites list, newest first; `only` asks for one list (its "Show more"). */
export const favouritesListInput = z
  .object({
    only: z.enum(['shops', 'products']).optional(),
    shopsCursor: uuidSchema.optional(),
    productsCursor: uuidSchema.optional(),
    limit: z.number().int().min(1).max(FAVOURITES_PAGE_MAX, `Ask for at most ${FAVOURITES_PAGE_MAX} favourites`).default(50),
  })
  .default({ limit: 50 });
export type FavouritesListInput = z.infer<typeof favouritesListInput>;

const savedAddressFields = z.object({
  label: text({ max: 40, maxMessage: 'Labels are at most 40 characters', label: 'Labels' }).default(''),
  line1: nonEmpty(200, { label: 'Addresses' }),
  line2: text({ max: 200, label: 'Addresses' }).default(''),
  city: nonEmpty(100, { label: 'Addresses' }),
  postcode: nonEmpty(20, { label: 'Addresses' }),
  lat: latSchema.optional(),
  lng: lngSchema.optional(),
  isDefault: z.boolean().default(false),
});
export const addressCreateInput = savedAddressFields;
export type AddressCreateInput = z.infer<typeof addressCreateInput>;
export const addressUpdateInput = savedAddressFields.extend({ addressId: uuidSchema });
export type AddressUpdateInput = z.infer<typeof addressUpdateInput>;
export const addressIdInput = z.object({ addressId: uuidSchema });

export interface SavedAddress {
  id: string;
  label: string;
  line1: string;
  line2: string;
  city: string;
  postcode: string;
  lat: number | null;
  lng: number | null;
  isDefault: boolean;
}

export const MAX_SAVED_ADDRESSES = 20;
