import { AppError, uuidv7, type CheckoutInput, type CheckoutResult } from '@makeries/shared';
import { asc, eq } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../db/client';
import { checkouts, orders, vendors } from '../../db/schema/index';
import type { Env } from '../../env';
import { enqueueOrderEmail } from '../email/enqueue';
import { planWebLoyalty, redeemOnWebOrder, webLoyaltyAdjustments } from '../loyalty/web-checkout';
import { applyCheckoutPromo, countPromoUse, recordOrderPromo } from '../promos/checkout';
import { checkoutSmsNumber, recordOrderSmsConsent } from '../notify/sms/consent';
import { prepareCardCheckout, requireCardCheckout } from '../payments/checkout-card';
import { loadVendorCarts } from './checkout-load';
import { priceCarts } from './checkout-price';
import { bumpPopularity, claimCheckout, reserveAll, writeOrder } from './checkout-write';
import { orderTrackingToken } from './tracking-token';

export interface Buyer {
  /** null for a guest checkout */
  customerId: string | null;
  /** the customer session submitting it: an unconfirmed account sees its orders only in this session */
  sessionId: string | null;
}

/** Thrown inside the transaction when another submit already claimed the idempotency key. */
class AlreadyCheckedOut extends Error {}

/**
 * One storefront submit → one order per vendor, all in one transaction: any vendor failing (stock, hours,
 * zone, minimum…) fails everything and writes nothing. The same idempotency key returns the first result.
 */
export async function checkout(db: Db, env: Env, buyer: Buyer, input: CheckoutInput): Promise<CheckoutResult> {
  const earlier = await replayCheckout(db, env, input.idempotencyKey, buyer);
  if (earlier) return earlier;
  try {
    return await db.transaction((tx) => placeCheckout(tx, env, buyer, input));
  } catch (e) {
    if (!(e instanceof AlreadyCheckedOut)) throw e;
    const replay = await replayCheckout(db, env, input.idempotencyKey, buyer);
    if (!replay) throw new AppError('CONFLICT', 'This checkout is still being processed. Please try again in a moment.');
    return replay;
  }
}

async function placeCheckout(tx: Tx, env: Env, buyer: Buyer, input: CheckoutInput): Promise<CheckoutResult> {
  const now = new Date();
  const textTo = checkoutSmsNumber(env, input);
  const carts = await loadVendorCarts(tx, input);
  const loyalty = await planWebLoyalty(tx, buyer.customerId, input.loyalty, carts.map((c) => c.vendor.id));
  // the promo code goes first (withPromo puts it before the loyalty reward), then the reward takes from what is left
  const promo = await applyCheckoutPromo(
    tx,
    input.promoCode,
    await priceCarts(tx, carts, now, (vendorId) => webLoyaltyAdjustments(loyalty, vendorId)),
    { customerId: buyer.customerId, email: input.contact.email },
    now,
  );
  const priced = promo.carts;
  const first = priced[0];
  if (!first) throw new AppError('BAD_INPUT', 'Your cart is empty.');
  if (input.paymentMethod === 'card') await requireCardCheckout(tx, env, priced.map((c) => c.vendor.id));
  const checkoutId = uuidv7();
  const currency = first.vendor.currency;
  const totalCents = priced.reduce((sum, c) => sum + c.totals.totalCents, 0);
  const claimed = await claimCheckout(tx, {
    checkoutId,
    idempotencyKey: input.idempotencyKey,
    customerId: buyer.customerId,
    sessionId: buyer.sessionId,
    contact: input.contact,
    currency,
    totalCents,
    paymentMethod: input.paymentMethod,
  });
  if (!claimed) throw new AlreadyCheckedOut();
  await reserveAll(tx, priced);
  const ctx = { checkoutId, customerId: buyer.customerId, contact: input.contact, note: input.note ?? '', now };
  const created: CheckoutResult['orders'] = [];
  for (const cart of priced) {
    const { id, number } = await writeOrder(tx, cart, ctx);
    await recordOrderPromo(tx, promo.applied, cart, id, checkoutId);
    await redeemOnWebOrder(tx, loyalty, { id, vendorId: cart.vendor.id, adjustments: cart.totals.adjustments });
    created.push({
      id,
      number,
      vendorId: cart.vendor.id,
      vendorName: cart.vendor.name,
      totalCents: cart.totals.totalCents,
      currency: cart.vendor.currency,
      status: 'placed',
      trackingToken: orderTrackingToken(env, id, input.idempotencyKey),
    });
    await enqueueOrderEmail(tx, env, id, 'confirmation');
  }
  await countPromoUse(tx, promo.applied, priced);
  if (textTo) await recordOrderSmsConsent(tx, created.map((o) => o.id), textTo);
  await bumpPopularity(tx, priced);
  if (input.paymentMethod === 'card') await prepareCardCheckout(tx, checkoutId, totalCents, currency);
  return { checkoutId, orders: created, totalCents, currency };
}

/** The result of an earlier submit with this key, or null if there was none. */
async function replayCheckout(db: DbOrTx, env: Env, idempotencyKey: string, buyer: Buyer): Promise<CheckoutResult | null> {
  const [found] = await db.select().from(checkouts).where(eq(checkouts.idempotencyKey, idempotencyKey)).limit(1);
  if (!found) return null;
  if (found.customerId !== null && found.customerId !== buyer.customerId) {
    throw new AppError('CONFLICT', 'This checkout was already submitted from another account.');
  }
  const rows = await db
    .select({
      id: orders.id,
      number: orders.number,
      vendorId: orders.vendorId,
      vendorName: vendors.name,
      totalCents: orders.totalCents,
      currency: orders.currency,
      status: orders.status,
    })
    .from(orders)
    .innerJoin(vendors, eq(vendors.id, orders.vendorId))
    .where(eq(orders.checkoutId, found.id))
    .orderBy(asc(orders.id));
  return {
    checkoutId: found.id,
    orders: rows.map((r) => ({ ...r, trackingToken: orderTrackingToken(env, r.id, idempotencyKey) })),
    totalCents: found.totalCents,
    currency: found.currency,
  };
}
