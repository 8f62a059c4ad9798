import { PAIRING_CODE_ALPHABET } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { devices, pairingCodes } from '../db/schema/index';
import { createCustomerFixture, createVendorFixture } from '../test/fixtures';
import { describeEachDb } from '../test/harness';
import { countRows, failure, identityCounts } from './identity-test-kit';

const CHAR = `[${PAIRING_CODE_ALPHABET}]`;
const CODE_FORMAT = new RegExp(`^${CHAR}{4}-${CHAR}{4}$`);

let ipSeq = 0;
const freshIp = () => `10.9.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;

describeEachDb(
  'devices',
  (get) => {
    const db = () => get().database.db;
    const as = (bearer: string) => get().caller({ bearer });
    const pair = async (code: string) => (await get().caller({ ip: freshIp() })).devices.pair({ code });

    describe('pairing codes', () => {
      it('gives managers a readable one-time code that expires in 10 minutes and is stored only as a hash', async () => {
        const v = await createVendorFixture(db());
        const before = Date.now();
        const { code, expiresAt } = await (await as(v.managerToken)).devices.createPairingCode({ deviceName: 'Front till' });
        expect(code).toMatch(CODE_FORMAT);
        expect(Date.parse(expiresAt) - before).toBeGreaterThan(9 * 60_000);
        expect(Date.parse(expiresAt) - before).toBeLessThanOrEqual(10 * 60_000 + 5_000);
        const rows = await db().select().from(pairingCodes).where(eq(pairingCodes.vendorId, v.vendorId));
        expect(rows).toHaveLength(1);
        expect(rows[0]?.codeHash).not.toContain(code.replace('-', ''));
        expect(rows[0]?.deviceName).toBe('Front till');
      });

      it('is for owners and managers of the shop only, and a blank name writes nothing', async () => {
        const v = await createVendorFixture(db());
        const customer = await createCustomerFixture(db());
        const { code } = await (await as(v.ownerToken)).devices.createPairingCode({ deviceName: 'Till' });
        const { deviceToken } = await pair(code);
        const before = await identityCounts(db());
        expect((await failure((await as(v.cashierToken)).devices.createPairingCode({ deviceName: 'x' }))).code).toBe('FORBIDDEN');
        expect((await failure((await get().caller()).devices.createPairingCode({ deviceName: 'x' }))).code).toBe('UNAUTHENTICATED');
        expect((await failure((await as(deviceToken)).devices.createPairingCode({ deviceName: 'x' }))).code).toBe('UNAUTHENTICATED');
        const asCustomer = await get().caller({ sessionCookie: customer.cookie });
        expect((await failure(asCustomer.devices.createPairingCode({ deviceName: 'x' }))).code).toBe('UNAUTHENTICATED');
        const blank = await failure((await as(v.managerToken)).devices.createPairingCode({ deviceName: '   ' }));
        expect(blank.code).toBe('BAD_INPUT');
        expect(blank.issues?.[0]?.path).toBe('deviceName');
        expect(await identityCounts(db())).toEqual(before);
      });
    });

    describe('pair', () => {
      it('turns a code into a device token with register codes A1, A2, … per shop', async () => {
        const v = await createVendorFixture(db());
        const asManager = await as(v.managerToken);
        const first = await pair((await asManager.devices.createPairingCode({ deviceName: 'Front till' })).code);
        expect(first.device).toMatchObject({ name: 'Front till', registerCode: 'A1', vendorId: v.vendorId });
        expect(first.vendor).toMatchObject({ id: v.vendorId, currency: 'GBP', taxMode: 'inclusive', timezone: 'Europe/London' });
        // typed sloppily: lower case, no dash, spaces
        const typed = (await asManager.devices.createPairingCode({ deviceName: 'Kiosk' })).code.toLowerCase().replace('-', ' ');
        expect((await pair(typed)).device.registerCode).toBe('A2');
        const other = await createVendorFixture(db());
        const otherFirst = await pair((await (await as(other.managerToken)).devices.createPairingCode({ deviceName: 'Till' })).code);
        expect(otherFirst.device.registerCode).toBe('A1');
        const me = await (await as(first.deviceToken)).devices.me();
        expect(me).toMatchObject({ device: { id: first.device.id, registerCode: 'A1' }, vendor: { id: v.vendorId } });
        const [stored] = await db().select().from(devices).where(eq(devices.id, first.device.id));
        expect(stored?.tokenHash).not.toBe(first.deviceToken);
      });

      it('refuses used, expired and made-up codes alike, creating no device', async () => {
        const v = await createVendorFixture(db());
        const asManager = await as(v.managerToken);
        const { code } = await asManager.devices.createPairingCode({ deviceName: 'Till' });
        await pair(code);
        const expired = await asManager.devices.createPairingCode({ deviceName: 'Late' });
        await db().update(pairingCodes).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(pairingCodes.deviceName, 'Late'));
        const before = await countRows(db(), 'devices');
        for (const attempt of [code, expired.code, 'ABCD-EFGH', 'O0O0-I1I1', 'too short']) {
          const refused = await failure(pair(attempt));
          expect(refused.code).toBe('PAIRING_CODE_INVALID');
          expect(refused.message).toMatch(/ask a manager for a new one/);
        }
        expect(await countRows(db(), 'devices')).toBe(before);
        expect((await failure(pair(''))).code).toBe('BAD_INPUT');
      });

      it('lets only one of two counters racing with the same code pair', async () => {
        const v = await createVendorFixture(db());
        const { code } = await (await as(v.managerToken)).devices.createPairingCode({ deviceName: 'Till' });
        const results = await Promise.allSettled([pair(code), pair(code)]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const rows = await db().select().from(devices).where(eq(devices.vendorId, v.vendorId));
        expect(rows.map((d) => d.registerCode)).toEqual(['A1']);
      });

      it('throttles one address trying codes, even when it finally has a good one', async () => {
        const v = await createVendorFixture(db());
        const { code } = await (await as(v.managerToken)).devices.createPairingCode({ deviceName: 'Till' });
        const guesser = await get().caller({ ip: '10.8.8.8' });
        for (const guess of ['AAAA-AAAA', 'BBBB-BBBB', 'CCCC-CCCC']) expect((await failure(guesser.devices.pair({ code: guess }))).code).toBe('PAIRING_CODE_INVALID');
        expect((await failure(guesser.devices.pair({ code }))).code).toBe('RATE_LIMITED');
        // the code was not spent by the refused attempt
        expect((await pair(code)).device.registerCode).toBe('A1');
      });
    });

    describe('list, revoke and me', () => {
      it('lists the shop’s devices for owners and managers only', async () => {
        const v = await createVendorFixture(db());
        const other = await createVendorFixture(db());
        await pair((await (await as(v.managerToken)).devices.createPairingCode({ deviceName: 'Till' })).code);
        await pair((await (await as(other.managerToken)).devices.createPairingCode({ deviceName: 'Other till' })).code);
        const list = await (await as(v.ownerToken)).devices.list();
        expect(list.map((d) => [d.name, d.registerCode, d.vendorId])).toEqual([['Till', 'A1', v.vendorId]]);
        expect(list[0]).not.toHaveProperty('tokenHash');
        expect((await failure((await as(v.cashierToken)).devices.list())).code).toBe('FORBIDDEN');
        expect((await failure((await get().caller()).devices.list())).code).toBe('UNAUTHENTICATED');
      });

      it('revoking stops the device token at once and never reuses its register code', async () => {
        const v = await createVendorFixture(db());
        const asManager = await as(v.managerToken);
        const a1 = await pair((await asManager.devices.createPairingCode({ deviceName: 'Old till' })).code);
        const a2 = await pair((await asManager.devices.createPairingCode({ deviceName: 'Spare' })).code);
        const revoked = await asManager.devices.revoke({ deviceId: a2.device.id });
        expect(Date.parse(revoked.revokedAt ?? '')).toBeLessThanOrEqual(Date.now());
        expect((await failure((await as(a2.deviceToken)).devices.me())).code).toBe('UNAUTHENTICATED');
        expect(await (await as(a2.deviceToken)).auth.me()).toEqual({ kind: 'anonymous' });
        expect((await (await as(a1.deviceToken)).devices.me()).device.id).toBe(a1.device.id);
        expect((await asManager.devices.revoke({ deviceId: a2.device.id })).revokedAt).toEqual(revoked.revokedAt);
        const a3 = await pair((await asManager.devices.createPairingCode({ deviceName: 'New till' })).code);
        expect(a3.device.registerCode).toBe('A3');
      });

      it('cannot revoke another shop’s device, and cashiers cannot revoke at all', async () => {
        const v = await createVendorFixture(db());
        const other = await createVendorFixture(db());
        const device = await pair((await (await as(v.managerToken)).devices.createPairingCode({ deviceName: 'Till' })).code);
        expect((await failure((await as(other.ownerToken)).devices.revoke({ deviceId: device.device.id }))).code).toBe('NOT_FOUND');
        expect((await failure((await as(v.cashierToken)).devices.revoke({ deviceId: device.device.id }))).code).toBe('FORBIDDEN');
        expect((await failure((await as(device.deviceToken)).devices.revoke({ deviceId: device.device.id }))).code).toBe('UNAUTHENTICATED');
        expect((await (await as(device.deviceToken)).devices.me()).device.revokedAt).toBeNull();
      });

      it('me is for paired counters only', async () => {
        const v = await createVendorFixture(db());
        expect((await failure((await as(v.ownerToken)).devices.me())).code).toBe('UNAUTHENTICATED');
        expect((await failure((await get().caller()).devices.me())).code).toBe('UNAUTHENTICATED');
      });
    });
  },
  { LOGIN_RATE_LIMIT: '3' },
);
