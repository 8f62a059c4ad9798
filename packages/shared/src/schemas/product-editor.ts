import { z } from 'zod';
import { isAppError } from '../errors';
import { parseMoney } from '../money';
import { skuSchema } from './catalog';
import { nonEmpty } from './common';
import { text } from './text';

/*
 * The counter's product editor as a form: what staff typed, checked with the same building blocks the counter
 * checks the save with (names, SKUs), plus the price as typed in the shop's currency. The counter still has the
 * last word (duplicate SKUs and barcodes, check digits); its answers land on the same fields.
 */

/** A price as a person types it ("4.50", "£4.50") in the shop's currency: never empty, never negative. */
export function priceTextSchema(currency: string) {
  return z.string().superRefine((value, ctx) => {
    if (value.trim() === '') {
      ctx.addIssue({ code: 'custom', message: 'Enter a price, like 4.50.' });
      return;
    }
    try {
      if (parseMoney(value, currency) < 0) ctx.addIssue({ code: 'custom', message: 'A price cannot be negative.' });
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: isAppError(e) ? e.message : 'Type the price like 4.50.' });
    }
  });
}

/** One row of the variants table; an empty name is saved as "Default". */
function productEditorVariantSchema(currency: string) {
  return z.object({
    name: text({ max: 80, label: 'Names' }),
    sku: skuSchema,
    priceText: priceTextSchema(currency),
  });
}

export function productEditorSchema(currency: string) {
  return z.object({
    name: nonEmpty(120, { label: 'Names' }),
    variants: z.array(productEditorVariantSchema(currency)),
  });
}
