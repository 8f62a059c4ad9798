import { AppError, type TerminalReader, type TerminalRegisterReaderInput } from '@makeries/shared';
import { and, asc, eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Db } from '../../db/client';
import { terminalReaders, vendors } from '../../db/schema/index';
import type { Env } from '../../env';
import { callStripe, requireStripe } from './stripe-client';
import { requireCardVendor, vendorPayments, type VendorPayments } from './vendor-account';

/** Readers live at a Terminal location; one per shop, created on first use and remembered. */
async function locationFor(db: Db, stripe: Stripe, v: VendorPayments, existing: string | null): Promise<string> {
  if (existing) return existing;
  const location = await callStripe(() =>
    stripe.terminal.locations.create(
      {
        display_name: v.name,
        address: { line1: v.addressLine1, city: v.city, postal_code: v.postcode, country: v.country },
        metadata: { vendorId: v.id },
      },
      { idempotencyKey: `terminal-location-${v.id}` },
    ),
  );
  await db.update(vendors).set({ stripeTerminalLocationId: location.id }).where(eq(vendors.id, v.id));
  return location.id;
}

function view(r: Stripe.Terminal.Reader): TerminalReader {
  return { id: r.id, label: r.label, status: r.status === 'online' ? 'online' : 'offline', deviceType: r.device_type };
}

export async function registerReader(db: Db, env: Env, vendorId: string, input: TerminalRegisterReaderInput): Promise<TerminalReader> {
  const stripe = requireStripe(env);
  const v = requireCardVendor(await vendorPayments(db, env, vendorId));
  const [row] = await db.select({ loc: vendors.stripeTerminalLocationId }).from(vendors).where(eq(vendors.id, vendorId));
  const location = await locationFor(db, stripe, v, row?.loc ?? null);
  // registration codes are single-use, so no idempotency key can make a retry succeed; a failed call writes nothing
  const reader = await callStripe(() =>
    stripe.terminal.readers.create({ registration_code: input.registrationCode, label: input.label, location, metadata: { vendorId } }),
  );
  await db
    .insert(terminalReaders)
    .values({ id: reader.id, vendorId, label: reader.label, deviceType: reader.device_type })
    .onConflictDoNothing();
  return view(reader);
}

/** The shop's readers with their live status from Stripe. */
export async function listReaders(db: Db, env: Env, vendorId: string): Promise<TerminalReader[]> {
  const rows = await db.select().from(terminalReaders).where(eq(terminalReaders.vendorId, vendorId)).orderBy(asc(terminalReaders.createdAt));
  if (rows.length === 0) return [];
  const stripe = requireStripe(env);
  const out: TerminalReader[] = [];
  for (const r of rows) {
    const live = await callStripe(() => stripe.terminal.readers.retrieve(r.id));
    out.push('deleted' in live && live.deleted ? { id: r.id, label: r.label, status: 'offline', deviceType: r.deviceType } : view(live));
  }
  return out;
}

export async function requireOwnReader(db: Db, vendorId: string, readerId: string): Promise<void> {
  const [row] = await db
    .select({ id: terminalReaders.id })
    .from(terminalReaders)
    .where(and(eq(terminalReaders.id, readerId), eq(terminalReaders.vendorId, vendorId)))
    .limit(1);
  if (!row) throw new AppError('NOT_FOUND', 'That card reader is not registered to this shop. Register it in Settings first.');
}
