import { text, uuidSchema } from '@makeries/shared';
import { z } from 'zod';

const cents = z.number().int('Amounts are whole cents').min(0).max(100_000_000);
const reference = text({ max: 120, label: 'Payment references' });

const tenderInput = z.discriminatedUnion('kind', [
  /** cash handed over; the change is worked out */
  z.object({ kind: z.literal('cash'), tenderedCents: cents }),
  /** a standalone card machine: recorded only, the counter cannot see whether it went through */
  z.object({ kind: z.literal('external_card'), amountCents: cents.min(1, 'A card payment must be more than 0'), reference: reference.optional() }),
  /** a Stripe Terminal payment already captured online; `reference` is its PaymentIntent id */
  z.object({ kind: z.literal('stripe_terminal'), amountCents: cents.min(1, 'A card payment must be more than 0'), reference: reference.min(1) }),
]);
export type TenderInput = z.infer<typeof tenderInput>;

export const completeSaleInput = z.object({
  /** the cart the screen shows; refused if another cart is open by now */
  cartId: uuidSchema.optional(),
  tenders: z.array(tenderInput).min(1, 'Choose how the customer pays').max(10, 'At most 10 payments per sale'),
});
export type CompleteSaleInput = z.input<typeof completeSaleInput>;

export const saleLookupInput = z.object({ number: text({ min: 1, max: 40, label: 'Receipt numbers' }) });
export const saleIdInput = z.object({ saleId: uuidSchema });
export const recentSalesInput = z.object({ limit: z.number().int().min(1).max(200).default(50) }).default({ limit: 50 });
