import { describe, expect, it } from 'vitest';
import { PosError } from '../types';
import { checkUserErrors, retryAfterMs, shopifyFailure } from './client';
import { availableAt, throttledWaitMs, waitBeforeSending, waitForCost, recordThrottle, resetThrottle } from './throttle';

function failure(status: number | undefined, graphQLErrors?: { message: string; extensions?: { code?: string } }[], headers: Record<string, string> = {}): PosError {
  return shopifyFailure({ errors: { networkStatusCode: status, message: 'failed', graphQLErrors, response: new Response(null, { status: status && status >= 200 ? status : 500, headers }) } }, 0);
}

describe('Shopify throttle', () => {
  it('waits (requested − available) / restoreRate seconds, never for more than a full bucket', () => {
    expect(waitForCost({ maximumAvailable: 1000, currentlyAvailable: 40, restoreRate: 50 }, 140)).toBe(2000);
    expect(waitForCost({ maximumAvailable: 1000, currentlyAvailable: 500, restoreRate: 50 }, 140)).toBe(0);
    expect(waitForCost({ maximumAvailable: 100, currentlyAvailable: 0, restoreRate: 50 }, 5000)).toBe(2000);
    expect(throttledWaitMs(152, { maximumAvailable: 1000, currentlyAvailable: 2, restoreRate: 50 })).toBe(3000);
    expect(throttledWaitMs(null, null)).toBe(1000);
  });

  it('keeps a bucket per shop that refills at the restore rate', () => {
    resetThrottle();
    const t0 = 1_000_000;
    recordThrottle('a.myshopify.com', { maximumAvailable: 1000, currentlyAvailable: 10, restoreRate: 50 }, t0);
    expect(availableAt({ maximumAvailable: 1000, currentlyAvailable: 10, restoreRate: 50, at: t0 }, t0 + 1000)).toBe(60);
    expect(availableAt({ maximumAvailable: 1000, currentlyAvailable: 10, restoreRate: 50, at: t0 }, t0 + 60_000)).toBe(1000);
    expect(waitBeforeSending('a.myshopify.com', 110, t0)).toBe(2000);
    expect(waitBeforeSending('a.myshopify.com', 110, t0 + 1000)).toBe(1000);
    expect(waitBeforeSending('b.myshopify.com', 110, t0)).toBe(0);
    resetThrottle();
    expect(waitBeforeSending('a.myshopify.com', 110, t0)).toBe(0);
  });
});

describe('Shopify failures in the engine’s terms', () => {
  it('maps HTTP statuses', () => {
    expect(failure(401).kind).toBe('expired');
    expect(failure(402).kind).toBe('auth');
    expect(failure(403).kind).toBe('auth');
    expect(failure(423).kind).toBe('auth');
    expect(failure(500).kind).toBe('transient');
    expect(failure(503).kind).toBe('transient');
    expect(failure(undefined).kind).toBe('transient');
  });

  it('reads Retry-After of a 429 as seconds (not milliseconds as the library does)', () => {
    const e = failure(429, undefined, { 'retry-after': '2.0' });
    expect(e.kind).toBe('rate_limited');
    expect(e.retryAfterMs).toBe(2000);
    expect(retryAfterMs('Thu, 01 Jan 1970 00:00:05 GMT', 0)).toBe(5000);
    expect(retryAfterMs(null)).toBeNull();
  });

  it('maps GraphQL errors in a 200: access denied → auth, anything else → rejected with Shopify’s message', () => {
    expect(failure(200, [{ message: 'Access denied for products field.', extensions: { code: 'ACCESS_DENIED' } }]).kind).toBe('auth');
    const e = failure(200, [{ message: 'Field "foo" doesn\'t exist on type "Product"' }]);
    expect(e.kind).toBe('rejected');
    expect(e.message).toBe('Shopify refused it: Field "foo" doesn\'t exist on type "Product"');
    expect(failure(200, [{ message: 'busy', extensions: { code: 'IDEMPOTENCY_CONCURRENT_REQUEST' } }]).kind).toBe('transient');
    expect(failure(200, [{ message: 'other body', extensions: { code: 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH' } }]).kind).toBe('conflict');
  });

  it('always checks userErrors: stale compare-and-set and key reuse are conflicts, the rest refusals with the messages', () => {
    expect(() => {
      checkUserErrors([], 'x');
    }).not.toThrow();
    expect(() => {
      checkUserErrors(null, 'x');
    }).not.toThrow();
    const stale = (() => {
      try {
        checkUserErrors([{ code: 'CHANGE_FROM_QUANTITY_STALE', message: 'The quantity changed.' }], 'the stock change');
      } catch (e) {
        return e as PosError;
      }
      return null;
    })();
    expect(stale?.kind).toBe('conflict');
    expect(() => {
      checkUserErrors([{ code: 'INVALID', field: ['order', 'lineItems'], message: 'Variant is gone' }, { message: 'Email is invalid' }], 'the order');
    }).toThrow('Shopify refused the order: Variant is gone; Email is invalid');
  });
});
