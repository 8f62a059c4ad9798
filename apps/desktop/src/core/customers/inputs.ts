import { counterCustomerLookupInput, emailSchema, text, uuidSchema } from '@makeries/shared';
import { z } from 'zod';

export const customerLookupInput = counterCustomerLookupInput;

export const attachCustomerInput = z.object({
  customer: z.object({
    id: uuidSchema,
    name: text({ min: 1, max: 120, label: 'Names' }),
    email: text({ max: 254, trim: false, label: 'Emails' }).default(''),
    phone: text({ max: 40, trim: false, label: 'Phone numbers' }).default(''),
  }),
});
export type AttachCustomerInput = z.input<typeof attachCustomerInput>;

/** Offline, or a customer without an account: an address only for this sale's receipt. */
export const receiptAddressInput = z.object({ email: emailSchema.nullable() });
export type ReceiptAddressInput = z.input<typeof receiptAddressInput>;

export const emailReceiptInput = z.object({ saleId: uuidSchema, to: emailSchema });
export type EmailReceiptInput = z.input<typeof emailReceiptInput>;

export const saleIdInput = z.object({ saleId: uuidSchema });
