import { createMarketplacePromoInput, createShopPromoInput, uuidv7, type PromoView } from '@makeries/shared';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { queryRows, type Db } from '../../db/client';
import { operators } from '../../db/schema/index';
import { createMarketplacePromo, createShopPromo } from './manage';

/** Test set-up for promo codes: codes made through the same services the procedures use. Not a test file itself. */

export function shopPromo(db: Db, vendorId: string, input: z.input<typeof createShopPromoInput>): Promise<PromoView> {
  return createShopPromo(db, vendorId, null, createShopPromoInput.parse(input));
}

let operatorSeq = 0;

export async function marketPromo(db: Db, input: z.input<typeof createMarketplacePromoInput>): Promise<PromoView> {
  const operatorId = uuidv7();
  operatorSeq++;
  await db.insert(operators).values({ id: operatorId, email: `promo-op${operatorSeq}-${operatorId.slice(-6)}@makeries.test`, name: 'Promo Operator', passwordHash: 'unusable', totpSecret: 'unused' });
  return createMarketplacePromo(db, operatorId, createMarketplacePromoInput.parse(input));
}

/** A code's use counter and its redemptions, to prove what a checkout (or a refused one) wrote. */
export async function promoState(db: Db, promoId: string): Promise<{ uses: number; given: number; redemptions: number; overLimit: number }> {
  const [row] = await queryRows<{ uses: number; given: string; redemptions: string; over: string }>(
    db,
    sql`SELECT uses, discount_given_cents AS given,
      (SELECT count(*) FROM promo_redemptions r WHERE r.promo_code_id = p.id) AS redemptions,
      (SELECT count(*) FROM promo_redemptions r WHERE r.promo_code_id = p.id AND r.over_limit) AS over
      FROM promo_codes p WHERE p.id = ${promoId}`,
  );
  return { uses: row?.uses ?? 0, given: Number(row?.given ?? 0), redemptions: Number(row?.redemptions ?? 0), overLimit: Number(row?.over ?? 0) };
}
