import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCounterServer, type RunningCounterServer } from '../server/http';
import { UNREACHABLE_SERVER } from '../server/offline-fixture';
import { createSyncClient } from '../sync/client';
import { CREDENTIALS_FILE } from '../sync/credentials';
import type { SyncController } from '../sync/types';
import { hashPin } from '../staff/pin-hash';
import { makeCore, managerApproval, PINS, type TestCore } from '../test/fixtures';
import { counterClient, dbState, errorData, expectRefused, GOOD_PAIRING_CODE, startKit, type CounterClient, type Kit } from './test-kit';

describe('an unpaired counter (real sync client, marketplace unreachable)', () => {
  let t: TestCore;
  let sync: SyncController;
  let server: RunningCounterServer;
  let c: CounterClient;
  beforeAll(async () => {
    t = makeCore();
    sync = createSyncClient({ core: t.core, serverUrl: UNREACHABLE_SERVER });
    server = await startCounterServer({ core: t.core, sync, port: 0 });
    c = counterClient(server.url);
  });
  afterAll(async () => {
    await server.close();
    await sync.stop();
    t.cleanup();
  });

  it('says so, lets nobody sign in, and explains why pairing failed without storing anything', async () => {
    expect(await c.device.status.query()).toMatchObject({ paired: false, shop: null, registerCode: null, sync: { paired: false } });
    expect(await c.staff.list.query()).toEqual([]);
    await expectRefused(t.core, () => c.cart.current.query(), 'UNAUTHENTICATED');
    await expectRefused(t.core, () => c.device.pair.mutate({ code: ' ' }), 'BAD_INPUT');
    const offline = await expectRefused(t.core, () => c.device.pair.mutate({ code: GOOD_PAIRING_CODE }), 'INTERNAL');
    expect(offline.message).toContain('Cannot reach the marketplace');
    expect(existsSync(join(t.dir, CREDENTIALS_FILE))).toBe(false);
    expect(await c.device.status.query()).toMatchObject({ paired: false });
  });
});

