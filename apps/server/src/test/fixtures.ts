import { uuidv7, type OpeningHours } from '@makeries/shared';
import type { Db } from '../db/client';
import { customers, sessions, staff, vendors } from '../db/schema/index';
import { newToken, hashToken } from '../services/tokens';

/**
 * Test set-up rows written straight to the (real) database. Tests then act through routers.
 * Passwords/PINs here are pre-hashed placeholders: tests that log in create their users via the auth router.
 */
export const ALWAYS_OPEN: OpeningHours = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '00:00', close: '24:00' }));

export interface VendorFixture {
  vendorId: string;
  slug: string;
  ownerId: string;
  managerId: string;
  cashierId: string;
  ownerToken: string;
  managerToken: string;
  cashierToken: string;
}

let seq = 0;

export async function createVendorFixture(db: Db, overrides: Partial<typeof vendors.$inferInsert> = {}): Promise<VendorFixture> {
  seq++;
  const vendorId = uuidv7();
  const slug = overrides.slug ?? `vendor-${seq}-${vendorId.slice(-6)}`;
  await db.insert(vendors).values({
    id: vendorId,
    slug,
    name: `Test Vendor ${seq}`,
    email: `${slug}@example.test`,
    addressLine1: '1 High Street',
    city: 'Bristol',
    postcode: 'BS1 1AA',
    country: 'GB',
    lat: 51.4545,
    lng: -2.5879,
    timezone: 'Europe/London',
    currency: 'GBP',
    taxMode: 'inclusive',
    openingHours: ALWAYS_OPEN,
    status: 'approved',
    ...overrides,
  });
  const tokens: Record<'owner' | 'manager' | 'cashier', { id: string; token: string }> = {
    owner: { id: uuidv7(), token: newToken() },
    manager: { id: uuidv7(), token: newToken() },
    cashier: { id: uuidv7(), token: newToken() },
  };
  for (const role of ['owner', 'manager', 'cashier'] as const) {
    const t = tokens[role];
    await db.insert(staff).values({
      id: t.id,
      vendorId,
      name: `${role} ${seq}`,
      email: role === 'cashier' ? null : `${role}.${slug}@example.test`,
      role,
    });
    await db.insert(sessions).values({
      id: uuidv7(),
      tokenHash: hashToken(t.token),
      kind: 'staff',
      staffId: t.id,
      expiresAt: new Date(Date.now() + 3600_000),
    });
  }
  return {
    vendorId,
    slug,
    ownerId: tokens.owner.id,
    managerId: tokens.manager.id,
    cashierId: tokens.cashier.id,
    ownerToken: tokens.owner.token,
    managerToken: tokens.manager.token,
    cashierToken: tokens.cashier.token,
  };
}

export interface CustomerFixture {
  customerId: string;
  email: string;
  cookie: string;
}

/** A signed-in customer with a session cookie; the email is confirmed unless `verified: false`. */
export async function createCustomerFixture(db: Db, opts: { verified?: boolean } = {}): Promise<CustomerFixture> {
  seq++;
  const customerId = uuidv7();
  const email = `customer${seq}-${customerId.slice(-6)}@example.test`;
  const emailVerifiedAt = opts.verified === false ? null : new Date();
  await db.insert(customers).values({ id: customerId, email, name: `Customer ${seq}`, passwordHash: 'unusable', emailVerifiedAt });
  const cookie = newToken();
  await db.insert(sessions).values({
    id: uuidv7(),
    tokenHash: hashToken(cookie),
    kind: 'customer',
    customerId,
    expiresAt: new Date(Date.now() + 3600_000),
  });
  return { customerId, email, cookie };
}
