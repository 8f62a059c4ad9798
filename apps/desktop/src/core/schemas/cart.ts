import { text, uuidSchema } from '@makeries/shared';
import { z } from 'zod';
import { approvalInput } from './staff';

/** Items (each) or grams (weight); a tonne is more than any counter sells in one line. */
const MAX_QUANTITY = 1_000_000;

const discountInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('amount'), amountCents: z.number().int('Amounts are whole cents').min(1, 'A discount must be more than 0').max(100_000_000) }),
  z.object({
    kind: z.literal('percent'),
    bps: z.number().int('Percentages are whole basis points (10% = 1000)').min(1, 'A discount must be more than 0').max(10_000, 'A discount cannot exceed 100%'),
  }),
]);

/** `sellAnyway`: staff answered "sell anyway?" for an item the counter believes is sold out */
const sellAnyway = z.boolean('Sell anyway is yes or no').optional();

export const scanInput = z.object({ code: text({ min: 1, minMessage: 'Scan or type a barcode', max: 64, label: 'Barcodes' }), sellAnyway });
export type ScanInput = z.input<typeof scanInput>;

export const addVariantInput = z.object({
  variantId: uuidSchema,
  /** items, for products sold each */
  quantity: z.number().int('Quantities are whole items').min(1, 'Quantity must be at least 1').max(MAX_QUANTITY).optional(),
  /** grams, for products sold by weight */
  grams: z.number().int('Weights are whole grams').min(1, 'Weigh the item first').max(MAX_QUANTITY).optional(),
  sellAnyway,
});
export type AddVariantInput = z.input<typeof addVariantInput>;

export const setQuantityInput = z.object({
  lineId: uuidSchema,
  quantity: z.number().int('Quantities are whole items (grams for weighed goods)').min(1, 'Use void to remove a line').max(MAX_QUANTITY),
});

export const lineDiscountInput = z.object({
  lineId: uuidSchema,
  /** null removes the discount */
  discount: discountInput.nullable(),
  approval: approvalInput.optional(),
});
export type LineDiscountInput = z.input<typeof lineDiscountInput>;

export const orderDiscountInput = z.object({ discount: discountInput.nullable(), approval: approvalInput.optional() });
export type OrderDiscountInput = z.input<typeof orderDiscountInput>;

export const lineNoteInput = z.object({ lineId: uuidSchema, note: text({ max: 200, maxMessage: 'Notes are at most 200 characters', multiline: true, label: 'Notes' }) });
export const cartNoteInput = z.object({ note: text({ max: 500, maxMessage: 'Notes are at most 500 characters', multiline: true, label: 'Notes' }) });

export const attachCustomerInput = z.object({
  /** null detaches */
  customerId: uuidSchema.nullable(),
  name: text({ max: 120, label: 'Names' }).optional(),
});

export const parkInput = z.object({ label: text({ max: 60, maxMessage: 'Labels are at most 60 characters', label: 'Labels' }).default('') });
export const cartIdInput = z.object({ cartId: uuidSchema });
export const lineIdInput = z.object({ lineId: uuidSchema });
