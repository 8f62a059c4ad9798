import { AppError, type CheckoutInput, type SetSmsInput, type SmsSettings } from '@makeries/shared';
import { eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { customerSms, orderSms, smsNumbers } from '../../../db/schema/index';
import type { Env } from '../../../env';
import { displayNumber, readMobile } from './phone';
import { smsConfig } from './sms-env';

function mobileOrRefuse(env: Env, raw: string, path: string): string {
  const read = readMobile(raw, env.MARKET_COUNTRY);
  if (read.ok) return read.e164;
  throw new AppError('BAD_INPUT', `${read.message}.`, { issues: [{ path, message: read.message }] });
}

/**
 * "Text me about this order" at checkout: the number to text (E.164), or null when it was not ticked. A number
 * that cannot take texts refuses the checkout (BAD_INPUT on the phone field) before anything is written.
 */
export function checkoutSmsNumber(env: Env, input: Pick<CheckoutInput, 'smsOptIn' | 'contact'>): string | null {
  return input.smsOptIn === true ? mobileOrRefuse(env, input.contact.phone, 'contact.phone') : null;
}

/** Records that these orders (one checkout) may be texted at `phone`; in the checkout's transaction. */
export async function recordOrderSmsConsent(tx: DbOrTx, orderIds: readonly string[], phone: string): Promise<void> {
  if (orderIds.length === 0) return;
  await tx
    .insert(orderSms)
    .values(orderIds.map((orderId) => ({ orderId, phone })))
    .onConflictDoNothing();
}

/** Numbers that replied STOP (or that the provider reports unsubscribed), among these. */
async function optedOutAmong(db: DbOrTx, phones: readonly string[]): Promise<Set<string>> {
  if (phones.length === 0) return new Set();
  const rows = await db
    .select({ phone: smsNumbers.phone })
    .from(smsNumbers)
    .where(sql`${inArray(smsNumbers.phone, [...phones])} AND ${smsNumbers.optedOutAt} IS NOT NULL`);
  return new Set(rows.map((r) => r.phone));
}

/** STOP (or the provider's "unsubscribed"): no more texts to this number, from any order or account. */
export async function optOutNumber(db: DbOrTx, phone: string, source: 'stop' | 'provider', now: Date): Promise<void> {
  await db
    .insert(smsNumbers)
    .values({ phone, optedOutAt: now, optOutSource: source, updatedAt: now })
    .onConflictDoUpdate({ target: smsNumbers.phone, set: { optedOutAt: sql`coalesce(${smsNumbers.optedOutAt}, excluded.opted_out_at)`, optOutSource: sql`coalesce(${smsNumbers.optOutSource}, excluded.opt_out_source)`, updatedAt: now } });
}

/** START: the number may be texted again (where an order or account still has it opted in). */
export async function optInNumber(db: DbOrTx, phone: string, now: Date): Promise<void> {
  await db.update(smsNumbers).set({ optedOutAt: null, optOutSource: null, updatedAt: now }).where(eq(smsNumbers.phone, phone));
}

/** A signed-in customer's texts: their number, whether they want texts on it, and whether it said STOP. */
export async function smsSettings(db: DbOrTx, env: Env, customerId: string): Promise<SmsSettings> {
  const available = smsConfig(env) !== null;
  const [row] = await db.select().from(customerSms).where(eq(customerSms.customerId, customerId));
  if (!row) return { available, phone: null, display: null, enabled: false, optedOut: false };
  const optedOut = (await optedOutAmong(db, [row.phone])).has(row.phone);
  return { available, phone: row.phone, display: displayNumber(row.phone, env.MARKET_COUNTRY), enabled: row.enabled, optedOut };
}

/**
 * Saves the customer's number (read with the marketplace's country) and whether they want texts. Turning texts on
 * needs a mobile number; an empty number with texts off forgets the number. Bad input writes nothing.
 */
export async function setSmsSettings(db: DbOrTx, env: Env, customerId: string, input: SetSmsInput): Promise<SmsSettings> {
  if (input.phone === '') {
    if (input.enabled) throw new AppError('BAD_INPUT', 'Enter your mobile number to get texts.', { issues: [{ path: 'phone', message: 'Enter your mobile number to get texts' }] });
    await db.delete(customerSms).where(eq(customerSms.customerId, customerId));
    return smsSettings(db, env, customerId);
  }
  const phone = mobileOrRefuse(env, input.phone, 'phone');
  const now = new Date();
  await db
    .insert(customerSms)
    .values({ customerId, phone, enabled: input.enabled, updatedAt: now })
    .onConflictDoUpdate({ target: customerSms.customerId, set: { phone, enabled: input.enabled, updatedAt: now } });
  return smsSettings(db, env, customerId);
}
