import { text } from '@makeries/shared';
import { z } from 'zod';

const cents = z.number().int('Amounts are whole cents').min(0).max(100_000_000);

export const openShiftInput = z.object({ floatCents: cents });
export type OpenShiftInput = z.input<typeof openShiftInput>;

export const cashMoveInput = z.object({
  amountCents: cents.min(1, 'Enter an amount above 0'),
  reason: text({ min: 1, minMessage: 'Say what the cash is for', max: 300, maxMessage: 'Reasons are at most 300 characters', multiline: true, label: 'Reasons' }),
});
export type CashMoveInput = z.input<typeof cashMoveInput>;

export const noSaleInput = z.object({ reason: text({ max: 300, multiline: true, label: 'Reasons' }).default('') });

/** Denomination value in minor units ("2000" = a 20 note) → how many were counted. */
export const closeShiftInput = z.object({
  counted: z
    .record(
      z.string().regex(/^[1-9]\d{0,6}$/, 'Denominations are values in cents, like 2000 for a 20 note'),
      z.number().int('Count whole notes and coins').min(0, 'Counts cannot be negative').max(100_000),
    )
    .refine((c) => Object.keys(c).length > 0, 'Count the drawer: enter at least one denomination'),
});
export type CloseShiftInput = z.input<typeof closeShiftInput>;
