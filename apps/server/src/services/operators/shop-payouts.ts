import { AppError, uuidv7, type AdminShopReasonInput } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { vendors } from '../../db/schema/index';
import type { Env } from '../../env';
import { callStripe, requireStripe } from '../payments/stripe-client';
import { recordAudit, type OperatorCtx } from './audit';
import { lockShop } from './shop-standing';

/**
 * Holding a shop's payouts: its Stripe connected account's payout schedule goes to `manual`, so the money of its
 * orders stays in its Stripe balance until released (schedule back to `daily`, Stripe's default). Card payments and
 * transfers to the account go on as before. The Stripe call happens inside the transaction, after the row is locked
 * and the step checked: when Stripe refuses or cannot be reached, nothing is written.
 */
const RELEASED_INTERVAL = 'daily';

export interface PayoutHoldResult {
  vendorId: string;
  payoutHold: boolean;
}

export async function setPayoutHold(db: Db, env: Env, who: OperatorCtx, input: AdminShopReasonInput, hold: boolean): Promise<PayoutHoldResult> {
  return db.transaction(async (tx) => {
    const shop = await lockShop(tx, input.vendorId);
    if (shop.payoutHold === hold) {
      throw new AppError('CONFLICT', hold ? `${shop.name}'s payouts are already on hold.` : `${shop.name}'s payouts are not on hold.`);
    }
    const accountId = shop.stripeAccountId;
    if (!accountId) throw new AppError('CONFLICT', `${shop.name} has no Stripe account yet: there are no payouts to hold.`);
    const stripe = requireStripe(env);
    const interval = hold ? 'manual' : RELEASED_INTERVAL;
    await callStripe(() =>
      stripe.accounts.update(accountId, { settings: { payouts: { schedule: { interval } } } }, { idempotencyKey: `payout-hold:${shop.id}:${uuidv7()}` }),
    );
    await tx.update(vendors).set({ payoutHold: hold, updatedAt: new Date() }).where(eq(vendors.id, shop.id));
    await recordAudit(tx, who, {
      action: hold ? 'shop.holdPayouts' : 'shop.releasePayouts',
      targetType: 'vendor',
      targetId: shop.id,
      before: { payoutHold: shop.payoutHold },
      after: { payoutHold: hold, stripeAccountId: accountId, payoutSchedule: interval },
      reason: input.reason,
    });
    return { vendorId: shop.id, payoutHold: hold };
  });
}
