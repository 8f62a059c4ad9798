import { uuidv7 } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { orders, staff, vendors } from '../db/schema/index';
import { ALWAYS_OPEN, createCustomerFixture, createVendorFixture } from '../test/fixtures';
import { describeEachDb, type Caller } from '../test/harness';
import { approveShopForTests } from '../services/operators/shop-test-kit';
import { countRows, failure, identityCounts, registeredOwner, registration } from './identity-test-kit';

describeEachDb('vendors', (get) => {
  const db = () => get().database.db;

  describe('register', () => {
    it('creates a shop waiting for approval and its owner with a hashed password; approved, it is on the storefront', async () => {
      const anon = await get().caller();
      const input = registration({ openingHours: ALWAYS_OPEN });
      const { vendor, owner } = await anon.vendors.register(input);
      expect(vendor).toMatchObject({ slug: input.slug, status: 'pending', statusReason: null, currency: 'GBP', paused: false, isOpenNow: true });
      expect(owner).toMatchObject({ role: 'owner', email: input.owner.email });
      const [row] = await db().select().from(staff).where(eq(staff.id, owner.id));
      expect(row?.passwordHash).toMatch(/^scrypt\$/);
      expect(row?.passwordHash).not.toContain(input.owner.password);
      expect((await failure(anon.vendors.bySlug({ slug: input.slug }))).code).toBe('NOT_FOUND');
      await approveShopForTests(db(), vendor.id);
      const shown = await anon.vendors.bySlug({ slug: input.slug });
      expect(shown).toMatchObject({ id: vendor.id, name: input.name, isOpenNow: true, nextOpeningAt: null });
    });

    it('refuses a taken slug or owner email and leaves no half-made shop behind', async () => {
      const anon = await get().caller();
      const first = registration();
      await anon.vendors.register(first);
      const before = await identityCounts(db());
      const slugTaken = await failure(anon.vendors.register(registration({ slug: first.slug })));
      expect(slugTaken.code).toBe('DUPLICATE');
      expect(slugTaken.message).toContain(first.slug);
      const again = registration();
      const emailTaken = await failure(
        anon.vendors.register({ ...again, owner: { ...again.owner, email: first.owner.email.toUpperCase() } }),
      );
      expect(emailTaken.code).toBe('DUPLICATE');
      expect(await identityCounts(db())).toEqual(before);
    });

    it('rejects invalid profiles with clear messages and writes nothing', async () => {
      const anon = await get().caller();
      const before = await identityCounts(db());
      const bad = await failure(anon.vendors.register(registration({ timezone: 'Mars/Olympus', currency: 'gbp' })));
      expect(bad.code).toBe('BAD_INPUT');
      expect(bad.issues?.map((i) => i.path).sort()).toEqual(['currency', 'timezone']);
      const noZones = await failure(anon.vendors.register(registration({ deliveryEnabled: true, deliveryZones: [] })));
      expect(noZones.code).toBe('BAD_INPUT');
      expect(noZones.message).toMatch(/delivery zone/);
      const badHours = await failure(anon.vendors.register(registration({ openingHours: [{ day: 1, open: '17:00', close: '09:00' }] })));
      expect(badHours.code).toBe('BAD_INPUT');
      expect(await identityCounts(db())).toEqual(before);
    });
  });

  describe('public reads', () => {
    it('lists approved shops only, by name, page by page without repeats', async () => {
      const pending = await createVendorFixture(db(), { status: 'pending', name: 'AAA Pending' });
      const suspended = await createVendorFixture(db(), { status: 'suspended', name: 'AAA Suspended' });
      const closed = await createVendorFixture(db(), { name: 'AAA Closed', openingHours: [] });
      const anon = await get().caller();
      const seen: { id: string; name: string }[] = [];
      let cursor: string | undefined;
      for (let guard = 0; guard < 100; guard++) {
        const page = await anon.vendors.list({ limit: 2, cursor });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((v) => ({ id: v.id, name: v.name })));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      const ids = seen.map((v) => v.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).not.toContain(pending.vendorId);
      expect(ids).not.toContain(suspended.vendorId);
      expect(ids).toContain(closed.vendorId);
      expect(seen.length).toBe(await approvedCount());
      const all = await anon.vendors.list();
      expect(all.items.map((v) => v.id)).toEqual(ids);
      const closedShown = all.items.find((v) => v.id === closed.vendorId);
      expect(closedShown).toMatchObject({ isOpenNow: false, nextOpeningAt: null });
    });

    it('shows opening state and the next opening time in the shop time zone', async () => {
      // open only on the weekday that is not today in Auckland, so it is closed now and opens within a week
      const todayInAuckland = new Date(new Date().toLocaleString('en-US', { timeZone: 'Pacific/Auckland' })).getDay();
      const day = (todayInAuckland + 3) % 7;
      const v = await createVendorFixture(db(), { timezone: 'Pacific/Auckland', openingHours: [{ day, open: '10:00', close: '12:00' }] });
      const shown = await (await get().caller()).vendors.byId({ vendorId: v.vendorId });
      expect(shown.isOpenNow).toBe(false);
      const next = new Date(shown.nextOpeningAt ?? 'missing');
      expect(next.toLocaleString('en-GB', { timeZone: 'Pacific/Auckland', hour: '2-digit', minute: '2-digit' })).toBe('10:00');
      expect(next.getTime() - Date.now()).toBeGreaterThan(24 * 3600_000);
      expect(next.getTime() - Date.now()).toBeLessThan(4 * 24 * 3600_000);
    });

    it('finds approved shops by slug or id, hides the rest, and keeps back-office fields private', async () => {
      const anon = await get().caller();
      const open = await createVendorFixture(db());
      const pending = await createVendorFixture(db(), { status: 'pending' });
      const shown = await anon.vendors.bySlug({ slug: open.slug });
      expect(shown.id).toBe(open.vendorId);
      expect(shown).not.toHaveProperty('status');
      expect(shown).not.toHaveProperty('gs1Template');
      expect(shown).not.toHaveProperty('nextOrderNumber');
      expect(await anon.vendors.byId({ vendorId: open.vendorId })).toMatchObject({ slug: open.slug });
      expect((await failure(anon.vendors.bySlug({ slug: pending.slug }))).code).toBe('NOT_FOUND');
      expect((await failure(anon.vendors.byId({ vendorId: pending.vendorId }))).code).toBe('NOT_FOUND');
      expect((await failure(anon.vendors.byId({ vendorId: uuidv7() }))).code).toBe('NOT_FOUND');
      expect((await failure(anon.vendors.byId({ vendorId: 'nope' }))).code).toBe('BAD_INPUT');
      expect((await failure(anon.vendors.list({ cursor: 'garbage' }))).code).toBe('BAD_INPUT');
    });
  });

  describe('own profile', () => {
    it('gives any staff role its own full profile, and nobody else', async () => {
      const v = await createVendorFixture(db(), { status: 'pending' });
      const mine = await (await get().caller({ bearer: v.cashierToken })).vendors.mine();
      expect(mine).toMatchObject({ id: v.vendorId, status: 'pending', cashRoundingCents: 0, gs1Template: null });
      const customer = await createCustomerFixture(db());
      expect((await failure((await get().caller()).vendors.mine())).code).toBe('UNAUTHENTICATED');
      expect((await failure((await get().caller({ sessionCookie: customer.cookie })).vendors.mine())).code).toBe('UNAUTHENTICATED');
    });

    it('updates only the fields sent, for owners and managers of that shop only', async () => {
      const owner = await registeredOwner(await get().caller());
      const asOwner = await get().caller({ bearer: owner.token });
      const zone = { name: 'Town', radiusMeters: 3000, feeCents: 250, minOrderCents: 1000 };
      await asOwner.vendors.update({ description: 'Sourdough daily', deliveryEnabled: true, deliveryZones: [zone], minOrderCents: 500 });
      const renamed = await asOwner.vendors.update({ name: 'Crumb Renamed' });
      expect(renamed).toMatchObject({
        name: 'Crumb Renamed',
        description: 'Sourdough daily',
        deliveryEnabled: true,
        deliveryZones: [zone],
        minOrderCents: 500,
        pickupEnabled: true,
      });
      // approval status and shop address are not profile fields: sent anyway, they are ignored
      const sneaky = await asOwner.vendors.update({ name: 'Crumb Renamed', status: 'suspended', slug: 'taken-over' } as never);
      expect(sneaky).toMatchObject({ status: 'pending', slug: owner.vendor.slug });
      const other = await createVendorFixture(db());
      const asOtherManager = await get().caller({ bearer: other.managerToken });
      await asOtherManager.vendors.update({ name: 'Other Shop' });
      expect((await asOwner.vendors.mine()).name).toBe('Crumb Renamed');
      expect((await failure((await get().caller({ bearer: other.cashierToken })).vendors.update({ name: 'x' }))).code).toBe('FORBIDDEN');
      expect((await failure((await get().caller()).vendors.update({ name: 'x' }))).code).toBe('UNAUTHENTICATED');
      const nothing = await failure(asOwner.vendors.update({}));
      expect(nothing.code).toBe('BAD_INPUT');
      const noZones = await failure(asOwner.vendors.update({ deliveryZones: [] }));
      expect(noZones.code).toBe('BAD_INPUT');
      expect((await asOwner.vendors.mine()).deliveryZones).toEqual([zone]);
    });

    it('lets the currency change only until the first order', async () => {
      const v = await createVendorFixture(db());
      const asManager = await get().caller({ bearer: v.managerToken });
      expect((await asManager.vendors.update({ currency: 'EUR' })).currency).toBe('EUR');
      await insertOrder(v.vendorId, 'EUR');
      const refused = await failure(asManager.vendors.update({ currency: 'USD', name: 'Still the same' }));
      expect(refused.code).toBe('CONFLICT');
      expect(refused.message).toContain('EUR');
      const [row] = await db().select().from(vendors).where(eq(vendors.id, v.vendorId));
      expect(row).toMatchObject({ currency: 'EUR', name: expect.not.stringMatching('Still the same') });
      // sending the unchanged currency is fine
      expect((await asManager.vendors.update({ currency: 'EUR', name: 'Renamed' })).name).toBe('Renamed');
    });

    it('pauses with a reason shown to customers, and resumes clearing it', async () => {
      const v = await createVendorFixture(db());
      const asManager = await get().caller({ bearer: v.managerToken });
      await asManager.vendors.setPaused({ paused: true, reason: 'Oven repair until Friday' });
      const anon = await get().caller();
      expect(await anon.vendors.bySlug({ slug: v.slug })).toMatchObject({ paused: true, pausedReason: 'Oven repair until Friday' });
      await asManager.vendors.setPaused({ paused: false, reason: 'ignored' });
      expect(await anon.vendors.bySlug({ slug: v.slug })).toMatchObject({ paused: false, pausedReason: null });
      expect((await failure((await get().caller({ bearer: v.cashierToken })).vendors.setPaused({ paused: true }))).code).toBe('FORBIDDEN');
      expect((await failure(anon.vendors.setPaused({ paused: true }))).code).toBe('UNAUTHENTICATED');
      const tooLong = await failure(asManager.vendors.setPaused({ paused: true, reason: 'x'.repeat(201) }));
      expect(tooLong.code).toBe('BAD_INPUT');
      expect((await anon.vendors.bySlug({ slug: v.slug })).paused).toBe(false);
    });

    it('keeps a paired counter out of the back-office profile calls', async () => {
      const v = await createVendorFixture(db());
      const device = await pairedDevice(await get().caller({ bearer: v.managerToken }));
      const asDevice = await get().caller({ bearer: device });
      expect((await failure(asDevice.vendors.mine())).code).toBe('UNAUTHENTICATED');
      expect((await failure(asDevice.vendors.update({ name: 'x' }))).code).toBe('UNAUTHENTICATED');
    });
  });

  async function approvedCount(): Promise<number> {
    return (await db().select({ id: vendors.id }).from(vendors).where(eq(vendors.status, 'approved'))).length;
  }

  async function insertOrder(vendorId: string, currency: string): Promise<void> {
    const before = await countRows(db(), 'orders');
    await db().insert(orders).values({
      id: uuidv7(),
      vendorId,
      channel: 'web',
      number: `W-${before + 1}`,
      status: 'placed',
      fulfilment: 'pickup',
      currency,
      taxMode: 'inclusive',
      subtotalCents: 500,
      taxCents: 0,
      totalCents: 500,
      paymentStatus: 'pay_at_pickup',
      placedAt: new Date(),
    });
  }
});

