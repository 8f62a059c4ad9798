import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testEnv } from '../../test/harness';
import { openCredentials, sealCredentials, tokenKey } from './crypto';
import { newerVersion, planProduct, taxClassFor } from './plan';
import { createSquareConnector } from './square/connector';
import { percentToBps, safeNumber } from './square/mapping';
import { parseSquareWebhook } from './square/webhook';
import type { ExtProduct } from './types';

const vectors = JSON.parse(readFileSync(new URL('./square/reference/signature-vectors.json', import.meta.url), 'utf8')) as {
  square: { signatureKey: string; notificationUrl: string; body: string; expectedSignature: string };
};

describe('POS tokens at rest', () => {
  const key = tokenKey(testEnv());
  it('seals and opens; the sealed text shows nothing of the token; another key cannot open it', () => {
    const sealed = sealCredentials(key, { accessToken: 'EAAA-secret-access', refreshToken: 'EQAA-refresh', expiresAt: '2027-01-01T00:00:00Z' });
    expect(sealed).not.toContain('secret');
    expect(openCredentials(key, sealed)).toEqual({ accessToken: 'EAAA-secret-access', refreshToken: 'EQAA-refresh', expiresAt: '2027-01-01T00:00:00Z' });
    const other = tokenKey(testEnv({ APP_SECRET: 'another-secret-another-secret-another-1' }));
    expect(() => openCredentials(other, sealed)).toThrow(/Connect the point of sale again/);
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => openCredentials(key, tampered)).toThrow();
  });
  it('takes POS_TOKEN_KEY when set and refuses one of the wrong length', () => {
    expect(tokenKey(testEnv({ POS_TOKEN_KEY: Buffer.alloc(32, 7).toString('base64') }))).toEqual(Buffer.alloc(32, 7));
    expect(() => tokenKey(testEnv({ POS_TOKEN_KEY: Buffer.alloc(16).toString('base64') }))).toThrow(/32 bytes/);
  });
});

describe('Square webhooks', () => {
  const env = testEnv({ SQUARE_WEBHOOK_SIGNATURE_KEY: vectors.square.signatureKey, SQUARE_WEBHOOK_URL: vectors.square.notificationUrl });
  const square = createSquareConnector(env);
  const sig = { 'x-square-hmacsha256-signature': vectors.square.expectedSignature };

  it('accepts the known-answer vector and refuses any other byte, URL or key', () => {
    expect(square.verifyWebhook(vectors.square.body, sig)).toBe(true);
    expect(square.verifyWebhook(vectors.square.body + ' ', sig)).toBe(false);
    expect(square.verifyWebhook(vectors.square.body, {})).toBe(false);
    const slash = createSquareConnector(testEnv({ SQUARE_WEBHOOK_SIGNATURE_KEY: vectors.square.signatureKey, SQUARE_WEBHOOK_URL: `${vectors.square.notificationUrl}/` }));
    expect(slash.verifyWebhook(vectors.square.body, sig)).toBe(false);
    const noKey = createSquareConnector(testEnv());
    expect(noKey.verifyWebhook(vectors.square.body, sig)).toBe(false);
  });

  it('reads the count of the vector as an absolute observation with Square’s time', () => {
    const { envelope, event } = parseSquareWebhook(vectors.square.body);
    expect(envelope).toEqual({ dedupeKey: '6a8f5f28-54a1-4eb0-a98a-3111513fd4fc', connectionKey: 'MLTEST0001', topic: 'inventory.count.updated' });
    expect(event).toEqual({ kind: 'stock', obs: [{ variantExtId: 'VAR1', locationExtId: 'LOC1', quantity: 7, observedAt: '2026-11-21T09:59:59.000Z' }] });
  });

  it('understands every example event Square documents', () => {
    const file = JSON.parse(readFileSync(new URL('./square/reference/webhook-examples.json', import.meta.url), 'utf8')) as { events: Record<string, { example: unknown }> };
    const kinds = Object.fromEntries(Object.entries(file.events).map(([name, e]) => [name, parseSquareWebhook(JSON.stringify(e.example)).event.kind]));
    expect(kinds).toMatchObject({
      'inventory.count.updated': 'stock',
      'catalog.version.updated': 'catalog.dirty',
      'order.updated': 'order.changed',
      'oauth.authorization.revoked': 'connection.revoked',
    });
    expect(() => parseSquareWebhook('not json')).toThrow(/not JSON/);
    expect(() => parseSquareWebhook('{"hello":1}')).toThrow(/not a Square event/);
  });
});

