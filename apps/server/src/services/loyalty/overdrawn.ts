import { AppError } from '@makeries/shared';
import { and, desc, eq, gt, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { customers, loyaltyEntries, orders } from '../../db/schema/index';

export interface OverdrawnRedemption {
  entryId: string;
  orderId: string | null;
  orderNumber: string | null;
  customerName: string;
  scheme: 'stamps' | 'points';
  units: number;
  overdrawn: number;
  at: string;
}

/**
 * Redemptions made offline at the till that took a card below zero when they synced: never refused (the sale
 * happened), reported here for the owner or a manager to follow up, newest first.
 */
export async function overdrawnRedemptions(db: DbOrTx, vendorId: string, input: { cursor?: string | undefined; limit: number }): Promise<{ items: OverdrawnRedemption[]; nextCursor: string | null }> {
  if (input.cursor && !/^[0-9a-f-]{36}$/i.test(input.cursor)) throw new AppError('BAD_INPUT', 'That page link is not valid. Start from the first page.');
  const rows = await db
    .select({ e: loyaltyEntries, name: customers.name, number: orders.number })
    .from(loyaltyEntries)
    .innerJoin(customers, eq(customers.id, loyaltyEntries.customerId))
    .leftJoin(orders, eq(orders.id, loyaltyEntries.orderId))
    .where(and(eq(loyaltyEntries.vendorId, vendorId), gt(loyaltyEntries.overdrawn, 0), input.cursor ? lt(loyaltyEntries.id, input.cursor) : undefined))
    .orderBy(desc(loyaltyEntries.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  return {
    items: page.map(({ e, name, number }) => ({
      entryId: e.id,
      orderId: e.orderId,
      orderNumber: number,
      customerName: name,
      scheme: e.scheme,
      units: -e.units,
      overdrawn: e.overdrawn,
      at: e.createdAt.toISOString(),
    })),
    nextCursor: rows.length > input.limit ? (page[page.length - 1]?.e.id ?? null) : null,
  };
}