describe('who may do what', () => {
  let kit: Kit;
  let c: CounterClient;
  beforeAll(async () => {
    kit = await startKit({ signedIn: null });
    c = kit.client;
  });
  afterAll(() => kit.close());
  afterEach(async () => {
    await c.staff.logout.mutate();
  });

  const login = (who: keyof typeof PINS) => c.staff.login.mutate({ staffId: kit.shop.staff[who], pin: PINS[who] });

  it('nobody signed in: status answers, every till action asks for a PIN and writes nothing', async () => {
    expect(await c.staff.me.query()).toBeNull();
    expect(await c.sync.status.query()).toMatchObject({ paired: true });
    const v = kit.shop.variants;
    const calls = [
      () => c.cart.current.query(),
      () => c.cart.addByScan.mutate({ code: kit.shop.barcodes.loaf }),
      () => c.catalog.search.query({ text: 'sour' }),
      () => c.sales.complete.mutate({ tenders: [{ kind: 'cash', tenderedCents: 1000 }] }),
      () => c.sales.list.query({}),
      () => c.shifts.open.mutate({ floatCents: 1000 }),
      () => c.shifts.noSale.mutate({}),
      () => c.inventory.receive.mutate({ variantId: v.loaf, quantity: 3, approval: managerApproval(kit.shop) }),
      () => c.webOrders.list.query({}),
      () => c.sync.syncNow.mutate(),
      () => c.activity.list.query({}),
      () => c.device.unpair.mutate(),
      () => c.staff.override.mutate({ ...managerApproval(kit.shop), action: 'refund a sale' }),
    ];
    for (const call of calls) {
      const err = await expectRefused(kit.core, call, 'UNAUTHENTICATED');
      expect(err.message).toContain('PIN');
    }
    expect(kit.sync.calls.syncNow).toBe(0);
  });

  it('signs in and out with a PIN', async () => {
    const me = await login('cashier');
    expect(me).toMatchObject({ name: 'Cas Cashier', role: 'cashier' });
    expect(await c.staff.me.query()).toMatchObject({ staffId: kit.shop.staff.cashier });
    await c.staff.logout.mutate();
    expect(await c.staff.me.query()).toBeNull();
    await expectRefused(kit.core, () => c.cart.current.query(), 'UNAUTHENTICATED');
  });

  it('locks itself after the idle time; looking at who is signed in is not activity', async () => {
    await login('cashier');
    kit.t.clock.advance(400_000);
    expect(await c.staff.me.query()).not.toBeNull();
    kit.t.clock.advance(300_000); // 700 s since the last action, over the 600 s default
    expect(await c.staff.me.query()).toBeNull();
    const err = await expectRefused(kit.core, () => c.cart.current.query(), 'UNAUTHENTICATED');
    expect(err.message).toContain('Sign in');
    await login('cashier');
    kit.t.clock.advance(400_000);
    await c.cart.current.query(); // a real action keeps the session alive
    kit.t.clock.advance(400_000);
    expect(await c.staff.me.query()).not.toBeNull();
  });

  it('a cashier cannot refund without a manager PIN, nor with a colleague’s or a wrong one', async () => {
    await login('cashier');
    await c.shifts.open.mutate({ floatCents: 2000 });
    await c.cart.addByScan.mutate({ code: kit.shop.barcodes.loaf });
    const sale = await c.sales.complete.mutate({ tenders: [{ kind: 'cash', tenderedCents: 450 }] });
    const alone = await expectRefused(kit.core, () => c.refunds.create.mutate({ saleId: sale.id, restock: true }), 'FORBIDDEN');
    expect(errorData(alone).details).toMatchObject({ needsApproval: true });
    const colleague = { staffId: kit.shop.staff.cashier2, pin: PINS.cashier2 };
    const notManager = await expectRefused(kit.core, () => c.refunds.create.mutate({ saleId: sale.id, restock: true, approval: colleague }), 'FORBIDDEN');
    expect(notManager.message).toContain('not a manager');
    const badPin = await c.refunds.create.mutate({ saleId: sale.id, restock: true, approval: { staffId: kit.shop.staff.manager, pin: '0000' } }).catch((e: unknown) => e);
    expect(errorData(badPin).appCode).toBe('INVALID_CREDENTIALS');
    expect(await c.refunds.list.query({ saleId: sale.id })).toEqual([]);

    const refund = await c.refunds.create.mutate({ saleId: sale.id, restock: true, approval: managerApproval(kit.shop) });
    expect(refund).toMatchObject({ saleNumber: sale.number, totalCents: 450, approvedBy: kit.shop.staff.manager, staffId: kit.shop.staff.cashier });
    expect((await c.refunds.list.query({ saleId: sale.id })).map((r) => r.id)).toEqual([refund.id]);
    await c.shifts.close.mutate({ counted: { '1000': 2 } });
  });

  it('a no-sale needs an open shift, and is logged when there is one', async () => {
    await login('cashier');
    await expectRefused(kit.core, () => c.shifts.noSale.mutate({ reason: 'change for the float' }), 'CONFLICT');
    await c.shifts.open.mutate({ floatCents: 1000 });
    const { eventId } = await c.shifts.noSale.mutate({ reason: 'change for the float' });
    expect(eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await c.shifts.xReport.query()).noSaleCount).toBe(1);
    await c.shifts.close.mutate({ counted: { '500': 2 } });
    await login('manager');
    const log = await c.activity.list.query({ limit: 20 });
    expect(log.find((a) => a.kind === 'no_sale')).toMatchObject({ staffId: kit.shop.staff.cashier, detail: { reason: 'change for the float' } });
  });

  it('manager override: checks the PIN for one action and logs it', async () => {
    await login('cashier');
    const ok = await c.staff.override.mutate({ ...managerApproval(kit.shop), action: 'open the refund form' });
    expect(ok).toEqual({ approvedBy: kit.shop.staff.manager });
    expect(await c.staff.override.mutate({ staffId: kit.shop.staff.owner, pin: PINS.owner, action: 'give 50% off' })).toEqual({ approvedBy: kit.shop.staff.owner });
    await expectRefused(kit.core, () => c.staff.override.mutate({ staffId: kit.shop.staff.cashier2, pin: PINS.cashier2, action: 'give 50% off' }), 'FORBIDDEN');
    await login('manager');
    const log = await c.activity.list.query({ limit: 50 });
    expect(log.filter((a) => a.kind === 'override').map((a) => a.detail)).toContainEqual({ action: 'open the refund form', for: kit.shop.staff.cashier });
  });

  it('only managers read the activity log, change counter settings or unpair', async () => {
    await login('cashier');
    await expectRefused(kit.core, () => c.activity.list.query({}), 'FORBIDDEN');
    await expectRefused(kit.core, () => c.device.updateSettings.mutate({ autoLockSeconds: 60 }), 'FORBIDDEN');
    await expectRefused(kit.core, () => c.device.unpair.mutate(), 'FORBIDDEN');
    expect(await c.device.settings.query()).toMatchObject({ discountLimitBps: 1000 });

    await login('manager');
    expect(await c.device.updateSettings.mutate({ discountLimitBps: 1500 })).toMatchObject({ discountLimitBps: 1500 });
    await expectRefused(kit.core, () => c.device.updateSettings.mutate({}), 'BAD_INPUT');
    // earlier tests left sales the server has not received: unpairing would strand them
    const before = dbState(kit.core);
    const err = await c.device.unpair.mutate().catch((e: unknown) => e);
    expect(errorData(err)).toMatchObject({ appCode: 'CONFLICT' });
    expect(dbState(kit.core)).toEqual(before);
    expect(await c.staff.me.query()).toMatchObject({ role: 'manager' });
  });

  it('a wrong PIN is refused with tries left, then locks the staff member out', async () => {
    kit.t.clock.advance(301_000); // the counter forgets earlier tests' wrong PINs after the lockout time
    const wrong = () => c.staff.login.mutate({ staffId: kit.shop.staff.cashier2, pin: '9999' });
    const first = await wrong().catch((e: unknown) => e);
    expect(errorData(first)).toMatchObject({ appCode: 'INVALID_CREDENTIALS', details: { attemptsLeft: 4 } });
    for (let i = 0; i < 3; i++) await wrong().catch(() => undefined);
    expect(errorData(await wrong().catch((e: unknown) => e)).appCode).toBe('RATE_LIMITED');
    expect(errorData(await login('cashier2').catch((e: unknown) => e)).appCode).toBe('RATE_LIMITED');
    expect(await c.staff.me.query()).toBeNull();
  });
});

