import { afterEach, describe, expect, it } from 'vitest';
import type { SquareFake } from './index';
import { LOCATION, MERCHANT, appClient, manualClock, sdk, squareError, startWithMerchant } from './test-helpers';

let fake: SquareFake;
afterEach(async () => {
  await fake.close();
});

const SECOND = 'MLFAKE000002';

async function connect(f: SquareFake, state = 'st-1') {
  const url = new URL(`${f.baseUrl}/oauth2/authorize`);
  url.searchParams.set('client_id', f.applicationId);
  url.searchParams.set('scope', 'MERCHANT_PROFILE_READ ITEMS_READ INVENTORY_READ INVENTORY_WRITE');
  url.searchParams.set('session', 'false');
  url.searchParams.set('state', state);
  const res = await fetch(url, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const back = new URL(res.headers.get('location') ?? '');
  expect(`${back.origin}${back.pathname}`).toBe(f.redirectUrl);
  expect(back.searchParams.get('state')).toBe(state);
  return back.searchParams.get('code') ?? '';
}

describe('square fake: OAuth and tokens', () => {
  it('code flow: authorize redirects with a single-use code, token works, refresh returns the same refresh token', async () => {
    const clock = manualClock();
    fake = await startWithMerchant({ clock });
    fake.addMerchant({ merchantId: SECOND, locations: [{ id: 'LSECOND00001', name: 'Second', currency: 'EUR' }] });
    fake.authorizeAs(SECOND);
    const code = await connect(fake);
    const anon = appClient(fake);
    const tokens = await anon.oAuth.obtainToken({ clientId: fake.applicationId, clientSecret: fake.clientSecret, code, grantType: 'authorization_code' });
    expect([tokens.merchantId, tokens.tokenType, tokens.shortLived]).toEqual([SECOND, 'bearer', false]);
    expect(Date.parse(tokens.expiresAt ?? '') - clock.now()).toBe(30 * 24 * 3600 * 1000);
    const again = await squareError(() => anon.oAuth.obtainToken({ clientId: fake.applicationId, clientSecret: fake.clientSecret, code, grantType: 'authorization_code' }));
    expect([again.statusCode, again.code]).toEqual([401, 'UNAUTHORIZED']);
    const badSecret = await squareError(() => anon.oAuth.obtainToken({ clientId: fake.applicationId, clientSecret: 'wrong', code, grantType: 'authorization_code' }));
    expect(badSecret.statusCode).toBe(401);

    const seller = sdk(fake, tokens.accessToken ?? '');
    const locations = await seller.locations.list();
    expect(locations.locations?.map((l) => [l.id, l.currency, l.status])).toEqual([['LSECOND00001', 'EUR', 'ACTIVE']]);
    const status = await seller.oAuth.retrieveTokenStatus();
    expect([status.merchantId, status.scopes?.includes('INVENTORY_WRITE'), status.scopes?.includes('ORDERS_WRITE')]).toEqual([SECOND, true, false]);
    const noScope = await squareError(() => seller.orders.get({ orderId: 'x' }));
    expect([noScope.statusCode, noScope.code]).toEqual([403, 'INSUFFICIENT_SCOPES']);

    clock.advance(31 * 24 * 3600 * 1000);
    const expired = await squareError(() => seller.locations.list());
    expect([expired.statusCode, expired.code]).toEqual([401, 'ACCESS_TOKEN_EXPIRED']);
    const refreshed = await anon.oAuth.obtainToken({ clientId: fake.applicationId, clientSecret: fake.clientSecret, refreshToken: tokens.refreshToken ?? '', grantType: 'refresh_token' });
    expect(refreshed.refreshToken).toBe(tokens.refreshToken);
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);
    expect((await sdk(fake, refreshed.accessToken ?? '').locations.list()).locations).toHaveLength(1);
  });

  it('RevokeToken with the client secret kills every token of the seller and sends oauth.authorization.revoked', async () => {
    fake = await startWithMerchant();
    const issued = fake.issueToken(MERCHANT);
    const other = fake.issueToken(MERCHANT);
    fake.takeEvents();
    const client = appClient(fake);
    const wrong = await squareError(() => client.oAuth.revokeToken({ clientId: fake.applicationId, merchantId: MERCHANT }, { headers: { Authorization: 'Client nope' } }));
    expect(wrong.statusCode).toBe(401);
    const res = await client.oAuth.revokeToken({ clientId: fake.applicationId, merchantId: MERCHANT }, { headers: { Authorization: `Client ${fake.clientSecret}` } });
    expect(res.success).toBe(true);
    for (const t of [issued.accessToken, other.accessToken]) {
      const err = await squareError(() => sdk(fake, t).locations.list());
      expect([err.statusCode, err.code]).toEqual([401, 'ACCESS_TOKEN_REVOKED']);
    }
    const refresh = await squareError(() => client.oAuth.obtainToken({ clientId: fake.applicationId, clientSecret: fake.clientSecret, refreshToken: issued.refreshToken, grantType: 'refresh_token' }));
    expect(refresh.statusCode).toBe(401);
    const events = fake.takeEvents();
    expect(events.map((e) => e.type)).toEqual(['oauth.authorization.revoked']);
    expect(JSON.parse(events[0]?.body ?? '{}')).toMatchObject({ merchant_id: MERCHANT, data: { type: 'revocation', object: { revocation: { revoker_type: 'APPLICATION' } } } });
  });

  it('the seller revoking in Square and unknown tokens answer Square auth errors', async () => {
    fake = await startWithMerchant();
    const issued = fake.issueToken(MERCHANT);
    fake.revokeFromSquare(MERCHANT);
    expect((await squareError(() => sdk(fake, issued.accessToken).locations.list())).code).toBe('ACCESS_TOKEN_REVOKED');
    const unknown = await squareError(() => sdk(fake, 'EAAAnot-a-token').locations.list());
    expect([unknown.statusCode, unknown.category, unknown.code]).toEqual([401, 'AUTHENTICATION_ERROR', 'UNAUTHORIZED']);
    const revoked = fake.takeEvents().find((e) => e.type === 'oauth.authorization.revoked');
    expect(JSON.parse(revoked?.body ?? '{}')).toMatchObject({ data: { object: { revocation: { revoker_type: 'MERCHANT' } } } });
  });

  it('tokens expire mid-sync after n requests until refreshed; expireToken kills one token', async () => {
    fake = await startWithMerchant();
    const issued = fake.issueToken(MERCHANT);
    const client = sdk(fake, issued.accessToken);
    fake.faults.expireTokensAfter(2);
    await client.locations.list();
    await client.catalog.search({ objectTypes: ['ITEM'] });
    const err = await squareError(() => client.catalog.search({ objectTypes: ['ITEM'] }));
    expect([err.statusCode, err.code]).toEqual([401, 'ACCESS_TOKEN_EXPIRED']);
    const refreshed = await client.oAuth.obtainToken({ clientId: fake.applicationId, clientSecret: fake.clientSecret, refreshToken: issued.refreshToken, grantType: 'refresh_token' });
    const fresh = sdk(fake, refreshed.accessToken ?? '');
    expect((await fresh.locations.list()).locations?.[0]?.id).toBe(LOCATION);
    fake.expireToken(refreshed.accessToken ?? '');
    expect((await squareError(() => fresh.locations.list())).code).toBe('ACCESS_TOKEN_EXPIRED');
    expect(fake.calls('/v2/locations').map((r) => [r.status, r.merchantId])).toEqual([[200, MERCHANT], [200, MERCHANT], [401, null]]);
  });
});
