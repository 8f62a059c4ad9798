import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { ZodError } from 'zod';
import { queryRows, type Db } from '../db/client';
import { addDevice, addProduct, checkoutRequest, createShop, type TestProduct } from '../services/orders/test-kit';
import { createCustomerFixture, type CustomerFixture, type VendorFixture } from '../test/fixtures';
import { describeEachDb, type Caller } from '../test/harness';
import { registration } from './identity-test-kit';

/**
 * A NUL byte in free text used to reach PostgreSQL, which refuses it: HTTP 500 and a retrying client. The shared
 * text() rule now refuses it, and other control characters, as BAD_INPUT (400) naming the field, before any write.
 */

const NUL = 'Jam\u0000';

interface World {
  shop: VendorFixture;
  jam: TestProduct;
  customer: CustomerFixture;
  orderId: string;
  deviceToken: string;
}

type As = 'anon' | 'owner' | 'customer' | 'device';
/** [procedure, who calls, the input, the path of the field the error names] */
type Case = [string, As, (w: World) => unknown, string];

const cases: Case[] = [
  ['vendors.register name', 'anon', () => registration({ name: NUL }), 'name'],
  ['vendors.register owner name', 'anon', () => registration({ owner: { name: NUL, email: 'o-nul@example.test', password: 'correct horse battery' } }), 'owner.name'],
  ['vendors.update description', 'owner', () => ({ description: `Fresh bread ${NUL}` }), 'description'],
  ['vendors.update address', 'owner', () => ({ addressLine1: NUL }), 'addressLine1'],
  ['vendors.setPaused reason', 'owner', () => ({ paused: true, reason: NUL }), 'reason'],
  ['auth.customerSignup name', 'anon', () => ({ name: NUL, email: 'nul@example.test', password: 'correct horse battery' }), 'name'],
  ['staff.create name', 'owner', () => ({ role: 'cashier', name: NUL, pin: '4321' }), 'name'],
  ['staff.update name', 'owner', (w) => ({ staffId: w.shop.ownerId, name: NUL }), 'name'],
  ['devices.createPairingCode device name', 'owner', () => ({ deviceName: NUL }), 'deviceName'],
  ['catalog.taxRates.create name', 'owner', () => ({ taxClass: 'reduced', name: NUL, rateBps: 500 }), 'name'],
  ['products.create name', 'owner', () => ({ name: NUL, variants: [{ sku: 'NUL-1', priceCents: 100 }] }), 'name'],
  ['products.create description', 'owner', () => ({ name: 'Jam', description: NUL, variants: [{ sku: 'NUL-2', priceCents: 100 }] }), 'description'],
  ['products.create variant SKU', 'owner', () => ({ name: 'Jam', variants: [{ sku: 'NUL\u0000', priceCents: 100 }] }), 'variants.0.sku'],
  ['products.update name', 'owner', (w) => ({ productId: w.jam.productId, name: NUL }), 'name'],
  ['products.upsertVariant name', 'owner', (w) => ({ productId: w.jam.productId, name: NUL, sku: 'NUL-3', priceCents: 100 }), 'name'],
  ['products.list q', 'owner', () => ({ q: NUL }), 'q'],
  ['inventory.adjust note', 'owner', (w) => ({ variantId: w.jam.variantId, quantity: -1, note: `broken ${NUL}` }), 'note'],
  ['orders.checkout contact name', 'customer', (w) => checkoutRequest([[w.jam, 1]], [{ vendorId: w.shop.vendorId }], { contact: { name: NUL, email: 'a@example.test', phone: '' } }), 'contact.name'],
  ['orders.checkout note', 'customer', (w) => checkoutRequest([[w.jam, 1]], [{ vendorId: w.shop.vendorId }], { note: `ring twice ${NUL}` }), 'note'],
  [
    'orders.checkout delivery address',
    'customer',
    (w) => checkoutRequest([[w.jam, 1]], [{ vendorId: w.shop.vendorId, type: 'delivery', address: { line1: NUL, city: 'Bristol', postcode: 'BS1 2AB', lat: 51.45, lng: -2.59 } }]),
    'fulfilment.0.address.line1',
  ],
  ['orders.transition reason', 'owner', (w) => ({ orderId: w.orderId, to: 'rejected', reason: `sold out ${NUL}` }), 'reason'],
  ['reviews.create body', 'customer', (w) => ({ orderId: w.orderId, rating: 5, body: `Lovely ${NUL}` }), 'body'],
  ['addresses.create line1', 'customer', () => ({ line1: NUL, city: 'Bristol', postcode: 'BS1 2AB' }), 'line1'],
  ['addresses.create label', 'customer', () => ({ label: 'Home\u202E', line1: '1 Mill Lane', city: 'Bristol', postcode: 'BS1 2AB' }), 'label'],
  ['search.products q', 'anon', () => ({ q: NUL }), 'q'],
  ['search.autocomplete q', 'anon', () => ({ q: NUL }), 'q'],
  ['counterCustomers.lookup query', 'device', () => ({ query: `ada${NUL}@example.test` }), 'query'],
  ['counterSales.find number', 'device', () => ({ number: `A1-${NUL}` }), 'number'],
];

