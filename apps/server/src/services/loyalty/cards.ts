import { AppError, type LoyaltyCard, type LoyaltyCardsPage, type LoyaltyCounterCustomer, type LoyaltyProgramme } from '@makeries/shared';
import { and, asc, eq, gt, inArray, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { loyaltyBalances, loyaltyProgrammes, vendors } from '../../db/schema/index';
import type { Env } from '../../env';
import { counterCustomerColumns, lookupCustomer } from '../customer-lookup';
import { balanceOf } from './ledger';
import { loyaltyProgrammeOf, loyaltyProgrammesOf, programmeOf } from './programme';
import { customerOfLoyaltyToken } from './qr';
import { customers } from '../../db/schema/index';

/**
 * A customer's cards across shops, paged by shop id: the balance under each shop's current programme
 * (a switched programme's old balance stays in the ledger, not on the page).
 */
export async function myLoyaltyCards(db: DbOrTx, customerId: string, input: { cursor?: string | undefined; limit: number }): Promise<LoyaltyCardsPage> {
  const rows = await db
    .select({ b: loyaltyBalances, v: { name: vendors.name, currency: vendors.currency }, p: loyaltyProgrammes })
    .from(loyaltyBalances)
    .innerJoin(loyaltyProgrammes, and(eq(loyaltyProgrammes.vendorId, loyaltyBalances.vendorId), eq(loyaltyProgrammes.kind, loyaltyBalances.scheme)))
    .innerJoin(vendors, eq(vendors.id, loyaltyBalances.vendorId))
    .where(and(eq(loyaltyBalances.customerId, customerId), eq(vendors.status, 'approved'), input.cursor ? gt(loyaltyBalances.vendorId, uuidOr(input.cursor)) : undefined))
    .orderBy(asc(loyaltyBalances.vendorId))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const items: LoyaltyCard[] = page.map(({ b, v, p }) => ({ vendorId: b.vendorId, vendorName: v.name, currency: v.currency, programme: programmeOf(p), units: b.units }));
  return { items, nextCursor: rows.length > input.limit ? (page[page.length - 1]?.b.vendorId ?? null) : null };
}

function uuidOr(cursor: string): string {
  if (!/^[0-9a-f-]{36}$/i.test(cursor)) throw new AppError('BAD_INPUT', 'That page link is not valid. Start from the first page.');
  return cursor;
}

/** For checkout: each cart shop's programme (off included) and the customer's balance under it. */
export async function loyaltyForShops(db: DbOrTx, customerId: string, vendorIds: readonly string[]): Promise<LoyaltyCard[]> {
  const ids = [...new Set(vendorIds)];
  const [programmes, shopRows] = await Promise.all([
    loyaltyProgrammesOf(db, ids),
    db.select({ id: vendors.id, name: vendors.name, currency: vendors.currency }).from(vendors).where(and(inArray(vendors.id, ids), ne(vendors.status, 'pending'))),
  ]);
  const cards: LoyaltyCard[] = [];
  for (const v of shopRows) {
    const programme: LoyaltyProgramme = programmes.get(v.id) ?? { kind: 'off' };
    const units = programme.kind === 'off' ? 0 : await balanceOf(db, customerId, v.id, programme.kind);
    cards.push({ vendorId: v.id, vendorName: v.name, currency: v.currency, programme, units });
  }
  return cards;
}

/**
 * The counter finds a customer and their card at this shop: by the QR code from their account page, or by an
 * exact phone number or email (masked unless a customer of the shop, as counterCustomers.lookup).
 */
export async function counterLoyaltyLookup(db: DbOrTx, env: Env, vendorId: string, query: string): Promise<LoyaltyCounterCustomer | null> {
  const fromQr = query.trim().startsWith('MKL1.') ? customerOfLoyaltyToken(env, query) : undefined;
  if (fromQr === null) throw new AppError('NOT_FOUND', 'This QR code is not a Makeries loyalty card. Ask the customer to open their account page again.');
  const customer = fromQr ? await customerById(db, vendorId, fromQr) : await lookupCustomer(db, vendorId, query);
  if (!customer) return null;
  const programme = await loyaltyProgrammeOf(db, vendorId);
  const units = programme.kind === 'off' ? 0 : await balanceOf(db, customer.id, vendorId, programme.kind);
  return { customer, programme, units };
}

/** A scanned card shows who it is: the customer chose to show it, so their name and contact are not masked. */
async function customerById(db: DbOrTx, vendorId: string, customerId: string) {
  const [row] = await db
    .select(counterCustomerColumns(vendorId))
    .from(customers)
    .where(eq(customers.id, customerId));
  return row ?? null;
}

/** The counter's online balance check for the customer attached to a sale. */
export async function counterLoyaltyBalance(db: DbOrTx, vendorId: string, customerId: string): Promise<{ programme: LoyaltyProgramme; units: number }> {
  const programme = await loyaltyProgrammeOf(db, vendorId);
  const units = programme.kind === 'off' ? 0 : await balanceOf(db, customerId, vendorId, programme.kind);
  return { programme, units };
}
