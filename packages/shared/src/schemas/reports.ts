import { z } from 'zod';
import { uuidSchema } from './common';
import { text } from './text';

/** Customers report storefront content to the marketplace's operator (issue 17); the operator's queue is admin-content.ts. */

/** `message`: an order message reported by the other party (issue 18, messages.report / messages.reportFromShop) */
export const REPORT_KINDS = ['product', 'shop', 'review', 'message'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_REASONS = ['misleading', 'prohibited', 'offensive', 'spam', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/** What the customer picks from, and what the operator reads in the queue. */
export const REPORT_REASON_LABELS: Readonly<Record<ReportReason, string>> = {
  misleading: 'Wrong or misleading',
  prohibited: 'Prohibited item',
  offensive: 'Offensive',
  spam: 'Spam',
  other: 'Something else',
};

export const REPORT_KIND_LABELS: Readonly<Record<ReportKind, string>> = { product: 'Product', shop: 'Shop', review: 'Review', message: 'Order message' };

export const REPORT_DETAILS_MAX = 1000;

export const reportKindSchema = z.enum(REPORT_KINDS, { error: 'Report a product, a shop, a review or a message' });

export const reportCreateInput = z.object({
  kind: reportKindSchema,
  targetId: uuidSchema,
  reason: z.enum(REPORT_REASONS, { error: 'Choose why you are reporting this' }),
  details: text({ max: REPORT_DETAILS_MAX, maxMessage: `Keep the details under ${REPORT_DETAILS_MAX} characters`, multiline: true, label: 'Details' }).default(''),
});
export type ReportCreateInput = z.infer<typeof reportCreateInput>;

export interface ReportCreated {
  id: string;
  kind: ReportKind;
  targetId: string;
}

/** At most this many reports per customer per hour (services/reports). */
export const REPORTS_PER_HOUR = 10;
