import { afterEach, describe, expect, it } from 'vitest';
import { PosError } from '../types';
import { gql } from './client';
import { SHOP_QUERY } from './queries';
import { SHOP, startShopifyKit, type ShopifyKit } from './test-kit';

let kit: ShopifyKit | null = null;
afterEach(async () => {
  await kit?.close();
  kit = null;
});

async function failureOf(p: Promise<unknown>): Promise<PosError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof PosError) return e;
    throw e;
  }
  throw new Error('expected a PosError');
}

describe('Shopify connector: connecting', () => {
  it('goes through Shopify’s authorize page and callback, then refreshes with a rotating refresh token', async () => {
    kit = await startShopifyKit();
    const { connector, fake } = kit;
    const res = await fetch(connector.authorizeUrl('state-1', SHOP), { redirect: 'manual' });
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location') ?? '');
    expect(back.pathname).toBe('/oauth/pos/shopify/callback');
    const query = Object.fromEntries(back.searchParams);
    expect(query.state).toBe('state-1');

    // a callback whose query was changed is refused before any token is asked for
    await expect(connector.completeAuth({ ...query, shop: 'other-shop.myshopify.com' })).rejects.toMatchObject({ kind: 'auth' });
    const auth = await connector.completeAuth(query);
    expect(auth.connectionKey).toBe(SHOP);
    expect(auth.scopes).toEqual(['read_products', 'read_inventory', 'write_inventory', 'read_locations', 'read_orders', 'write_orders']);
    expect(connector.capabilities(auth.scopes)).toEqual({ stockWrite: true, orderWrite: true });
    expect(connector.capabilities(['read_products', 'read_inventory'])).toEqual({ stockWrite: false, orderWrite: false });
    const first = auth.credentials;
    expect(first.refreshToken).toBeTruthy();
    expect(Date.parse(first.expiresAt ?? '') - Date.now()).toBeGreaterThan(50 * 60_000);
    // the code works once
    await expect(connector.completeAuth(query)).rejects.toMatchObject({ kind: 'auth' });

    const second = await connector.refresh(first);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const third = await connector.refresh(second);
    expect(third.refreshToken).not.toBe(second.refreshToken);
    // once its successor was used, the first refresh token is dead: the new one must be stored every time
    expect((await failureOf(connector.refresh(first))).kind).toBe('auth');

    const conn = { ...kit.conn, credentials: third };
    const locations = await connector.locations(conn);
    expect(locations).toEqual([
      { extId: 'gid://shopify/Location/101', name: 'Market Street', currency: 'GBP', active: true },
      { extId: 'gid://shopify/Location/102', name: 'Workshop', currency: 'GBP', active: true },
    ]);
    expect(fake.calls('locations').length).toBe(1);
  });

  it('says expired on a 401 (the engine refreshes once), and auth once Shopify refuses the refresh after an uninstall', async () => {
    kit = await startShopifyKit();
    const { connector, fake, conn } = kit;
    fake.faults.expireTokensAfter(0);
    const e = await failureOf(connector.locations(conn));
    expect(e.kind).toBe('expired');
    const fresh = await connector.refresh(conn.credentials);
    expect((await connector.locations({ ...conn, credentials: fresh })).length).toBe(2);

    fake.uninstall(SHOP);
    expect((await failureOf(connector.locations({ ...conn, credentials: fresh }))).kind).toBe('expired');
    const refused = await failureOf(connector.refresh(fresh));
    expect(refused.kind).toBe('auth');
    expect(refused.message).toContain('connect Shopify again');
  });

  it('maps a 429 with Retry-After seconds and waits out THROTTLED answers (HTTP 200) through the real client', async () => {
    kit = await startShopifyKit();
    const { fake, env, conn } = kit;
    fake.faults.rateLimit({ times: 1, retryAfterSeconds: 3 });
    const limited = await failureOf(gql(env, conn, SHOP_QUERY));
    expect(limited).toMatchObject({ kind: 'rate_limited', retryAfterMs: 3000 });

    fake.faults.throttle({ times: 2 });
    const before = fake.requests.length;
    const r = await gql<{ shop: { currencyCode: string } }>(env, conn, SHOP_QUERY);
    expect(r.shop.currencyCode).toBe('GBP');
    const sent = fake.requests.slice(before);
    expect(sent.map((q) => q.throttled)).toEqual([true, true, false]);

    fake.faults.throttle({ times: 10 });
    const gaveUp = await failureOf(gql(env, conn, SHOP_QUERY));
    expect(gaveUp.kind).toBe('rate_limited');
    expect(gaveUp.retryAfterMs).toBeGreaterThan(0);
    fake.faults.clear();
  });

  it('waits for the shop’s bucket to refill instead of sending a query that would be THROTTLED', async () => {
    kit = await startShopifyKit();
    const { fake, env, conn } = kit;
    await gql(env, conn, SHOP_QUERY);
    fake.drainBucket(SHOP);
    // the drained bucket is learnt from the first THROTTLED answer; the query then succeeds after the refill
    const r = await gql<{ shop: { currencyCode: string } }>(env, conn, SHOP_QUERY, {}, { cost: 50 });
    expect(r.shop.currencyCode).toBe('GBP');
    const throttled = fake.requests.filter((q) => q.throttled).length;
    expect(throttled).toBeLessThanOrEqual(1);
  });

  it('uninstalls itself on disconnect (Shopify has no token revoke), and a second disconnect changes nothing', async () => {
    kit = await startShopifyKit();
    const { connector, fake, conn } = kit;
    fake.takeWebhooks();
    await connector.revoke(conn);
    expect(fake.takeWebhooks().map((h) => h.topic)).toContain('app/uninstalled');
    expect((await failureOf(connector.locations(conn))).kind).toBe('expired');
    await connector.revoke(conn);
  });
});
