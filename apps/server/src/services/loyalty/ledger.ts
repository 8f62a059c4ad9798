import { uuidv7, type LoyaltyScheme } from '@makeries/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client';
import { loyaltyBalances, loyaltyEntries } from '../../db/schema/index';

export interface LoyaltyEntryInput {
  vendorId: string;
  customerId: string;
  scheme: LoyaltyScheme;
  kind: 'earn' | 'redeem' | 'reversal';
  /** e.g. `order:<id>:earn`: the entry is written once per shop and key, whatever repeats */
  naturalKey: string;
  orderId: string | null;
  /** signed: earn +, redeem −, reversal ± */
  units: number;
  cents?: number;
}

export interface AppendResult {
  /** false: an entry with this key was already there (a repeated push or transition); nothing changed */
  inserted: boolean;
  /** the balance after the entry */
  balance: number;
  /** how far below zero this entry took the balance (offline redemptions only) */
  overdrawn: number;
}

/**
 * Appends one ledger entry and moves the balance row in the same transaction. The balance row is upserted first
 * (locking it), so two entries for one card never race; a key already recorded changes nothing.
 */
export async function appendLoyaltyEntry(tx: Tx, e: LoyaltyEntryInput): Promise<AppendResult> {
  const current = await lockBalance(tx, e.customerId, e.vendorId, e.scheme);
  const after = current + e.units;
  const overdrawn = e.units < 0 && after < 0 ? Math.min(-after, -e.units) : 0;
  const rows = await tx
    .insert(loyaltyEntries)
    .values({ id: uuidv7(), vendorId: e.vendorId, customerId: e.customerId, scheme: e.scheme, kind: e.kind, naturalKey: e.naturalKey, orderId: e.orderId, units: e.units, cents: e.cents ?? 0, overdrawn })
    .onConflictDoNothing({ target: [loyaltyEntries.vendorId, loyaltyEntries.naturalKey] })
    .returning({ id: loyaltyEntries.id });
  if (rows.length === 0) return { inserted: false, balance: current, overdrawn: 0 };
  await tx
    .update(loyaltyBalances)
    .set({ units: after, updatedAt: new Date() })
    .where(and(eq(loyaltyBalances.customerId, e.customerId), eq(loyaltyBalances.vendorId, e.vendorId), eq(loyaltyBalances.scheme, e.scheme)));
  return { inserted: true, balance: after, overdrawn };
}

/** The card's balance, its row created and locked for the rest of the transaction. */
async function lockBalance(tx: Tx, customerId: string, vendorId: string, scheme: LoyaltyScheme): Promise<number> {
  await tx.insert(loyaltyBalances).values({ customerId, vendorId, scheme, units: 0 }).onConflictDoNothing();
  const [row] = await tx
    .select({ units: loyaltyBalances.units })
    .from(loyaltyBalances)
    .where(and(eq(loyaltyBalances.customerId, customerId), eq(loyaltyBalances.vendorId, vendorId), eq(loyaltyBalances.scheme, scheme)))
    .for('update');
  return row?.units ?? 0;
}

export async function balanceOf(db: DbOrTx, customerId: string, vendorId: string, scheme: LoyaltyScheme): Promise<number> {
  const [row] = await db
    .select({ units: loyaltyBalances.units })
    .from(loyaltyBalances)
    .where(and(eq(loyaltyBalances.customerId, customerId), eq(loyaltyBalances.vendorId, vendorId), eq(loyaltyBalances.scheme, scheme)));
  return row?.units ?? 0;
}

/** The entries of one order by kind of key, to work out what a refund or cancellation still has to reverse. */
export async function orderEntries(tx: Tx, vendorId: string, orderId: string): Promise<(typeof loyaltyEntries.$inferSelect)[]> {
  return tx
    .select()
    .from(loyaltyEntries)
    .where(and(eq(loyaltyEntries.vendorId, vendorId), eq(loyaltyEntries.orderId, orderId)))
    .orderBy(sql`${loyaltyEntries.createdAt}, ${loyaltyEntries.id}`);
}
