import { AppError, type PayoutDay, type PayoutsInput, type PayoutsResult } from '@makeries/shared';
import { eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { vendors } from '../../db/schema/index';

interface Row {
  day: string;
  charges: number | string;
  fees: number | string;
  transfers: number | string;
  refunds: number | string;
}

/**
 * The shop's card money per day in its own time zone: card charges (web orders when paid, counter card
 * payments), the marketplace's fees, what reached its Stripe account (transfers net of reversals; counter
 * payments are destination charges, transferred at once), and refunds. Net = charges − fees − refunds.
 */
export async function payouts(db: Db, vendorId: string, input: PayoutsInput): Promise<PayoutsResult> {
  const [vendor] = await db.select({ tz: vendors.timezone, currency: vendors.currency }).from(vendors).where(eq(vendors.id, vendorId));
  if (!vendor) throw new AppError('NOT_FOUND', 'We could not find that shop.');
  const tz = vendor.tz;
  const dayOf = (col: string) => sql`to_char((${sql.raw(col)} AT TIME ZONE ${tz})::date, 'YYYY-MM-DD')`;
  const rows = await queryRows<Row>(
    db,
    sql`
    WITH items AS (
      SELECT ${dayOf('p.succeeded_at')} AS day, o.total_cents AS charges, 0 AS fees, 0 AS transfers, 0 AS refunds
        FROM orders o JOIN payments p ON p.checkout_id = o.checkout_id AND p.kind = 'checkout'
        WHERE o.vendor_id = ${vendorId} AND p.status = 'succeeded'
      UNION ALL
      SELECT ${dayOf('p.succeeded_at')}, p.amount_cents, p.fee_cents, p.amount_cents - p.fee_cents, 0
        FROM payments p WHERE p.kind = 'terminal' AND p.vendor_id = ${vendorId} AND p.status = 'succeeded'
      UNION ALL
      SELECT ${dayOf('t.paid_at')}, 0, t.fee_cents, t.amount_cents - t.reversed_cents, 0
        FROM payment_transfers t WHERE t.vendor_id = ${vendorId} AND t.status = 'paid'
      UNION ALL
      SELECT ${dayOf('r.created_at')}, 0, 0, 0, r.amount_cents
        FROM payment_refunds r WHERE r.vendor_id = ${vendorId} AND r.status = 'succeeded'
    )
    SELECT day, sum(charges) AS charges, sum(fees) AS fees, sum(transfers) AS transfers, sum(refunds) AS refunds
      FROM items WHERE day BETWEEN ${input.from} AND ${input.to}
      GROUP BY day ORDER BY day`,
  );
  const days: PayoutDay[] = rows.map((r) => {
    const charges = Number(r.charges);
    const fees = Number(r.fees);
    const refunds = Number(r.refunds);
    return { date: r.day, chargesCents: charges, feesCents: fees, transfersCents: Number(r.transfers), refundsCents: refunds, netCents: charges - fees - refunds };
  });
  return { currency: vendor.currency, days };
}
