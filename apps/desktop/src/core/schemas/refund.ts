import { text, uuidSchema } from '@makeries/shared';
import { z } from 'zod';
import { approvalInput } from './staff';

export const refundInput = z.object({
  saleId: uuidSchema,
  /** absent = everything on the receipt not refunded yet (a full refund) */
  lines: z
    .array(z.object({ saleLineId: uuidSchema, quantity: z.number().int('Quantities are whole items (grams for weighed goods)').min(1) }))
    .min(1, 'Choose at least one line to refund')
    .max(500)
    .optional(),
  /** true puts the items back on the shelf (a stock movement); false for damaged or eaten goods */
  restock: z.boolean(),
  /** original = back to how the customer paid (single-tender sales only); stripe_terminal = back to the reader's card */
  tender: z.enum(['original', 'cash', 'external_card', 'stripe_terminal']).default('original'),
  reason: text({ max: 300, maxMessage: 'Reasons are at most 300 characters', multiline: true, label: 'Reasons' }).default(''),
  approval: approvalInput.optional(),
  /** minted by the screen once per refund dialog, so a retry (no answer from the marketplace) never refunds twice */
  refundId: uuidSchema.optional(),
});
export type RefundInput = z.input<typeof refundInput>;
