import { uuidv7, type SaleCompleteArgs } from '@makeries/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { orderLines, orders, promoCodes, promoRedemptions } from '../../db/schema/index';
import { customerFacts } from './lookup';
import type { PromoRow } from './rules';

/**
 * Whether a till sale went past what the code allowed when it synced: inactive, outside its dates, or a limit
 * already reached. Such a sale is never refused (it happened, often offline) — its redemption is flagged instead.
 */
async function overLimit(tx: Tx, promo: PromoRow, sale: SaleCompleteArgs): Promise<boolean> {
  const at = new Date(sale.completedAt);
  if (!promo.active || (promo.startsAt && promo.startsAt > at) || (promo.endsAt && promo.endsAt <= at)) return true;
  if (promo.totalLimit !== null && promo.uses >= promo.totalLimit) return true;
  if (promo.perCustomerLimit !== null && sale.customerId) {
    const facts = await customerFacts(tx, promo, { customerId: sale.customerId, email: null });
    if (facts.uses >= promo.perCustomerLimit) return true;
  }
  return false;
}

/**
 * Counter sales that used one of the shop's promo codes (called once per newly recorded sale, so a resent sale
 * redeems nothing twice; the redemption is also unique per order). Counted under the code's row lock like a
 * checkout; over-use is recorded and reported in the shop's and the operator's lists. A code the server does not
 * know for this shop is left off (the sale itself is kept as sold). Runs before the sale's stock is moved, so the
 * locks are taken in the same order as a checkout's (the code's row, then stock rows) and the two never deadlock.
 */
export async function recordSalePromos(tx: Tx, vendorId: string, sales: readonly SaleCompleteArgs[]): Promise<void> {
  for (const sale of sales) {
    if (!sale.promo) continue;
    const [promo] = await tx
      .select()
      .from(promoCodes)
      .where(and(eq(promoCodes.vendorId, vendorId), eq(promoCodes.code, sale.promo.code)))
      .limit(1)
      .for('update');
    if (!promo) continue;
    const over = await overLimit(tx, promo, sale);
    const inserted = await tx
      .insert(promoRedemptions)
      .values({
        id: uuidv7(),
        promoCodeId: promo.id,
        orderId: sale.id,
        vendorId,
        useKey: `sale:${sale.id}`,
        customerKey: sale.customerId ? `c:${sale.customerId}` : null,
        channel: 'counter',
        discountCents: sale.promo.cents,
        overLimit: over,
      })
      .onConflictDoNothing({ target: promoRedemptions.orderId })
      .returning({ id: promoRedemptions.id });
    if (inserted.length === 0) continue;
    await tx.update(orders).set({ promoCodeId: promo.id, promoCode: promo.code, promoFundedBy: 'shop', promoCents: sale.promo.cents }).where(eq(orders.id, sale.id));
    await tx
      .update(promoCodes)
      .set({
        uses: sql`${promoCodes.uses} + 1`,
        discountGivenCents: sql`${promoCodes.discountGivenCents} + ${sale.promo.cents}`,
        overLimitUses: sql`${promoCodes.overLimitUses} + ${over ? 1 : 0}`,
        updatedAt: new Date(),
      })
      .where(eq(promoCodes.id, promo.id));
  }
}

/** After the sale's lines are written: each line's share of the promo, for refunds and receipts. */
export async function recordSalePromoLines(tx: Tx, sales: readonly SaleCompleteArgs[]): Promise<void> {
  for (const sale of sales) {
    for (const line of sale.promo?.lines ?? []) {
      await tx.update(orderLines).set({ promoCents: line.cents }).where(and(eq(orderLines.orderId, sale.id), eq(orderLines.id, line.lineId)));
    }
  }
}
