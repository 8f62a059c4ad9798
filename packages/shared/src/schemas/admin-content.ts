import { z } from 'zod';
import { pageInputSchema, uuidSchema } from './common';
import { operatorReasonSchema } from './admin';
import { reportKindSchema, type ReportKind, type ReportReason } from './reports';

/** The operator console's content area (issue 17): the moderation queue of customers' reports. */

export const contentQueueInput = pageInputSchema.extend({
  kind: reportKindSchema.optional(),
  /** newest report first, or the most reported item first */
  sort: z.enum(['newest', 'most'], { error: 'Sort by newest or most reported' }).default('newest'),
});
export type ContentQueueInput = z.infer<typeof contentQueueInput>;

export const contentItemInput = z.object({ kind: reportKindSchema, id: uuidSchema });
export type ContentItemInput = z.infer<typeof contentItemInput>;

export const contentReportsInput = pageInputSchema.extend({ kind: reportKindSchema, id: uuidSchema });
export type ContentReportsInput = z.infer<typeof contentReportsInput>;

/** A shop is suspended from the Shops area, not hidden here: only products and reviews. */
export const HIDEABLE_KINDS = ['product', 'review'] as const;
export type HideableKind = (typeof HIDEABLE_KINDS)[number];

const hideableInput = (verb: 'hidden' | 'restored') =>
  z.object({
    kind: z.enum(HIDEABLE_KINDS, { error: `Only products and reviews can be ${verb} here; a shop is suspended from the Shops area` }),
    id: uuidSchema,
    reason: operatorReasonSchema,
  });

export const contentHideInput = hideableInput('hidden');
export type ContentHideInput = z.infer<typeof contentHideInput>;

export const contentRestoreInput = hideableInput('restored');
export type ContentRestoreInput = z.infer<typeof contentRestoreInput>;

/** Closes open reports without changing the item: these ones, or (no `reportIds`) every open report of the item. */
export const contentDismissInput = z.object({
  kind: reportKindSchema,
  id: uuidSchema,
  reportIds: z.array(uuidSchema).min(1, 'Choose at least one report').max(100, 'Dismiss at most 100 reports at a time').optional(),
  reason: operatorReasonSchema,
});
export type ContentDismissInput = z.infer<typeof contentDismissInput>;

/** The audit log's record kind for a reported item: a shop's history is the vendor's (the Shops area's `vendor`). */
export function auditTargetType(kind: ReportKind): string {
  return kind === 'shop' ? 'vendor' : kind;
}

export interface ContentShopRef {
  id: string;
  name: string;
  slug: string;
}

export interface ContentQueueItem {
  kind: ReportKind;
  id: string;
  /** the product's or shop's name, or the start of the review */
  title: string;
  shop: ContentShopRef | null;
  openReports: number;
  lastReportedAt: string;
  reasons: Partial<Record<ReportReason, number>>;
  hidden: boolean;
}

export interface ContentQueuePage {
  items: ContentQueueItem[];
  nextCursor: string | null;
}

export interface ContentReportView {
  id: string;
  reason: ReportReason;
  details: string;
  status: 'open' | 'dismissed' | 'actioned';
  /** the customer who reported it; null when a guest (tracking link) or the shop reported an order message */
  customer: { id: string; name: string; email: string } | null;
  reporter: 'customer' | 'guest' | 'shop';
  createdAt: string;
  resolvedAt: string | null;
  resolution: string;
}

export interface ContentReportsPage {
  items: ContentReportView[];
  nextCursor: string | null;
}

/** The item as customers see (or saw) it. */
export type ContentView =
  | {
      kind: 'product';
      id: string;
      name: string;
      description: string;
      minPriceCents: number;
      currency: string;
      imageUrl: string | null;
      /** hidden by the shop itself (not online, or archived) */
      offlineByShop: boolean;
    }
  | { kind: 'review'; id: string; rating: number; body: string; authorName: string; productName: string | null; createdAt: string }
  | { kind: 'shop'; id: string; name: string; description: string; city: string; status: string }
  /** an order message (issue 18): plain text, shown as text, never as HTML */
  | { kind: 'message'; id: string; author: 'customer' | 'shop'; body: string; photoUrl: string | null; orderNumber: string; createdAt: string };

export interface ContentItemDetail {
  kind: ReportKind;
  id: string;
  content: ContentView;
  shop: ContentShopRef | null;
  /** hidden by the operator (products and reviews) */
  hidden: boolean;
  /** where customers see it on the storefront */
  storefrontPath: string | null;
  openReports: number;
}

export interface ContentActionResult {
  kind: ReportKind;
  id: string;
  hidden: boolean;
  /** reports this action closed */
  closedReports: number;
}
