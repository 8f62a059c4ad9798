import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ShopifyFake, ShopifyTokenResponse } from './index';
import { SHOP, adminClient, gql, manualClock, startWithShop } from './test-helpers';

let fake: ShopifyFake | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function authorize(f: ShopifyFake, state = 'st-1'): Promise<URL> {
  const q = new URLSearchParams({ client_id: f.clientId, scope: 'read_products,write_inventory', redirect_uri: f.redirectUrl, state });
  const res = await fetch(`${f.baseUrl}/shops/${SHOP}/admin/oauth/authorize?${q.toString()}`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location') ?? '');
}

async function token(f: ShopifyFake, body: Record<string, unknown>): Promise<{ status: number; json: ShopifyTokenResponse & { error?: string } }> {
  const res = await fetch(`${f.baseUrl}/shops/${SHOP}/admin/oauth/access_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_id: f.clientId, client_secret: f.clientSecret, ...body }),
  });
  return { status: res.status, json: (await res.json()) as ShopifyTokenResponse & { error?: string } };
}

describe('shopify fake: OAuth', () => {
  it('redirects with a query hmac Shopify-style and trades the code once for an expiring token pair', async () => {
    fake = await startWithShop();
    const back = await authorize(fake);
    const params = Object.fromEntries(back.searchParams);
    expect(Object.keys(params).sort()).toEqual(['code', 'hmac', 'host', 'shop', 'state', 'timestamp']);
    expect(params.shop).toBe(SHOP);
    expect(params.state).toBe('st-1');
    // independent recomputation: sorted query without hmac, URL-encoded, hex HMAC-SHA256 with the client secret
    const { hmac, ...rest } = params;
    const message = new URLSearchParams(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b))).toString();
    expect(hmac).toBe(createHmac('sha256', fake.clientSecret).update(message).digest('hex'));

    const wrongSecret = await token(fake, { code: params.code, client_secret: 'nope', expiring: '1' });
    expect(wrongSecret).toMatchObject({ status: 400, json: { error: 'invalid_client' } });
    const first = await token(fake, { code: params.code, expiring: '1' });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ scope: 'read_products,write_inventory', expires_in: 3600, refresh_token_expires_in: 7776000 });
    expect(first.json.refresh_token).toMatch(/^shprt_/);
    const reused = await token(fake, { code: params.code, expiring: '1' });
    expect(reused).toMatchObject({ status: 400, json: { error: 'invalid_request' } });

    const badRedirect = await fetch(`${fake.baseUrl}/shops/${SHOP}/admin/oauth/authorize?client_id=${fake.clientId}&redirect_uri=https://evil.example/cb`, { redirect: 'manual' });
    expect(badRedirect.status).toBe(400);
  });

  it('rotates refresh tokens: the previous one works until the new one is used, then dies; tokens expire on the clock', async () => {
    const clock = manualClock();
    fake = await startWithShop({ clock });
    const code = (await authorize(fake)).searchParams.get('code');
    const r0 = (await token(fake, { code, expiring: '1' })).json;
    expect((await gql(adminClient(fake, r0.access_token), '{ shop { name } }')).status).toBeUndefined();
    clock.advance(3600 * 1000);
    expect((await gql(adminClient(fake, r0.access_token), '{ shop { name } }')).status).toBe(401);

    const r1 = (await token(fake, { grant_type: 'refresh_token', refresh_token: r0.refresh_token })).json;
    expect(r1.refresh_token).not.toBe(r0.refresh_token);
    expect(r1.access_token).not.toBe(r0.access_token);
    expect((await gql(adminClient(fake, r1.access_token), '{ shop { name } }')).status).toBeUndefined();
    // r0 is still accepted (r1 not used yet): e.g. a crash before r1 was stored
    const r1b = (await token(fake, { grant_type: 'refresh_token', refresh_token: r0.refresh_token })).json;
    expect(r1b.access_token).toMatch(/^shpat_/);
    // using r1 kills r0
    const r2 = await token(fake, { grant_type: 'refresh_token', refresh_token: r1.refresh_token });
    expect(r2.status).toBe(200);
    expect(await token(fake, { grant_type: 'refresh_token', refresh_token: r0.refresh_token })).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
  });

  it('uninstall revokes every token (401) and sends app/uninstalled; appUninstall does the same from the app', async () => {
    fake = await startWithShop();
    const pair = fake.issueToken(SHOP);
    fake.takeWebhooks();
    fake.uninstall(SHOP);
    expect((await gql(adminClient(fake, pair.access_token), '{ shop { name } }')).status).toBe(401);
    expect(await token(fake, { grant_type: 'refresh_token', refresh_token: pair.refresh_token })).toMatchObject({ status: 400 });
    const [hook] = fake.takeWebhooks();
    expect(hook?.topic).toBe('app/uninstalled');
    expect(JSON.parse(hook!.body)).toMatchObject({ myshopify_domain: SHOP });

    const again = fake.issueToken(SHOP);
    const client = adminClient(fake, again.access_token);
    const res = await gql<{ appUninstall: { userErrors: unknown[] } }>(client, 'mutation { appUninstall { app { id } userErrors { code field message } } }');
    expect(res.data!.appUninstall.userErrors).toEqual([]);
    expect((await gql(client, '{ shop { name } }')).status).toBe(401);
    expect(fake.takeWebhooks().map((h) => h.topic)).toEqual(['app/uninstalled']);
  });
});
