import type { CounterCustomer } from '@makeries/shared';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { customers } from '../db/schema/index';

const DOTS = '•••';
const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** What a reader sees as one character: "é" written as e + accent, or a flag, stays whole. */
function graphemes(s: string): string[] {
  return Array.from(GRAPHEMES.segment(s), (g) => g.segment);
}

/** "Alice Fox" → "A•••x": enough for the customer to recognise, not enough to learn a stranger's name. */
export function maskName(name: string): string {
  const chars = graphemes(name.trim());
  if (chars.length === 0) return '';
  return chars.length === 1 ? `${chars[0]}${DOTS}` : `${chars[0]}${DOTS}${chars[chars.length - 1]}`;
}

/** "alice@example.com" → "a•••@example.com" */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return email === '' ? '' : DOTS;
  return `${graphemes(email)[0] ?? ''}${DOTS}${email.slice(at)}`;
}

/** "07700 900123" → "•••• 123" */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits === '' ? '' : `•••• ${digits.slice(-3)}`;
}

/** A customer as a counter sees them, and whether they are already this shop's customer (an order of theirs here). */
export function counterCustomerColumns(vendorId: string) {
  return {
    id: customers.id,
    name: customers.name,
    email: customers.email,
    phone: customers.phone,
    // qualified by hand: drizzle renders a lone table's columns unqualified, which the subquery would capture
    known: sql<boolean>`EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = "customers"."id" AND o.vendor_id = ${vendorId}::uuid)`,
  };
}

/**
 * A counter attaching a customer to a sale: an exact email (any case) or an exact phone number compared by its
 * digits only ("07700 900-123" finds "07700900123"). Exact matches only, never a list to browse, so a counter
 * cannot enumerate the marketplace's customers. Full details only for the shop's own customers (any order of
 * theirs at this shop, web or counter — attaching a customer to a sale makes it one); others come masked, with
 * the id so the sale can still be attached once the customer confirms at the till; the email or phone the
 * cashier typed is echoed as typed.
 */
export async function lookupCustomer(db: DbOrTx, vendorId: string, query: string): Promise<CounterCustomer | null> {
  const q = query.trim();
  const digits = q.replace(/\D/g, '');
  const byEmail = q.includes('@');
  if (!byEmail && digits.length < 6) return null;
  const [row] = await db
    .select(counterCustomerColumns(vendorId))
    .from(customers)
    .where(
      byEmail
        ? sql`lower(${customers.email}) = ${q.toLowerCase()}`
        : sql`${customers.phone} <> '' AND regexp_replace(${customers.phone}, '[^0-9]', '', 'g') = ${digits}`,
    )
    .limit(1);
  if (!row) return null;
  if (row.known) return row;
  // what the cashier typed (and matched exactly) is no secret: echo it, so a receipt can still go to that email
  return {
    id: row.id,
    name: maskName(row.name),
    email: byEmail ? q.toLowerCase() : maskEmail(row.email),
    phone: byEmail ? maskPhone(row.phone) : q,
    known: false,
  };
}
