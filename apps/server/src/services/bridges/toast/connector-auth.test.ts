import { afterEach, describe, expect, it } from 'vitest';
import { PosError } from '../types';
import { RESTAURANT, startToastKit, type ToastKit } from './fake/kit';
import { READ_ONLY_SCOPES } from './fake/index';

const LOGIN = '/authentication/v1/authentication/login';
let kit: ToastKit | null = null;

async function start(opts: Parameters<typeof startToastKit>[0] = {}): Promise<ToastKit> {
  kit = await startToastKit(opts);
  return kit;
}

afterEach(async () => {
  await kit?.fake.close();
  kit = null;
});

async function failure(p: Promise<unknown>): Promise<PosError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof PosError)) throw new Error(`expected a PosError, got ${String(e)}`);
  return e;
}

describe('Toast connector: partner sign-in', () => {
  it('signs in once for many calls and many connectors, even when they start together', async () => {
    const k = await start();
    const other = (await import('./connector')).createToastConnector(k.env);
    await Promise.all([k.connector.locations(k.conn), other.locations(k.conn), k.connector.partnerAccounts()]);
    await k.connector.locations(k.conn);
    expect(k.calls(LOGIN)).toBe(1);
    const sent = k.fake.requests.filter((r) => r.path.startsWith('/restaurants/'));
    expect(sent.every((r) => r.restaurant === RESTAURANT)).toBe(true);
  });

  it('signs in again once when Toast answers 401, and not a third time within the hour', async () => {
    const k = await start();
    await k.connector.locations(k.conn);
    k.fake.faults.expireTokens();
    const [loc] = await k.connector.locations(k.conn);
    expect(loc?.name).toBe('Corner Bakery — High St');
    expect(k.calls(LOGIN)).toBe(2);
    k.fake.faults.expireTokens();
    const e = await failure(k.connector.locations(k.conn));
    expect(e.kind).toBe('rate_limited');
    expect(e.retryAfterMs).toBeGreaterThan(0);
    expect(k.calls(LOGIN)).toBe(2);
  });

  it('refuses wrong app credentials as an authorization failure', async () => {
    const k = await start({ env: { TOAST_CLIENT_SECRET: 'wrong' } });
    const e = await failure(k.connector.partnerAccounts());
    expect(e.kind).toBe('auth');
    expect(e.message).toMatch(/Toast refused/);
  });

  it('lists the restaurants that added Makeries (not removed ones) and claims one with the token’s scopes', async () => {
    const k = await start();
    k.fake.addRestaurant('r-2', { name: 'Second Cafe', locationName: 'Dock', createdBy: 'b@cafe.test' });
    k.fake.addRestaurant('r-3', { name: 'Gone', locationName: 'Away' });
    k.fake.removePartner('r-3');
    const accounts = await k.connector.partnerAccounts();
    expect(accounts).toEqual([
      { connectionKey: RESTAURANT, name: 'Corner Bakery — High St', addedBy: 'owner@corner.test' },
      { connectionKey: 'r-2', name: 'Second Cafe — Dock', addedBy: 'b@cafe.test' },
    ]);
    const claimed = await k.connector.claim(RESTAURANT);
    expect(claimed.connectionKey).toBe(RESTAURANT);
    expect(claimed.credentials).toEqual({ accessToken: 'toast-partner', refreshToken: null, expiresAt: null });
    expect(claimed.scopes).toContain('orders.orders:write');
    expect(k.connector.capabilities(claimed.scopes)).toEqual({ stockWrite: true, orderWrite: true });
    expect((await failure(k.connector.claim('r-3'))).kind).toBe('rejected');
    expect(await k.connector.refresh(claimed.credentials)).toEqual(claimed.credentials);
  });

  it('a read-only (Standard API) connection gets no write capabilities', async () => {
    const k = await start({ scopes: READ_ONLY_SCOPES });
    const claimed = await k.connector.claim(RESTAURANT);
    expect(k.connector.capabilities(claimed.scopes)).toEqual({ stockWrite: false, orderWrite: false });
  });

  it('one restaurant is one location; the currency defaults to USD when Toast gives none', async () => {
    const k = await start();
    k.fake.addRestaurant('r-eur', { name: 'Café', locationName: 'Lisbon', currencyCode: 'eur' });
    k.fake.addRestaurant('r-none', { name: 'Plain', locationName: 'Town', currencyCode: null });
    expect(await k.connector.locations({ ...k.conn, connectionKey: 'r-eur' })).toEqual([{ extId: 'r-eur', name: 'Café — Lisbon', currency: 'EUR', active: true }]);
    expect((await k.connector.locations({ ...k.conn, connectionKey: 'r-none' }))[0]?.currency).toBe('USD');
  });

  it('a restaurant that removed Makeries is reported revoked', async () => {
    const k = await start();
    await k.connector.locations(k.conn);
    k.fake.removePartner(RESTAURANT);
    const e = await failure(k.connector.locations(k.conn));
    expect(e.kind).toBe('revoked');
  });

  it('429 becomes rate_limited with Toast’s Retry-After', async () => {
    const k = await start();
    k.fake.faults.rateLimit({ times: 1, retryAfterSeconds: 7, path: '/restaurants/' });
    const e = await failure(k.connector.locations(k.conn));
    expect(e.kind).toBe('rate_limited');
    expect(e.retryAfterMs).toBe(7000);
    expect((await k.connector.locations(k.conn)).length).toBe(1);
  });

  it('keeps within Toast’s per-restaurant limits by itself (a raw burst over them gets 429s from the fake)', async () => {
    const k = await start();
    const ids = k.fake.seedMenu(RESTAURANT, 3);
    k.fake.faults.enforceLimits(true);
    const token = k.fake.issueToken().accessToken;
    const raw = await Promise.all(
      Array.from({ length: 25 }, () => fetch(`${k.fake.baseUrl}/menus/v2/metadata`, { headers: { authorization: `Bearer ${token}`, 'toast-restaurant-external-id': RESTAURANT } }).then((r) => r.status)),
    );
    expect(raw.filter((s) => s === 429).length).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const before = k.fake.requests.length;
    const reads = await Promise.all(Array.from({ length: 25 }, () => k.connector.stock(k.conn, [ids[0] ?? ''])));
    expect(reads.every((r) => r.length === 1)).toBe(true);
    k.fake.republish(RESTAURANT);
    await k.connector.catalogPage(k.conn, null);
    k.fake.republish(RESTAURANT);
    await k.connector.catalogPage(k.conn, null);
    expect(k.fake.requests.slice(before).filter((r) => r.status === 429)).toEqual([]);
  });

  it('is configured only with the client id, secret and API base; it has no authorize page', async () => {
    const k = await start();
    expect(k.connector.configured).toBe(true);
    expect(k.connector.connectKind).toBe('partner');
    const none = (await import('./connector')).createToastConnector({ ...k.env, TOAST_CLIENT_SECRET: undefined });
    expect(none.configured).toBe(false);
    expect(() => k.connector.authorizeUrl('state', null)).toThrow(PosError);
  });
});
