import { AppError, percentOf } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { vendors } from '../../db/schema/index';
import type { Env } from '../../env';

export interface VendorPayments {
  id: string;
  name: string;
  currency: string;
  stripeAccountId: string | null;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  feeBps: number;
  addressLine1: string;
  city: string;
  postcode: string;
  country: string;
}

export async function vendorPayments(db: DbOrTx, env: Env, vendorId: string): Promise<VendorPayments> {
  const [v] = await db.select().from(vendors).where(eq(vendors.id, vendorId)).limit(1);
  if (!v) throw new AppError('NOT_FOUND', 'We could not find that shop.');
  return {
    id: v.id,
    name: v.name,
    currency: v.currency,
    stripeAccountId: v.stripeAccountId,
    chargesEnabled: v.stripeChargesEnabled,
    payoutsEnabled: v.stripePayoutsEnabled,
    feeBps: v.platformFeeBps ?? env.PLATFORM_FEE_BPS,
    addressLine1: v.addressLine1,
    city: v.city,
    postcode: v.postcode,
    country: v.country,
  };
}

/** A shop can take cards once its Stripe account exists and Stripe has enabled charges on it. */
export function canTakeCards(v: VendorPayments): v is VendorPayments & { stripeAccountId: string } {
  return v.stripeAccountId !== null && v.chargesEnabled;
}

export function requireCardVendor(v: VendorPayments): VendorPayments & { stripeAccountId: string } {
  if (!canTakeCards(v)) {
    throw new AppError('FULFILMENT_UNAVAILABLE', `${v.name} cannot take card payments yet: the owner needs to finish Stripe set-up. Take cash instead.`);
  }
  return v;
}

/** The marketplace's cut of an amount, half-up to the minor unit (shared money code). */
export function platformFee(amountCents: number, feeBps: number): number {
  return percentOf(amountCents, feeBps);
}
