import { AppError, uuidv7 } from '@makeries/shared';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { customers } from '../db/schema/index';

type CustomerRow = typeof customers.$inferSelect;

export interface CustomerProfile {
  id: string;
  name: string;
  email: string;
  phone: string;
  /** false until the customer follows the emailed confirmation link (or resets the password) */
  emailVerified: boolean;
  createdAt: string;
}

export function toCustomerProfile(row: CustomerRow): CustomerProfile {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    emailVerified: row.emailVerifiedAt !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Inserts a customer account (unverified), or returns null when the email (any case) already has one. */
export async function insertCustomerIfNew(
  db: DbOrTx,
  input: { name: string; email: string; passwordHash: string },
): Promise<CustomerProfile | null> {
  const [row] = await db
    .insert(customers)
    .values({ id: uuidv7(), name: input.name, email: input.email.toLowerCase(), passwordHash: input.passwordHash })
    .onConflictDoNothing()
    .returning();
  return row ? toCustomerProfile(row) : null;
}

/** The account with this email (any case), with its password hash, for sign-in only. */
export async function findCustomerByEmail(db: DbOrTx, email: string): Promise<CustomerRow | undefined> {
  const [row] = await db
    .select()
    .from(customers)
    .where(sql`lower(${customers.email}) = ${email.toLowerCase()}`)
    .limit(1);
  return row;
}

export async function getCustomerProfile(db: DbOrTx, customerId: string): Promise<CustomerProfile> {
  const [row] = await db.select().from(customers).where(eq(customers.id, customerId));
  if (!row) throw new AppError('NOT_FOUND', 'We could not find that account.');
  return toCustomerProfile(row);
}
