import { z } from 'zod';
import { uuidSchema } from './common';
import { ORDER_MESSAGE_MAX } from './order-messages';
import { text } from './text';

/**
 * A reply to a customer written at the counter, online or offline (issue 18): natural key `id`, minted at the
 * counter, so a resend never adds a second message. Text only — a photo needs the network (messages.reply).
 */
export const orderMessageArgs = z.object({
  id: uuidSchema,
  orderId: uuidSchema,
  staffId: uuidSchema,
  text: text({ min: 1, max: ORDER_MESSAGE_MAX, minMessage: 'Write a message', maxMessage: `Keep a message under ${ORDER_MESSAGE_MAX} characters`, multiline: true, label: 'Messages' }),
  sentAt: z.iso.datetime({ offset: true }),
});
export type OrderMessageArgs = z.infer<typeof orderMessageArgs>;

export const MESSAGE_MUTATION_ARGS = { 'order.message': orderMessageArgs } as const;
