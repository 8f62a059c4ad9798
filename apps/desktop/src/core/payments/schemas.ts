import { text, uuidSchema } from '@makeries/shared';
import { z } from 'zod';

const cents = z.number().int('Amounts are whole cents');

export const startCardInput = z.object({
  /** the cart the screen shows; refused if another cart is open by now */
  cartId: uuidSchema,
  readerId: text({ min: 1, minMessage: 'Choose a card reader', max: 200, label: 'Reader ids' }),
  amountCents: cents.min(1, 'A card payment must be more than 0').max(100_000_000),
});
export type StartCardInput = z.input<typeof startCardInput>;

export const attemptIdInput = z.object({ attemptId: uuidSchema });

/** The rest of the payment: card payments already taken on the reader are added by the counter itself. */
export const completeWithCardsInput = z.object({
  cartId: uuidSchema,
  tenders: z
    .array(
      z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('cash'), tenderedCents: cents.min(0).max(100_000_000) }),
        z.object({ kind: z.literal('external_card'), amountCents: cents.min(1, 'A card payment must be more than 0').max(100_000_000), reference: text({ max: 120, label: 'Payment references' }).optional() }),
      ]),
    )
    .max(9, 'At most 10 payments per sale'),
});
export type CompleteWithCardsInput = z.input<typeof completeWithCardsInput>;

export const registerReaderInput = z.object({
  /** the three-word code the reader shows in its settings (e.g. "simulated-wpe" for Stripe's test reader) */
  registrationCode: text({ min: 1, minMessage: 'Type the code the reader shows', max: 100, label: 'Reader codes' }),
  label: text({ min: 1, minMessage: 'Give the reader a name staff will recognise', max: 60, label: 'Names' }),
});
export type RegisterReaderInput = z.input<typeof registerReaderInput>;
