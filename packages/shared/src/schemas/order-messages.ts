import { z } from 'zod';
import { IMAGE_CONTENT_TYPES } from './catalog';
import { uuidSchema } from './common';
import { REPORT_DETAILS_MAX, REPORT_REASONS } from './reports';
import { text } from './text';

/**
 * Messages between a customer and a shop about one order (issue 18): a thread per order. The customer (or a guest
 * holding the order's tracking token) writes from the tracking page; the shop answers from the counter (online
 * through `messages.reply`, offline through the 'order.message' outbox mutation, schemas/sync-messages.ts).
 * Plain text only: never rendered as HTML anywhere.
 */

export const ORDER_MESSAGE_MAX = 1000;
/** a customer (or the guest link) may send this many messages per order per hour; a shop this many per order per hour */
export const CUSTOMER_MESSAGES_PER_HOUR = 20;
export const SHOP_MESSAGES_PER_HOUR = 60;
export const ORDER_MESSAGE_PAGE_MAX = 100;

export const orderMessageText = text({
  max: ORDER_MESSAGE_MAX,
  maxMessage: `Keep a message under ${ORDER_MESSAGE_MAX} characters`,
  multiline: true,
  label: 'Messages',
});

/** One photo with a message: through the same image pipeline as product photos (type and bytes checked there). */
export const messagePhotoInput = z.object({
  contentType: z.enum(IMAGE_CONTENT_TYPES, { error: 'Please attach a PNG, JPEG or WebP photo' }),
  /** base64 (a `data:` URL prefix is accepted) */
  dataBase64: z.string().min(1, 'The photo is empty'),
});
export type MessagePhotoInput = z.infer<typeof messagePhotoInput>;

const trackingToken = text({ min: 1, max: 200, trim: false, label: 'Tracking links' }).optional();
const page = {
  /** older messages than this one (the id of the oldest shown); absent: the newest page */
  before: uuidSchema.optional(),
  limit: z.number().int().min(1).max(ORDER_MESSAGE_PAGE_MAX).default(50),
};
const hasContent = (v: { text: string; photo?: unknown }) => v.text.length > 0 || v.photo !== undefined;
const EMPTY = { error: 'Write a message or attach a photo', path: ['text'] };

/** The customer's (or guest's) side, on the tracking page. */
export const customerMessagesInput = z.object({ orderId: uuidSchema, trackingToken, ...page });
export type CustomerMessagesInput = z.infer<typeof customerMessagesInput>;

export const customerMessageSendInput = z
  .object({ id: uuidSchema, orderId: uuidSchema, trackingToken, text: orderMessageText, photo: messagePhotoInput.optional() })
  .refine(hasContent, EMPTY);
export type CustomerMessageSendInput = z.infer<typeof customerMessageSendInput>;

/** The shop's side (staff sessions and counters). */
export const shopMessagesInput = z.object({ orderId: uuidSchema, ...page });
export type ShopMessagesInput = z.infer<typeof shopMessagesInput>;

export const shopMessageSendInput = z
  .object({ id: uuidSchema, orderId: uuidSchema, text: orderMessageText, photo: messagePhotoInput.optional() })
  .refine(hasContent, EMPTY);
export type ShopMessageSendInput = z.infer<typeof shopMessageSendInput>;

/** Reporting the other party's message to the marketplace's operator. */
const reportFields = {
  messageId: uuidSchema,
  reason: z.enum(REPORT_REASONS, { error: 'Choose why you are reporting this' }),
  details: text({ max: REPORT_DETAILS_MAX, maxMessage: `Keep the details under ${REPORT_DETAILS_MAX} characters`, multiline: true, label: 'Details' }).default(''),
};
export const customerMessageReportInput = z.object({ orderId: uuidSchema, trackingToken, ...reportFields });
export type CustomerMessageReportInput = z.infer<typeof customerMessageReportInput>;
export const shopMessageReportInput = z.object({ orderId: uuidSchema, ...reportFields });
export type ShopMessageReportInput = z.infer<typeof shopMessageReportInput>;

export type MessageAuthor = 'customer' | 'shop';

export interface OrderMessageView {
  id: string;
  orderId: string;
  author: MessageAuthor;
  text: string;
  /** the photo (800 px) and its thumbnail under /media/, or null */
  photoUrl: string | null;
  photoThumbUrl: string | null;
  createdAt: string;
}

/** Oldest first; `olderBefore` asks for the page before this one (null: this is the start of the thread). */
export interface OrderMessagePage {
  messages: OrderMessageView[];
  olderBefore: string | null;
}

/** A message in the counter's change feed (entity 'order_message'). */
export interface SyncOrderMessage extends OrderMessageView {
  vendorId: string;
  /** the staff member who wrote a shop message (null for the customer's, or a counter without a proof) */
  staffId: string | null;
}