async function pairedDevice(asManager: Caller): Promise<string> {
  const { code } = await asManager.devices.createPairingCode({ deviceName: 'Front till' });
  const { deviceToken } = await asManager.devices.pair({ code });
  return deviceToken;
}

describeEachDb(
  'vendors.register throttling',
  (get) => {
    it('counts refused registrations per IP, so a taken owner email cannot be tested for freely; successes do not count', async () => {
      const setup = await get().caller({ ip: '10.4.0.1' });
      const owner = registration();
      await setup.vendors.register(owner);
      // successful registrations hand their count back
      for (let i = 0; i < 4; i++) await setup.vendors.register(registration());
      const prober = await get().caller({ ip: '10.4.0.2' });
      for (let i = 0; i < 3; i++) {
        const again = registration();
        const taken = await failure(prober.vendors.register({ ...again, owner: { ...again.owner, email: owner.owner.email } }));
        expect(taken.code).toBe('DUPLICATE');
      }
      const before = await identityCounts(get().database.db);
      const limited = await failure(prober.vendors.register(registration()));
      expect(limited.code).toBe('RATE_LIMITED');
      expect(limited.message).toMatch(/try again/);
      expect(await identityCounts(get().database.db)).toEqual(before);
      // another address registers as usual
      await expect((await get().caller({ ip: '10.4.0.3' })).vendors.register(registration())).resolves.toHaveProperty('vendor');
    });
  },
  { LOGIN_RATE_LIMIT: '3' },
);

describeEachDb(
  'vendors with AUTO_APPROVE_SHOPS=on (development and the counter’s test server)',
  (get) => {
    it('approves a shop as it registers', async () => {
      const anon = await get().caller();
      const input = registration();
      expect((await anon.vendors.register(input)).vendor.status).toBe('approved');
      expect((await anon.vendors.bySlug({ slug: input.slug })).slug).toBe(input.slug);
    });
  },
  { AUTO_APPROVE_SHOPS: 'on' },
);
