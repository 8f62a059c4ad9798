import { isAppError, uuidv7, type ErrorCode } from '@makeries/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeCore, PINS, seedShop, signIn, type TestCore } from '../test/fixtures';
import { hashPin, verifyPin } from './pin-hash';

let tracked: TestCore | null = null;
afterEach(() => {
  tracked?.cleanup();
  tracked = null;
});

async function codeOf(fn: () => unknown): Promise<ErrorCode | 'none'> {
  try {
    await fn();
    return 'none';
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
}

/** Made by the server's hashSecret('8642') (apps/server/src/services/tokens.ts), default parameters. */
const SERVER_HASH = 'scrypt$32768$8$1$8caDxtWKbzLNQ9Yl07IwQg==$jrn7rKl/vJ8j720RSt8GColUBHUJVUKHV93Qc8ATCrQ=';

describe('PIN hashes', () => {
  it('verifies hashes made by the server, offline', async () => {
    expect(await verifyPin('8642', SERVER_HASH)).toBe(true);
    expect(await verifyPin('8643', SERVER_HASH)).toBe(false);
    expect(await verifyPin('8642', 'bcrypt$whatever')).toBe(false);
    expect(await verifyPin('8642', 'scrypt$0$8$1$AAAA$BBBB')).toBe(false);
    const own = await hashPin('1234', { N: 1024, r: 8, p: 1 });
    expect(own).toMatch(/^scrypt\$1024\$8\$1\$[^$]+\$[^$]+$/);
    expect(await verifyPin('1234', own)).toBe(true);
  });
});

describe('staff sign-in at the counter', () => {
  let t: TestCore;
  beforeEach(() => {
    t = makeCore();
    tracked = t;
  });
  it('signs in with the mirrored PIN hash and records it', async () => {
    const shop = await seedShop(t.core);
    t.core.ctx.sqlite
      .prepare('UPDATE mirror_staff SET pin_hash = ? WHERE id = ?')
      .run(SERVER_HASH, shop.staff.cashier);
    expect(t.core.staff.current()).toBeNull();
    const me = await t.core.staff.login({ staffId: shop.staff.cashier, pin: '8642' });
    expect(me).toMatchObject({ staffId: shop.staff.cashier, name: 'Cas Cashier', role: 'cashier' });
    expect(t.core.staff.current()?.staffId).toBe(shop.staff.cashier);
    expect(t.core.staff.list().map((s) => s.role).sort()).toEqual(['cashier', 'cashier', 'manager', 'owner']);
    t.core.staff.logout();
    expect(t.core.staff.current()).toBeNull();
    expect(t.core.activity(5).map((a) => a.kind)).toEqual(expect.arrayContaining(['login', 'logout']));
  });

  it('locks a staff member out after repeated wrong PINs, across a restart, until the time passes', async () => {
    const shop = await seedShop(t.core);
    await signIn(t.core, shop, 'manager');
    expect(t.core.device.updateSettings({ pinMaxAttempts: 3, pinLockoutSeconds: 300 })).toMatchObject({ pinMaxAttempts: 3 });
    t.core.staff.logout();
    const wrong = () => t.core.staff.login({ staffId: shop.staff.cashier, pin: '9999' });
    expect(await codeOf(wrong)).toBe('INVALID_CREDENTIALS');
    await expect(wrong()).rejects.toThrow('Wrong PIN. 1 try left before a lockout.');
    expect(await codeOf(wrong)).toBe('RATE_LIMITED');
    // even the right PIN is refused while locked, and a restart does not reset it
    t.reopen();
    expect(await codeOf(() => signIn(t.core, shop))).toBe('RATE_LIMITED');
    // the wrong PINs counted against this counter too: nobody else can sign in meanwhile
    expect(await codeOf(() => signIn(t.core, shop, 'manager'))).toBe('RATE_LIMITED');
    expect(await codeOf(() => t.core.staff.unlock({ pin: PINS.manager }))).toBe('RATE_LIMITED');
    t.clock.advance(301_000);
    expect(await codeOf(() => signIn(t.core, shop))).toBe('none');
    // a success clears that person's count; the counter forgets its own after the lockout time
    expect(await codeOf(wrong)).toBe('INVALID_CREDENTIALS');
    expect(await codeOf(wrong)).toBe('INVALID_CREDENTIALS');
    expect(await codeOf(() => signIn(t.core, shop))).toBe('none');
    t.clock.advance(301_000);
    expect(await codeOf(wrong)).toBe('INVALID_CREDENTIALS');
    expect(t.core.activity(50).filter((a) => a.kind === 'lockout').map((a) => a.detail.scope).sort()).toEqual(['counter', 'person']);
  });

  it('unlocks by PIN alone after a restart, the counter lockout kept across it', async () => {
    const shop = await seedShop(t.core);
    expect(await t.core.staff.unlock({ pin: PINS.manager })).toMatchObject({ signedIn: { staffId: shop.staff.manager } });
    t.core.device.updateSettings({ pinMaxAttempts: 2, pinLockoutSeconds: 60 });
    t.core.staff.logout();
    expect(await codeOf(() => t.core.staff.unlock({ pin: '0000' }))).toBe('INVALID_CREDENTIALS');
    expect(await codeOf(() => t.core.staff.unlock({ pin: '0001' }))).toBe('RATE_LIMITED');
    t.reopen();
    expect(await codeOf(() => t.core.staff.unlock({ pin: PINS.cashier }))).toBe('RATE_LIMITED');
    t.clock.advance(61_000);
    // inactive staff and staff without a PIN are nobody's match
    t.core.ctx.sqlite.prepare('UPDATE mirror_staff SET active = 0 WHERE id = ?').run(shop.staff.cashier2);
    expect(await codeOf(() => t.core.staff.unlock({ pin: PINS.cashier2 }))).toBe('INVALID_CREDENTIALS');
    expect(await t.core.staff.unlock({ pin: PINS.cashier })).toMatchObject({ signedIn: { staffId: shop.staff.cashier } });
    expect(t.core.staff.current()?.staffId).toBe(shop.staff.cashier);
  });

  it('refuses unknown, inactive and PIN-less staff and malformed PINs', async () => {
    const shop = await seedShop(t.core);
    t.core.ctx.sqlite.prepare('UPDATE mirror_staff SET active = 0 WHERE id = ?').run(shop.staff.cashier2);
    t.core.ctx.sqlite.prepare('UPDATE mirror_staff SET pin_hash = NULL WHERE id = ?').run(shop.staff.owner);
    expect(await codeOf(() => t.core.staff.login({ staffId: uuidv7(), pin: '1234' }))).toBe('INVALID_CREDENTIALS');
    expect(await codeOf(() => t.core.staff.login({ staffId: shop.staff.cashier2, pin: PINS.cashier2 }))).toBe('INVALID_CREDENTIALS');
    expect(await codeOf(() => t.core.staff.login({ staffId: shop.staff.owner, pin: PINS.owner }))).toBe('INVALID_CREDENTIALS');
    expect(await codeOf(() => t.core.staff.login({ staffId: shop.staff.cashier, pin: '12' }))).toBe('BAD_INPUT');
    expect(await codeOf(() => t.core.staff.login({ staffId: 'nobody', pin: '1234' }))).toBe('BAD_INPUT');
    expect(t.core.staff.current()).toBeNull();
  });

  it('locks the counter after the idle time', async () => {
    const shop = await seedShop(t.core);
    await signIn(t.core, shop);
    expect(await codeOf(() => t.core.device.updateSettings({ autoLockSeconds: 60 }))).toBe('FORBIDDEN');
    await signIn(t.core, shop, 'owner');
    expect(await codeOf(() => t.core.device.updateSettings({}))).toBe('BAD_INPUT');
    t.core.device.updateSettings({ autoLockSeconds: 60 });
    await signIn(t.core, shop);
    t.clock.advance(50_000);
    t.core.cart.addScan({ code: shop.barcodes.loaf }); // activity keeps the session alive
    t.clock.advance(50_000);
    expect(t.core.staff.current()?.staffId).toBe(shop.staff.cashier);
    t.clock.advance(61_000);
    expect(await codeOf(() => t.core.cart.addScan({ code: shop.barcodes.loaf }))).toBe('UNAUTHENTICATED');
    expect(t.core.staff.current()).toBeNull();
    expect(t.core.activity(5).map((a) => a.kind)).toContain('auto_lock');
  });
});