/** Row count and content digest of every table: equal before and after means the call wrote nothing. */
async function dbDigest(db: Db): Promise<Record<string, string>> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await queryRows<{ n: number; h: string | null }>(
      db,
      sql`select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from ${sql.identifier(name)} t`,
    );
    out[name] = `${row?.n}:${row?.h}`;
  }
  return out;
}

function procedure(caller: Caller, path: string): (input: unknown) => Promise<unknown> {
  const fn = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return fn as (input: unknown) => Promise<unknown>;
}

describeEachDb('control characters in free text', (get) => {
  const db = () => get().database.db;
  let world: World | undefined;

  async function setUp(): Promise<World> {
    if (world) return world;
    const shop = await createShop(db());
    const jam = await addProduct(db(), shop.vendorId, { name: 'Jam', priceCents: 300, stock: 50 });
    const customer = await createCustomerFixture(db());
    const buyer = await get().caller({ sessionCookie: customer.cookie });
    const placed = await buyer.orders.checkout(checkoutRequest([[jam, 1]], [{ vendorId: shop.vendorId }]));
    const orderId = placed.orders[0]!.id;
    const owner = await get().caller({ bearer: shop.ownerToken });
    for (const to of ['accepted', 'ready', 'completed'] as const) await owner.orders.transition({ orderId, to });
    const { token } = await addDevice(db(), shop.vendorId);
    world = { shop, jam, customer, orderId, deviceToken: token };
    return world;
  }

  async function callerAs(w: World, as: As): Promise<Caller> {
    if (as === 'owner') return get().caller({ bearer: w.shop.ownerToken });
    if (as === 'customer') return get().caller({ sessionCookie: w.customer.cookie });
    if (as === 'device') return get().caller({ bearer: w.deviceToken });
    return get().caller({ ip: '10.99.0.1' });
  }

  it.each(cases.map((c) => [c[0], c] as const))('%s: BAD_INPUT (400) naming the field, nothing written', async (name, [, as, input, path]) => {
    const w = await setUp();
    const caller = await callerAs(w, as);
    const call = procedure(caller, name.split(' ')[0]!);
    const before = await dbDigest(db());
    const err = await call(input(w)).then(
      () => {
        throw new Error(`${name}: expected BAD_INPUT, but the call succeeded`);
      },
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TRPCError);
    const e = err as TRPCError;
    expect({ code: e.code, status: getHTTPStatusCodeFromError(e) }).toEqual({ code: 'BAD_REQUEST', status: 400 });
    expect(e.cause).toBeInstanceOf(ZodError);
    const issue = (e.cause as ZodError).issues.find((i) => i.path.join('.') === path);
    expect(issue?.message).toMatch(/cannot contain control characters/);
    expect(await dbDigest(db())).toEqual(before);
  });

  it('emoji, accents and line breaks in a note still go through', async () => {
    const w = await setUp();
    const buyer = await callerAs(w, 'customer');
    const res = await buyer.orders.checkout(checkoutRequest([[w.jam, 1]], [{ vendorId: w.shop.vendorId }], { note: 'Crème brûlée 🍓\nfor Zoë' }));
    expect(res.orders).toHaveLength(1);
  });
});
