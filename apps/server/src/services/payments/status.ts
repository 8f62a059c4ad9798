import type { CardShopsResult, PaymentsStatus } from '@makeries/shared';
import type { Actor } from '../../context';
import type { DbOrTx } from '../../db/client';
import type { Env } from '../../env';
import { canTakeCards, vendorPayments } from './vendor-account';

/** Card payments need both keys for the browser; the counter's Terminal needs the secret key and an enabled shop. */
export async function paymentsStatus(db: DbOrTx, env: Env, actor: Actor): Promise<PaymentsStatus> {
  const secret = Boolean(env.STRIPE_SECRET_KEY);
  const publishableKey = secret && env.STRIPE_PUBLISHABLE_KEY ? env.STRIPE_PUBLISHABLE_KEY : null;
  let terminalAvailable = false;
  if (secret && (actor.kind === 'device' || actor.kind === 'staff')) {
    terminalAvailable = canTakeCards(await vendorPayments(db, env, actor.vendorId));
  }
  return { cardConfigured: publishableKey !== null, terminalAvailable, publishableKey };
}

/** Whether a cart's shops can all take cards, so the storefront only offers card when it will work. */
export async function cardShops(db: DbOrTx, env: Env, vendorIds: string[]): Promise<CardShopsResult> {
  const configured = Boolean(env.STRIPE_SECRET_KEY && env.STRIPE_PUBLISHABLE_KEY);
  const unavailableVendorIds: string[] = [];
  for (const id of new Set(vendorIds)) {
    const ok = await vendorPayments(db, env, id).then(canTakeCards, () => false);
    if (!ok) unavailableVendorIds.push(id);
  }
  return { available: configured && unavailableVendorIds.length === 0, unavailableVendorIds };
}
