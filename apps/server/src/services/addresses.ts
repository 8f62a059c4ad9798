import { AppError, MAX_SAVED_ADDRESSES, uuidv7, type AddressCreateInput, type AddressUpdateInput, type SavedAddress } from '@makeries/shared';
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../db/client';
import { customerAddresses, customers } from '../db/schema/index';

/** A customer's saved delivery addresses; at most one is the default (a partial unique index holds that). */

type Row = typeof customerAddresses.$inferSelect;

function toView(r: Row): SavedAddress {
  return { id: r.id, label: r.label, line1: r.line1, line2: r.line2, city: r.city, postcode: r.postcode, lat: r.lat, lng: r.lng, isDefault: r.isDefault };
}

const NOT_FOUND = 'We could not find that address in your account.';

export async function listAddresses(db: DbOrTx, customerId: string): Promise<SavedAddress[]> {
  const rows = await db
    .select()
    .from(customerAddresses)
    .where(eq(customerAddresses.customerId, customerId))
    .orderBy(desc(customerAddresses.isDefault), desc(customerAddresses.updatedAt), desc(customerAddresses.id));
  return rows.map(toView);
}

async function clearDefault(tx: Tx, customerId: string, except: string): Promise<void> {
  await tx
    .update(customerAddresses)
    .set({ isDefault: false })
    .where(and(eq(customerAddresses.customerId, customerId), eq(customerAddresses.isDefault, true), ne(customerAddresses.id, except)));
}

function fields(input: AddressCreateInput) {
  return {
    label: input.label,
    line1: input.line1,
    line2: input.line2,
    city: input.city,
    postcode: input.postcode.toUpperCase(),
    lat: input.lat ?? null,
    lng: input.lng ?? null,
  };
}

/** The first address saved becomes the default. */
export async function createAddress(db: DbOrTx, customerId: string, input: AddressCreateInput): Promise<SavedAddress> {
  return db.transaction(async (tx) => {
    // serialise this customer's address writes so the count limit and the single default hold
    await tx.select({ id: customers.id }).from(customers).where(eq(customers.id, customerId)).for('update');
    const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(customerAddresses).where(eq(customerAddresses.customerId, customerId));
    const n = row?.n ?? 0;
    if (n >= MAX_SAVED_ADDRESSES) {
      throw new AppError('CONFLICT', `You can save up to ${MAX_SAVED_ADDRESSES} addresses. Delete one you no longer use first.`);
    }
    const id = uuidv7();
    const isDefault = input.isDefault || n === 0;
    if (isDefault) await clearDefault(tx, customerId, id);
    const [created] = await tx.insert(customerAddresses).values({ id, customerId, ...fields(input), isDefault }).returning();
    if (!created) throw new Error('address insert returned no row');
    return toView(created);
  });
}

export async function updateAddress(db: DbOrTx, customerId: string, input: AddressUpdateInput): Promise<SavedAddress> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(customerAddresses)
      .where(and(eq(customerAddresses.id, input.addressId), eq(customerAddresses.customerId, customerId)))
      .for('update');
    if (!current) throw new AppError('NOT_FOUND', NOT_FOUND);
    // un-ticking "default" on the default address keeps it: choose another address as default instead
    const isDefault = input.isDefault || current.isDefault;
    if (isDefault) await clearDefault(tx, customerId, current.id);
    const [row] = await tx
      .update(customerAddresses)
      .set({ ...fields(input), isDefault, updatedAt: new Date() })
      .where(eq(customerAddresses.id, current.id))
      .returning();
    if (!row) throw new AppError('NOT_FOUND', NOT_FOUND);
    return toView(row);
  });
}

export async function makeDefaultAddress(db: DbOrTx, customerId: string, addressId: string): Promise<SavedAddress> {
  return db.transaction(async (tx) => {
    await clearDefault(tx, customerId, addressId);
    const [row] = await tx
      .update(customerAddresses)
      .set({ isDefault: true })
      .where(and(eq(customerAddresses.id, addressId), eq(customerAddresses.customerId, customerId)))
      .returning();
    if (!row) throw new AppError('NOT_FOUND', NOT_FOUND);
    return toView(row);
  });
}

/** Deleting the default makes the most recently used remaining address the default. */
export async function removeAddress(db: DbOrTx, customerId: string, addressId: string): Promise<{ ok: true }> {
  await db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(customerAddresses)
      .where(and(eq(customerAddresses.id, addressId), eq(customerAddresses.customerId, customerId)))
      .returning();
    if (!gone) throw new AppError('NOT_FOUND', NOT_FOUND);
    if (!gone.isDefault) return;
    const [next] = await tx
      .select({ id: customerAddresses.id })
      .from(customerAddresses)
      .where(eq(customerAddresses.customerId, customerId))
      .orderBy(desc(customerAddresses.updatedAt), desc(customerAddresses.id))
      .limit(1);
    if (next) await tx.update(customerAddresses).set({ isDefault: true }).where(eq(customerAddresses.id, next.id));
  });
  return { ok: true };
}
