import { uuidv7 } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sessions, staff } from '../db/schema/index';
import { createCustomerFixture, createVendorFixture } from '../test/fixtures';
import { describeEachDb } from '../test/harness';
import { hashSecret, hashToken } from '../services/tokens';
import { countRows, failure, identityCounts, registeredOwner } from './identity-test-kit';

let n = 0;
const managerInput = (pin?: string) => {
  n++;
  return { role: 'manager' as const, name: `Mia Manager ${n}`, email: `mia${n}.${Date.now()}@example.test`, password: 'manager password', pin };
};

describeEachDb(
  'staff',
  (get) => {
    const db = () => get().database.db;
    const as = (bearer: string) => get().caller({ bearer });

    /** A registered shop whose owner has a real password, plus a paired counter for PIN checks. */
    async function shop() {
      const owner = await registeredOwner(await get().caller({ ip: `10.2.${++n}.1` }));
      const asOwner = await as(owner.token);
      const { code } = await asOwner.devices.createPairingCode({ deviceName: 'Till' });
      const { deviceToken } = await (await get().caller({ ip: `10.3.${n}.1` })).devices.pair({ code });
      return { owner, asOwner, asDevice: await as(deviceToken), vendorId: owner.vendor.id };
    }

    /** A caller resolves its actor once, so each check after a change uses a fresh caller for the token. */
    async function signIn(email: string, password: string): Promise<string> {
      const { token } = await (await get().caller({ ip: `10.4.${++n}.1` })).auth.staffLogin({ email, password });
      return token;
    }

    describe('list and authorization', () => {
      it('lists the shop’s own staff, owners first, for owners and managers only', async () => {
        const v = await createVendorFixture(db());
        const other = await createVendorFixture(db());
        const list = await (await as(v.managerToken)).staff.list();
        expect(list.map((s) => s.role)).toEqual(['owner', 'manager', 'cashier']);
        expect(new Set(list.map((s) => s.vendorId))).toEqual(new Set([v.vendorId]));
        expect(list[0]).not.toHaveProperty('passwordHash');
        expect(list[0]).not.toHaveProperty('pinHash');
        expect((await (await as(other.ownerToken)).staff.list()).map((s) => s.vendorId)).not.toContain(v.vendorId);
        const customer = await createCustomerFixture(db());
        expect((await failure((await as(v.cashierToken)).staff.list())).code).toBe('FORBIDDEN');
        expect((await failure((await get().caller()).staff.list())).code).toBe('UNAUTHENTICATED');
        expect((await failure((await get().caller({ sessionCookie: customer.cookie })).staff.list())).code).toBe('UNAUTHENTICATED');
        const { asDevice } = await shop();
        expect((await failure(asDevice.staff.list())).code).toBe('UNAUTHENTICATED');
      });
    });

    describe('create', () => {
      it('owners add managers (who can then sign in) and PIN-only cashiers', async () => {
        const { asOwner, vendorId } = await shop();
        const m = managerInput('2468');
        const manager = await asOwner.staff.create(m);
        expect(manager).toMatchObject({ role: 'manager', email: m.email, hasPin: true, active: true, vendorId });
        const asManager = await as(await signIn(m.email, m.password));
        expect((await asManager.vendors.mine()).id).toBe(vendorId);
        const cashier = await asOwner.staff.create({ role: 'cashier', name: 'Cass', pin: '1357', email: 'ignored@example.test' } as never);
        expect(cashier).toMatchObject({ role: 'cashier', email: null, hasPin: true });
        const [row] = await db().select().from(staff).where(eq(staff.id, cashier.id));
        expect(row?.pinHash).toMatch(/^scrypt\$/);
        expect(row?.passwordHash).toBeNull();
      });

      it('managers add cashiers only; nobody adds owners', async () => {
        const { asOwner } = await shop();
        const m = managerInput();
        await asOwner.staff.create(m);
        const asManager = await as(await signIn(m.email, m.password));
        expect((await asManager.staff.create({ role: 'cashier', name: 'New Cashier', pin: '9999' })).role).toBe('cashier');
        const before = await identityCounts(db());
        const refused = await failure(asManager.staff.create(managerInput()));
        expect(refused.code).toBe('FORBIDDEN');
        expect(refused.message).toMatch(/cashier/);
        const owner = await failure(asOwner.staff.create({ role: 'owner', name: 'Co-owner' } as never));
        expect(owner.code).toBe('BAD_INPUT');
        expect(await identityCounts(db())).toEqual(before);
      });

      it('rejects missing credentials or a taken email and writes nothing', async () => {
        const { asOwner, owner } = await shop();
        const before = await identityCounts(db());
        const noPassword = await failure(asOwner.staff.create({ role: 'manager', name: 'M', email: 'm@example.test' } as never));
        expect(noPassword.code).toBe('BAD_INPUT');
        expect(noPassword.issues?.map((i) => i.path)).toContain('password');
        const badPin = await failure(asOwner.staff.create({ role: 'cashier', name: 'C', pin: '12' }));
        expect(badPin.message).toMatch(/4 to 8 digits/);
        const taken = await failure(asOwner.staff.create({ ...managerInput(), email: owner.owner.email.toUpperCase() }));
        expect(taken.code).toBe('DUPLICATE');
        expect(await identityCounts(db())).toEqual(before);
      });
    });

    describe('update', () => {
      it('renames and resets a PIN, and the counter accepts only the new PIN', async () => {
        const { asOwner, asDevice } = await shop();
        const cashier = await asOwner.staff.create({ role: 'cashier', name: 'Cass', pin: '1111' });
        const updated = await asOwner.staff.update({ staffId: cashier.id, name: 'Cassie', pin: '2222' });
        expect(updated.name).toBe('Cassie');
        expect(await asDevice.staff.verifyPin({ staffId: cashier.id, pin: '2222' })).toMatchObject({ staffId: cashier.id, name: 'Cassie', role: 'cashier' });
        expect((await failure(asDevice.staff.verifyPin({ staffId: cashier.id, pin: '1111' }))).code).toBe('INVALID_CREDENTIALS');
      });

      it('promotes a cashier to manager only with an email and password', async () => {
        const { asOwner } = await shop();
        const cashier = await asOwner.staff.create({ role: 'cashier', name: 'Cass', pin: '1111' });
        const missing = await failure(asOwner.staff.update({ staffId: cashier.id, role: 'manager' }));
        expect(missing.code).toBe('BAD_INPUT');
        expect(missing.message).toMatch(/email and password/);
        const m = managerInput();
        const promoted = await asOwner.staff.update({ staffId: cashier.id, role: 'manager', email: m.email, password: m.password });
        expect(promoted).toMatchObject({ role: 'manager', email: m.email });
        expect((await (await as(await signIn(m.email, m.password))).auth.me()).kind).toBe('staff');
      });

      it('demoting a manager to cashier removes the sign-in and ends their sessions', async () => {
        const { asOwner } = await shop();
        const m = managerInput('5555');
        const manager = await asOwner.staff.create(m);
        const managerToken = await signIn(m.email, m.password);
        const demoted = await asOwner.staff.update({ staffId: manager.id, role: 'cashier' });
        expect(demoted).toMatchObject({ role: 'cashier', email: null, hasPin: true });
        expect((await failure((await as(managerToken)).vendors.mine())).code).toBe('UNAUTHENTICATED');
        const again = await failure((await get().caller({ ip: '10.5.0.1' })).auth.staffLogin({ email: m.email, password: m.password }));
        expect(again.code).toBe('INVALID_CREDENTIALS');
        const noPin = await asOwner.staff.create(managerInput());
        expect((await failure(asOwner.staff.update({ staffId: noPin.id, role: 'cashier' }))).message).toMatch(/PIN/);
      });

      it('a new password ends the other sessions but keeps the one that changed it', async () => {
        const { asOwner, owner } = await shop();
        const m = managerInput();
        const manager = await asOwner.staff.create(m);
        const managerToken = await signIn(m.email, m.password);
        await asOwner.staff.update({ staffId: manager.id, password: 'a brand new password' });
        expect((await failure((await as(managerToken)).vendors.mine())).code).toBe('UNAUTHENTICATED');
        expect((await (await as(await signIn(m.email, 'a brand new password'))).vendors.mine()).id).toBe(owner.vendor.id);
        const otherOwnerToken = await signIn(owner.owner.email, owner.password);
        await asOwner.staff.update({ staffId: owner.owner.id, password: 'owner changed password' });
        expect((await (await as(owner.token)).vendors.mine()).id).toBe(owner.vendor.id);
        expect((await failure((await as(otherOwnerToken)).vendors.mine())).code).toBe('UNAUTHENTICATED');
      });

      it('keeps managers to cashiers and themselves, and roles away from their holders', async () => {
        const { asOwner, owner } = await shop();
        const m1 = managerInput();
        const m2 = managerInput();
        const manager1 = await asOwner.staff.create(m1);
        const manager2 = await asOwner.staff.create(m2);
        const cashier = await asOwner.staff.create({ role: 'cashier', name: 'Cass', pin: '1111' });
        const asManager = await as(await signIn(m1.email, m1.password));
        expect((await asManager.staff.update({ staffId: manager1.id, name: 'Mia (me)' })).name).toBe('Mia (me)');
        expect((await asManager.staff.update({ staffId: cashier.id, name: 'Cass B' })).name).toBe('Cass B');
        expect((await failure(asManager.staff.update({ staffId: manager2.id, name: 'x' }))).code).toBe('FORBIDDEN');
        expect((await failure(asManager.staff.update({ staffId: owner.owner.id, name: 'x' }))).code).toBe('FORBIDDEN');
        expect((await failure(asManager.staff.update({ staffId: cashier.id, ...managerInput() }))).code).toBe('FORBIDDEN');
        expect((await failure(asManager.staff.update({ staffId: manager1.id, role: 'cashier' }))).code).toBe('FORBIDDEN');
        expect((await failure(asOwner.staff.update({ staffId: manager1.id, role: 'owner' }))).code).toBe('FORBIDDEN');
        expect((await failure(asOwner.staff.update({ staffId: owner.owner.id, role: 'manager' }))).code).toBe('FORBIDDEN');
        const [row] = await db().select().from(staff).where(eq(staff.id, manager1.id));
        expect(row?.role).toBe('manager');
      });

      it('cannot reach another shop’s staff, and rejects empty or taken changes', async () => {
        const { asOwner, owner } = await shop();
        const other = await createVendorFixture(db());
        const [otherStaff] = await db().select().from(staff).where(eq(staff.vendorId, other.vendorId));
        expect((await failure(asOwner.staff.update({ staffId: otherStaff?.id ?? uuidv7(), name: 'x' }))).code).toBe('NOT_FOUND');
        expect((await failure(asOwner.staff.update({ staffId: owner.owner.id }))).code).toBe('BAD_INPUT');
        const m = await asOwner.staff.create(managerInput());
        const taken = await failure(asOwner.staff.update({ staffId: m.id, email: `owner.${other.slug}@example.test` }));
        expect(taken.code).toBe('DUPLICATE');
        const cashierEmail = await failure(
          asOwner.staff.update({ staffId: (await asOwner.staff.create({ role: 'cashier', name: 'C', pin: '1234' })).id, email: 'c@example.test' }),
        );
        expect(cashierEmail.message).toMatch(/PIN only/);
      });
    });

    describe('deactivate', () => {
      it('ends a deactivated person’s sessions and sign-in at once', async () => {
        const { asOwner, asDevice } = await shop();
        const m = managerInput('4444');
        const manager = await asOwner.staff.create(m);
        const managerToken = await signIn(m.email, m.password);
        const result = await asOwner.staff.deactivate({ staffId: manager.id });
        expect(result.active).toBe(false);
        expect(await (await as(managerToken)).auth.me()).toEqual({ kind: 'anonymous' });
        expect((await failure((await as(await tokenOf(manager.id))).vendors.mine())).code).toBe('UNAUTHENTICATED');
        const login = await failure((await get().caller({ ip: '10.6.0.1' })).auth.staffLogin({ email: m.email, password: m.password }));
        expect(login.code).toBe('INVALID_CREDENTIALS');
        expect((await failure(asDevice.staff.verifyPin({ staffId: manager.id, pin: '4444' }))).code).toBe('NOT_FOUND');
        expect((await asOwner.staff.deactivate({ staffId: manager.id })).active).toBe(false);
      });

      it('lets managers deactivate cashiers only', async () => {
        const v = await createVendorFixture(db());
        const list = await (await as(v.ownerToken)).staff.list();
        const byRole = (r: string) => list.find((s) => s.role === r)?.id ?? uuidv7();
        const asManager = await as(v.managerToken);
        expect((await failure(asManager.staff.deactivate({ staffId: byRole('owner') }))).code).toBe('FORBIDDEN');
        expect((await asManager.staff.deactivate({ staffId: byRole('cashier') })).active).toBe(false);
        expect((await failure((await as(v.cashierToken)).staff.deactivate({ staffId: byRole('manager') }))).code).toBe('UNAUTHENTICATED');
      });

      it('never leaves a shop without an active owner', async () => {
        const v = await createVendorFixture(db());
        const asOwner = await as(v.ownerToken);
        const sessionsBefore = await countRows(db(), 'sessions');
        const last = await failure(asOwner.staff.deactivate({ staffId: v.ownerId }));
        expect(last.code).toBe('CONFLICT');
        expect(last.message).toMatch(/only active owner/);
        expect(await countRows(db(), 'sessions')).toBe(sessionsBefore);
        const coOwnerId = uuidv7();
        await db().insert(staff).values({ id: coOwnerId, vendorId: v.vendorId, name: 'Co-owner', role: 'owner', passwordHash: await hashSecret('x') });
        expect((await asOwner.staff.deactivate({ staffId: coOwnerId })).active).toBe(false);
        expect((await failure(asOwner.staff.deactivate({ staffId: v.ownerId }))).code).toBe('CONFLICT');
        const other = await createVendorFixture(db());
        expect((await failure(asOwner.staff.deactivate({ staffId: other.ownerId }))).code).toBe('NOT_FOUND');
      });
    });

    describe('verifyPin', () => {
      it('answers a paired counter with the role, and only for its own shop’s staff', async () => {
        const { asOwner, asDevice, owner } = await shop();
        const m = await asOwner.staff.create(managerInput('8642'));
        expect(await asDevice.staff.verifyPin({ staffId: m.id, pin: '8642' })).toMatchObject({ role: 'manager' });
        const wrong = await failure(asDevice.staff.verifyPin({ staffId: m.id, pin: '0000' }));
        expect(wrong).toMatchObject({ code: 'INVALID_CREDENTIALS', message: 'Wrong PIN. Please try again.' });
        expect((await failure(asDevice.staff.verifyPin({ staffId: owner.owner.id, pin: '1234' }))).message).toMatch(/No PIN/);
        const other = await createVendorFixture(db());
        expect((await failure(asDevice.staff.verifyPin({ staffId: other.ownerId, pin: '1234' }))).code).toBe('NOT_FOUND');
        expect((await failure(asOwner.staff.verifyPin({ staffId: m.id, pin: '8642' }))).code).toBe('UNAUTHENTICATED');
        expect((await failure(asDevice.staff.verifyPin({ staffId: m.id, pin: 'abcd' }))).code).toBe('BAD_INPUT');
      });

      it('locks a PIN after repeated wrong guesses, even for the right PIN', async () => {
        const { asOwner, asDevice } = await shop();
        const c = await asOwner.staff.create({ role: 'cashier', name: 'Cass', pin: '2580' });
        for (const pin of ['0001', '0002', '0003']) expect((await failure(asDevice.staff.verifyPin({ staffId: c.id, pin }))).code).toBe('INVALID_CREDENTIALS');
        expect((await failure(asDevice.staff.verifyPin({ staffId: c.id, pin: '2580' }))).code).toBe('RATE_LIMITED');
      });
    });

    /** A fresh session token for a staff row written straight to the database (even if inactive). */
    async function tokenOf(staffId: string): Promise<string> {
      const token = `t-${uuidv7()}`;
      await db().insert(sessions).values({ id: uuidv7(), tokenHash: hashToken(token), kind: 'staff', staffId, expiresAt: new Date(Date.now() + 3600_000) });
      return token;
    }
  },
  { LOGIN_RATE_LIMIT: '3' },
);
