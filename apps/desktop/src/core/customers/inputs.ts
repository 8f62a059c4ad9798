import { counterCustomerLookupInput, emailSchema, uuidSchema } from '@makeries/shared';
import { z } from 'zod';

export const customerLookupInput = counterCustomerLookupInput;

export const attachCustomerInput = z.object({
  customer: z.object({
    id: uuidSchema,
    name: z.string().trim().min(1).max(120),
    email: z.string().max(254).default(''),
    phone: z.string().max(40).default(''),
  }),
});
export type AttachCustomerInput = z.input<typeof attachCustomerInput>;

/** Offline, or a customer without an account: an address only for this sale's receipt. */
export const receiptAddressInput = z.object({ email: emailSchema.nullable() });
export type ReceiptAddressInput = z.input<typeof receiptAddressInput>;

export const emailReceiptInput = z.object({ saleId: uuidSchema, to: emailSchema });
export type EmailReceiptInput = z.input<typeof emailReceiptInput>;

export const saleIdInput = z.object({ saleId: uuidSchema });
