import { and, eq, inArray, isNull, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { orders, promoCodes, promoRedemptions, vendors } from '../../db/schema/index';
import type { PromoCustomerFacts, PromoRow } from './rules';

/** Who is using a code: a signed-in customer's account, or the email a guest checks out with. */
export interface PromoCustomer {
  customerId: string | null;
  email: string | null;
}

export type FoundPromo = { promo: PromoRow } | { otherShop: string } | null;

/**
 * The code the customer typed, for a cart of these shops: the marketplace's code of that name first, then one of
 * the cart's shops' own codes. `lock` takes the row lock (checkout): limits are read and the use counted under it.
 * A shop code of a shop not in the cart is named, so the customer learns where it works.
 */
export async function findPromo(db: DbOrTx, code: string, vendorIds: readonly string[], lock: boolean): Promise<FoundPromo> {
  const forCart = or(isNull(promoCodes.vendorId), vendorIds.length ? inArray(promoCodes.vendorId, [...vendorIds]) : sql`false`);
  const query = db
    .select()
    .from(promoCodes)
    .where(and(eq(promoCodes.code, code), forCart))
    // marketplace code first (NULL vendor), then the shops in a stable order
    .orderBy(sql`${promoCodes.vendorId} IS NOT NULL`, promoCodes.vendorId)
    .limit(1);
  const [promo] = lock ? await query.for('update') : await query;
  if (promo) return { promo };
  const [other] = await db
    .select({ name: vendors.name })
    .from(promoCodes)
    .innerJoin(vendors, eq(vendors.id, promoCodes.vendorId))
    .where(and(eq(promoCodes.code, code), eq(promoCodes.active, true)))
    .limit(1);
  return other ? { otherShop: other.name } : null;
}

/** `c:<customer id>` for an account, `e:<email>` for a guest: how a redemption remembers who used it. */
export function customerKey(c: PromoCustomer): string | null {
  if (c.customerId) return `c:${c.customerId}`;
  return c.email ? `e:${c.email.toLowerCase()}` : null;
}

function customerKeys(c: PromoCustomer): string[] {
  const keys: string[] = [];
  if (c.customerId) keys.push(`c:${c.customerId}`);
  if (c.email) keys.push(`e:${c.email.toLowerCase()}`);
  return keys;
}

/** Earlier uses of the code by this customer (account or email) and whether they ordered before. */
export async function customerFacts(db: DbOrTx, promo: PromoRow, c: PromoCustomer): Promise<PromoCustomerFacts> {
  const keys = customerKeys(c);
  if (keys.length === 0) return { known: false, uses: 0, hasEarlierOrder: false };
  const [used] = await db
    .select({ n: sql<number>`count(DISTINCT ${promoRedemptions.useKey})::int` })
    .from(promoRedemptions)
    .where(and(eq(promoRedemptions.promoCodeId, promo.id), inArray(promoRedemptions.customerKey, keys)));
  const who: SQL[] = [];
  if (c.customerId) who.push(eq(orders.customerId, c.customerId));
  if (c.email) who.push(sql`lower(${orders.contact}->>'email') = ${c.email.toLowerCase()}`);
  const where = [or(...who), notInArray(orders.status, ['rejected', 'cancelled'])];
  if (promo.vendorId) where.push(eq(orders.vendorId, promo.vendorId));
  const [earlier] = await db.select({ id: orders.id }).from(orders).where(and(...where)).limit(1);
  return { known: true, uses: used?.n ?? 0, hasEarlierOrder: earlier !== undefined };
}