describe('unlocking by PIN alone', () => {
  let kit: Kit;
  let c: CounterClient;
  const setPin = async (who: keyof typeof PINS, pin: string) => {
    // as the server's mirror_staff sends it: the same PIN, hashed with a salt of its own
    const hash = await hashPin(pin, { N: 1024, r: 8, p: 1 });
    kit.core.ctx.sqlite.prepare('UPDATE mirror_staff SET pin_hash = ? WHERE id = ?').run(hash, kit.shop.staff[who]);
  };
  const restorePins = async () => {
    for (const who of Object.keys(PINS) as (keyof typeof PINS)[]) await setPin(who, PINS[who]);
  };
  beforeAll(async () => {
    kit = await startKit({ signedIn: null });
    c = kit.client;
  });
  afterAll(() => kit.close());
  afterEach(async () => {
    await c.staff.logout.mutate();
    await restorePins();
    kit.t.clock.advance(3_600_000); // every lockout and wrong-PIN count of the test is over
  });

  it('the PIN says who is serving: no name to pick', async () => {
    const cashier = await c.staff.unlock.mutate({ pin: PINS.cashier });
    expect(cashier).toEqual({ signedIn: expect.objectContaining({ staffId: kit.shop.staff.cashier, name: 'Cas Cashier', role: 'cashier' }), choose: [] });
    expect(await c.staff.me.query()).toMatchObject({ staffId: kit.shop.staff.cashier });
    await c.staff.logout.mutate();
    expect((await c.staff.unlock.mutate({ pin: PINS.owner })).signedIn).toMatchObject({ name: 'Olive Owner', role: 'owner' });
    const log = await c.activity.list.query({ limit: 10 });
    expect(log.filter((a) => a.kind === 'login').map((a) => a.staffId)).toEqual([kit.shop.staff.owner, kit.shop.staff.cashier]);
    await expectRefused(kit.core, () => c.staff.unlock.mutate({ pin: '12' }), 'BAD_INPUT');
    await expectRefused(kit.core, () => c.staff.unlock.mutate({ pin: 'abcd' }), 'BAD_INPUT');
  });

  it('a PIN two staff share shows just their names; the one picked signs in', async () => {
    await setPin('cashier2', PINS.cashier);
    const before = dbState(kit.core);
    const answer = await c.staff.unlock.mutate({ pin: PINS.cashier });
    expect(answer).toEqual({
      signedIn: null,
      choose: [
        { id: kit.shop.staff.cashier, name: 'Cas Cashier', role: 'cashier' },
        { id: kit.shop.staff.cashier2, name: 'Cy Cashier', role: 'cashier' },
      ],
    });
    expect(dbState(kit.core)).toEqual(before);
    expect(await c.staff.me.query()).toBeNull();
    expect(await c.staff.login.mutate({ staffId: kit.shop.staff.cashier2, pin: PINS.cashier })).toMatchObject({ name: 'Cy Cashier' });
    expect(await c.staff.me.query()).toMatchObject({ staffId: kit.shop.staff.cashier2 });
  });

  it('wrong PINs count against the counter: after five nobody can unlock until the time passes', async () => {
    const wrong = () => c.staff.unlock.mutate({ pin: '9999' }).catch((e: unknown) => errorData(e));
    expect(await wrong()).toMatchObject({ appCode: 'INVALID_CREDENTIALS', details: { attemptsLeft: 4 } });
    expect(await wrong()).toMatchObject({ details: { attemptsLeft: 3 } });
    // a right PIN signs in but does not buy more guesses at the others
    expect((await c.staff.unlock.mutate({ pin: PINS.cashier })).signedIn).toMatchObject({ role: 'cashier' });
    await c.staff.logout.mutate();
    expect(await wrong()).toMatchObject({ details: { attemptsLeft: 2 } });
    expect(await wrong()).toMatchObject({ details: { attemptsLeft: 1 } });
    const locked = await wrong();
    expect(locked).toMatchObject({ appCode: 'RATE_LIMITED' });
    // locked means locked: no PIN is checked, by itself, with a name, or as an approval
    for (const call of [
      () => c.staff.unlock.mutate({ pin: PINS.manager }),
      () => c.staff.login.mutate({ staffId: kit.shop.staff.manager, pin: PINS.manager }),
    ]) {
      const err = await expectRefused(kit.core, call, 'RATE_LIMITED');
      expect(err.message).toContain('this counter');
    }
    expect(await c.staff.me.query()).toBeNull();
    kit.t.clock.advance(301_000);
    expect((await c.staff.unlock.mutate({ pin: PINS.manager })).signedIn).toMatchObject({ role: 'manager' });
    const log = await c.activity.list.query({ limit: 20 });
    expect(log.filter((a) => a.kind === 'lockout')[0]).toMatchObject({ staffId: null, detail: { scope: 'counter' } });
  });

  it('wrong PINs typed for a named person count against the counter too', async () => {
    for (let i = 0; i < 4; i++) await c.staff.login.mutate({ staffId: kit.shop.staff.owner, pin: '9999' }).catch(() => undefined);
    const fifth = await c.staff.unlock.mutate({ pin: '9998' }).catch((e: unknown) => errorData(e));
    expect(fifth).toMatchObject({ appCode: 'RATE_LIMITED' });
    await expectRefused(kit.core, () => c.staff.unlock.mutate({ pin: PINS.cashier }), 'RATE_LIMITED');
  });

  it('a manager approves by PIN alone, the same way', async () => {
    await c.staff.unlock.mutate({ pin: PINS.cashier });
    expect(await c.staff.override.mutate({ pin: PINS.manager, action: 'give 50% off' })).toEqual({ approvedBy: kit.shop.staff.manager });
    const cashier = await expectRefused(kit.core, () => c.staff.override.mutate({ pin: PINS.cashier2, action: 'give 50% off' }), 'FORBIDDEN');
    expect(cashier.message).toContain('Cy Cashier is not a manager');
    const nobody = await c.staff.override.mutate({ pin: '9999', action: 'give 50% off' }).catch((e: unknown) => errorData(e));
    expect(nobody).toMatchObject({ appCode: 'INVALID_CREDENTIALS', details: { attemptsLeft: 4 } });
    // two managers with one PIN: say which
    await setPin('owner', PINS.manager);
    const shared = await expectRefused(kit.core, () => c.staff.override.mutate({ pin: PINS.manager, action: 'give 50% off' }), 'CONFLICT');
    expect(errorData(shared).details).toMatchObject({ choose: [{ name: 'Mo Manager' }, { name: 'Olive Owner' }] });
    expect(await c.staff.override.mutate({ staffId: kit.shop.staff.owner, pin: PINS.manager, action: 'give 50% off' })).toEqual({ approvedBy: kit.shop.staff.owner });
  });
});
