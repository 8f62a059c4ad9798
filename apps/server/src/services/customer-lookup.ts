import type { CounterCustomer } from '@makeries/shared';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { customers } from '../db/schema/index';

/**
 * A counter attaching a customer to a sale: an exact email (any case) or an exact phone number compared by its
 * digits only ("07700 900-123" finds "07700900123"). Exact matches only, never a list to browse, so a counter
 * cannot enumerate the marketplace's customers.
 */
export async function lookupCustomer(db: DbOrTx, query: string): Promise<CounterCustomer | null> {
  const q = query.trim();
  const digits = q.replace(/\D/g, '');
  const byEmail = q.includes('@');
  if (!byEmail && digits.length < 6) return null;
  const [row] = await db
    .select({ id: customers.id, name: customers.name, email: customers.email, phone: customers.phone })
    .from(customers)
    .where(
      byEmail
        ? sql`lower(${customers.email}) = ${q.toLowerCase()}`
        : sql`${customers.phone} <> '' AND regexp_replace(${customers.phone}, '[^0-9]', '', 'g') = ${digits}`,
    )
    .limit(1);
  return row ?? null;
}
