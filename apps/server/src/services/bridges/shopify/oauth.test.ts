import { describe, expect, it } from 'vitest';
import { PosError } from '../types';
import { authorizeUrl, callbackHmac, shopOfCredentials, verifyCallback } from './oauth';

const env = { SHOPIFY_CLIENT_ID: 'client-1', SHOPIFY_CLIENT_SECRET: 'hush', SHOPIFY_CLIENT_SECRET_PREVIOUS: undefined, SHOPIFY_API_BASE: undefined, PUBLIC_URL: 'https://market.makeries.test/', POS_TIMEOUT_MS: 5000 };

function signed(query: Record<string, string>, secret = 'hush'): Record<string, string> {
  return { ...query, hmac: callbackHmac(secret, query) };
}

function refusal(fn: () => void): PosError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PosError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('Shopify OAuth', () => {
  it('signs the callback query the way Shopify documents it (sorted, without hmac, hex)', () => {
    // shopify.dev "Verify a request" example: secret "hush"
    const query = { code: '0907a61c0c8d55e99db179b68161bc00', shop: 'some-shop.myshopify.com', state: '0.6784241404160823', timestamp: '1337178173' };
    expect(callbackHmac('hush', query)).toBe('700e2dadb827fcc8609e9d5ce208b2e9cdaab9df07390d2cbca10d7c328fc4bf');
    expect(callbackHmac('hush', { ...query, hmac: 'ignored' })).toBe(callbackHmac('hush', query));
  });

  it('accepts a fresh, signed callback for a myshopify.com shop', () => {
    const now = Date.UTC(2026, 11, 6, 12);
    const q = signed({ code: 'abc', shop: 'clay-corner.myshopify.com', state: 's1', timestamp: String(now / 1000 - 60) });
    expect(() => {
      verifyCallback('hush', q, now);
    }).not.toThrow();
  });

  it('refuses a changed parameter, another key, a foreign shop, an old or missing timestamp, no hmac', () => {
    const now = Date.UTC(2026, 11, 6, 12);
    const base = { code: 'abc', shop: 'clay-corner.myshopify.com', state: 's1', timestamp: String(now / 1000) };
    const q = signed(base);
    expect(refusal(() => verifyCallback('hush', { ...q, code: 'abd' }, now)).kind).toBe('auth');
    expect(refusal(() => verifyCallback('other', q, now)).message).toContain('not signed by Shopify');
    expect(refusal(() => verifyCallback('hush', signed({ ...base, shop: 'evil.example.com' }), now)).message).toContain('myshopify.com');
    expect(refusal(() => verifyCallback('hush', signed({ ...base, timestamp: String(now / 1000 - 25 * 3600) }), now)).message).toContain('too old');
    const { timestamp: _t, ...noTime } = base;
    expect(refusal(() => verifyCallback('hush', signed(noTime), now)).message).toContain('too old');
    expect(refusal(() => verifyCallback('hush', base, now)).message).toContain('not signed');
    expect(refusal(() => verifyCallback('', signed(base, ''), now)).message).toContain('not signed');
  });

  it('sends the owner to the shop’s authorize page with our scopes and callback, or to the fake when configured', () => {
    const url = new URL(authorizeUrl(env, 'st-1', 'clay-corner.myshopify.com'));
    expect(url.origin + url.pathname).toBe('https://clay-corner.myshopify.com/admin/oauth/authorize');
    expect(url.searchParams.get('client_id')).toBe('client-1');
    expect(url.searchParams.get('scope')).toBe('read_products,read_inventory,write_inventory,read_locations,read_orders,write_orders');
    expect(url.searchParams.get('redirect_uri')).toBe('https://market.makeries.test/oauth/pos/shopify/callback');
    expect(url.searchParams.get('state')).toBe('st-1');
    const fake = authorizeUrl({ ...env, SHOPIFY_API_BASE: 'http://127.0.0.1:4010/' }, 'st-1', 'clay-corner.myshopify.com');
    expect(fake.startsWith('http://127.0.0.1:4010/shops/clay-corner.myshopify.com/admin/oauth/authorize?')).toBe(true);
    expect(refusal(() => authorizeUrl(env, 'st', 'clay-corner.example.com')).kind).toBe('rejected');
  });

  it('finds the shop inside stored credentials (refresh is given only the credentials)', () => {
    expect(shopOfCredentials({ accessToken: 'a', refreshToken: 'r', expiresAt: null, shop: 'clay-corner.myshopify.com' } as never)).toBe('clay-corner.myshopify.com');
    expect(shopOfCredentials({ accessToken: 'a', refreshToken: 'r', expiresAt: null })).toBeNull();
  });
});
