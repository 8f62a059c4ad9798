import { z } from 'zod';
import { centsSchema, pageInputSchema, uuidSchema } from './common';
import { text } from './text';

/**
 * A shop's loyalty programme (issue 18) and the calls around it. `units` are stamps or points, whichever the
 * programme counts; a balance is kept per customer, shop and scheme, so switching a shop from stamps to points
 * starts new balances and switching back finds the old ones.
 */
export const LOYALTY_SCHEMES = ['stamps', 'points'] as const;
export type LoyaltyScheme = (typeof LOYALTY_SCHEMES)[number];

const whole = (min: number, max: number, what: string) =>
  z.number().int(`${what} is a whole number`).min(min, `${what} is at least ${min}`).max(max, `${what} is at most ${max}`);

export const loyaltyProgrammeSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('off') }),
    z.object({
      kind: z.literal('stamps'),
      /** one stamp per order of at least this much (goods after discounts) */
      minOrderCents: centsSchema,
      stampsForReward: whole(2, 50, 'Stamps for a reward'),
      rewardCents: centsSchema.min(1, 'A reward is worth at least 1 minor unit'),
      /** what the reward is called on the card, e.g. "free loaf"; empty: "a £3.00 reward" */
      rewardName: text({ max: 60, label: 'Reward names' }).default(''),
    }),
    z.object({
      kind: z.literal('points'),
      /** points earned per whole £1 (100 minor units) spent */
      pointsPerPound: whole(1, 100, 'Points per £1'),
      /** points that take £1 off */
      pointsPerPoundOff: whole(1, 10_000, 'Points for £1 off'),
    }),
  ],
  { error: 'Choose off, stamps or points' },
);
export type LoyaltyProgramme = z.infer<typeof loyaltyProgrammeSchema>;
export type LoyaltyProgrammeInput = z.input<typeof loyaltyProgrammeSchema>;

export const loyaltyProgrammeSetInput = z.object({ programme: loyaltyProgrammeSchema });

/** Redeeming at web checkout: how many stamps or points to use at one shop of the cart. */
export const loyaltyUseSchema = z.object({
  vendorId: uuidSchema,
  units: z.number().int('Use a whole number of stamps or points').min(1, 'Use at least 1 stamp or point').max(10_000_000),
});
export type LoyaltyUse = z.infer<typeof loyaltyUseSchema>;
export const loyaltyUsesSchema = z
  .array(loyaltyUseSchema)
  .max(20)
  .refine((u) => new Set(u.map((x) => x.vendorId)).size === u.length, { error: 'Use loyalty once per shop' });

/** A redemption at the till, carried by the sale (`saleCompleteArgs.loyalty`). */
export const saleLoyaltySchema = z.object({
  scheme: z.enum(LOYALTY_SCHEMES),
  units: z.number().int().min(1).max(10_000_000),
  cents: centsSchema.min(1),
});
export type SaleLoyalty = z.infer<typeof saleLoyaltySchema>;

export const loyaltyMineInput = pageInputSchema;
export const loyaltyForShopsInput = z.object({ vendorIds: z.array(uuidSchema).min(1).max(20) });

/**
 * The counter identifies a customer by an exact phone or email (like counterCustomers.lookup) or by the QR
 * code from their account page (a signed token).
 */
export const loyaltyCounterLookupInput = z.object({
  query: text({ min: 3, minMessage: 'Type the full phone number or email, or scan the QR code', max: 300, label: 'Searches' }),
});

export const loyaltyBalanceInput = z.object({ customerId: uuidSchema });

/** One shop's card for one customer. */
export interface LoyaltyCard {
  vendorId: string;
  vendorName: string;
  currency: string;
  programme: LoyaltyProgramme;
  /** stamps or points held now (may be negative after an offline over-redemption) */
  units: number;
}

export interface LoyaltyCardsPage {
  items: LoyaltyCard[];
  nextCursor: string | null;
}

export interface LoyaltyCounterCustomer {
  customer: { id: string; name: string; email: string; phone: string; known: boolean };
  programme: LoyaltyProgramme;
  units: number;
}

export const LOYALTY_QR_PREFIX = 'MKL1.';
