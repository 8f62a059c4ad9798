import { z } from 'zod';
import { geoPointSchema, type SearchProductItem } from './search';
import { text } from './text';

/**
 * The storefront's shop directory and "popular right now": every list is one bounded page (DESIGN §6: no page's
 * cost may grow with the size of the market), walked with an opaque `cursor` (the previous page's `nextCursor`).
 */
export const SHOP_PAGE_MAX = 48;
export const SHOP_PAGE_DEFAULT = 24;
export const POPULAR_PRODUCTS_MAX = 24;

const cursorSchema = text({ max: 200, maxMessage: 'This page link is not valid', trim: false, label: 'Page links' });

/** With `near`: the shops nearest to it (within 25 km), nearest first. Without: the most popular shops. */
export const shopDirectoryInput = z
  .object({
    near: geoPointSchema.optional(),
    cursor: cursorSchema.optional(),
    limit: z.number().int().min(1, 'Ask for at least 1 shop').max(SHOP_PAGE_MAX, `Ask for at most ${SHOP_PAGE_MAX} shops`).default(SHOP_PAGE_DEFAULT),
  })
  .default({ limit: SHOP_PAGE_DEFAULT });
export type ShopDirectoryInput = z.infer<typeof shopDirectoryInput>;
export type ShopDirectoryInputRaw = z.input<typeof shopDirectoryInput>;

/** Best sellers of the market, or (with `near`) of the shops nearest to it. */
export const popularProductsInput = z
  .object({
    near: geoPointSchema.optional(),
    limit: z.number().int().min(1, 'Ask for at least 1 product').max(POPULAR_PRODUCTS_MAX, `Ask for at most ${POPULAR_PRODUCTS_MAX} products`).default(8),
  })
  .default({ limit: 8 });
export type PopularProductsInput = z.infer<typeof popularProductsInput>;

export interface ShopCard {
  id: string;
  slug: string;
  name: string;
  description: string;
  city: string;
  /** the postcode's outward part (district), e.g. "BS8" */
  area: string;
  pickupEnabled: boolean;
  deliveryEnabled: boolean;
  paused: boolean;
  isOpenNow: boolean;
  /** ISO time it next opens; null while open or without opening hours */
  nextOpeningAt: string | null;
  timezone: string;
  /** only when the directory was asked for shops near a place */
  distanceMeters?: number;
}

export interface ShopDirectoryPage {
  order: 'distance' | 'popularity';
  items: ShopCard[];
  /** 1-based position of the first item in the whole list ("shops 25–48") */
  firstPosition: number;
  nextCursor: string | null;
}

export type PopularProduct = SearchProductItem;