describe('Square money, taxes and versions at the boundary', () => {
  it('converts bigint money only when it is a safe integer, percentages to basis points', () => {
    expect(safeNumber(1200n)).toBe(1200);
    expect(safeNumber(2n ** 60n)).toBeNull();
    expect(percentToBps('7.5')).toBe(750);
    expect(percentToBps('20')).toBe(2000);
    expect(percentToBps('8.875')).toBe(888);
    expect(percentToBps('abc')).toBeNull();
  });
  it('compares int64 versions as big integers', () => {
    expect(newerVersion('1700000000000000001', '1700000000000000000')).toBe(true);
    expect(newerVersion('1700000000000000000', '1700000000000000000')).toBe(false);
    expect(newerVersion('5', null)).toBe(true);
    // Shopify: updatedAt instants, whatever the offset
    expect(newerVersion('2026-11-21T10:00:01Z', '2026-11-21T05:00:00-05:00')).toBe(true);
    expect(newerVersion('2026-11-21T04:59:59-05:00', '2026-11-21T10:00:00Z')).toBe(false);
    // a Shopify tombstone (deletion time in ms) against the product's update time, both ways
    expect(newerVersion('2026-11-21T09:59:59Z', String(Date.parse('2026-11-21T10:00:00Z')))).toBe(false);
    expect(newerVersion('2026-11-21T10:00:01Z', String(Date.parse('2026-11-21T10:00:00Z')))).toBe(true);
    // Toast: content hashes
    expect(newerVersion('h:abc', 'h:abd')).toBe(true);
    expect(newerVersion('h:abc', 'h:abc')).toBe(false);
  });
});

describe('planning a Square item', () => {
  const base: ExtProduct = {
    extId: 'ITEM1',
    version: '3',
    updatedAt: '2026-11-01T00:00:00Z',
    name: 'Sourdough',
    description: 'Slow rise',
    categoryExtId: null,
    taxExtIds: ['TAXA'],
    imageExtIds: [],
    archived: false,
    editUrl: null,
    variants: [
      { extId: 'V1', version: '3', name: 'Small', sku: 'SD-S', barcode: null, priceCents: 450, currency: 'GBP', tracked: true, archived: false },
      { extId: 'V2', version: '3', name: 'Large', sku: null, barcode: '5012345678900', priceCents: null, currency: 'GBP', tracked: true, archived: false },
    ],
  };
  const taxes = new Map([['TAXA', { extId: 'TAXA', name: 'VAT', rateBps: 2000, inclusive: false, enabled: true }]]);

  it('flags variable prices and tax mode mismatches in words, keeps them off sale, names a SKU when Square has none', () => {
    const plan = planProduct(base, { taxMode: 'inclusive', currency: 'GBP', taxes }, 'sq');
    expect(plan.attention.map((a) => a.reason).sort()).toEqual(['tax_mode_mismatch', 'variable_price']);
    expect(plan.attention.find((a) => a.reason === 'tax_mode_mismatch')?.detail).toMatch(/added on top of the price in the point of sale/);
    expect(plan.variants[1]).toMatchObject({ archived: true, priceCents: 0, sku: 'SQ-V2', skuFromPos: false });
    expect(plan.variants[0]).toMatchObject({ archived: false, priceCents: 450, sku: 'SD-S' });
    expect(plan.taxClass).toBe(taxClassFor('sq', ['TAXA']));
    expect(plan.taxClass).toMatch(/^[a-z0-9][a-z0-9_-]{0,39}$/);
  });
  it('a price in another currency stays off sale', () => {
    const plan = planProduct({ ...base, variants: [{ ...base.variants[0]!, currency: 'EUR' }] }, { taxMode: 'exclusive', currency: 'GBP', taxes }, 'sq');
    expect(plan.attention.map((a) => a.reason)).toEqual(['currency']);
    expect(plan.variants[0]?.archived).toBe(true);
  });
  it('a POS without rates on products (Shopify): taxable items take the shop’s own standard rates, untaxed ones none', () => {
    const shopify = new Map([['SHOPTAX', { extId: 'SHOPTAX', name: 'Shopify tax', rateBps: null, inclusive: false, enabled: true }]]);
    const taxable = planProduct({ ...base, taxExtIds: ['SHOPTAX'] }, { taxMode: 'exclusive', currency: 'GBP', taxes: shopify }, 'sh');
    expect(taxable.taxClass).toBe('standard');
    expect(taxable.taxes).toEqual([]);
    expect(taxable.attention.map((a) => a.reason)).toEqual(['variable_price']);
    const untaxed = planProduct({ ...base, taxExtIds: [] }, { taxMode: 'exclusive', currency: 'GBP', taxes: shopify }, 'sh');
    expect(untaxed.taxClass).toBe('sh-none');
    // the shop's prices include tax, Makeries' do not: flagged like any other mode mismatch
    const inclusive = new Map([['SHOPTAX', { extId: 'SHOPTAX', name: 'Shopify tax', rateBps: null, inclusive: true, enabled: true }]]);
    expect(planProduct({ ...base, taxExtIds: ['SHOPTAX'] }, { taxMode: 'exclusive', currency: 'GBP', taxes: inclusive }, 'sh').attention.map((a) => a.reason)).toContain('tax_mode_mismatch');
  });
});
