import { z } from 'zod';
import { centsSchema } from './common';

/*
 * The counter's payment dialog as a form: the amount typed on the keypad and the part payments taken so far.
 * Whether an amount fits what is still due is the tender plan's arithmetic (it needs the cart); this is what
 * every value must be on its own, with the counter's words for it. The counter checks the sale again.
 */

const cardCents = centsSchema.min(1, 'A card payment must be more than 0');

const counterTenderSchema = z.discriminatedUnion('kind', [
  /** cash handed over (several handfuls add up to one cash tender) */
  z.object({ kind: z.literal('cash'), amountCents: centsSchema }),
  /** recorded from the standalone card machine */
  z.object({ kind: z.literal('external_card'), amountCents: cardCents }),
  /** taken on the shop's reader; the counter lists it and adds it to the sale itself */
  z.object({ kind: z.literal('stripe_terminal'), amountCents: cardCents, attemptId: z.string().min(1) }),
]);

export const tenderFormSchema = z.object({
  /** keypad digits, in minor units ("450" = 4.50) */
  digits: z.string().regex(/^\d{0,9}$/, 'Type the amount with the keypad'),
  /** the dialog's own part payments (reader payments are the counter's) */
  tenders: z.array(counterTenderSchema).max(9, 'At most 10 payments per sale'),
});
