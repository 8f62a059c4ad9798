import { describe, expect, it } from 'vitest';
import { PageStore, type CachedPage } from './page-store';

const SHOP_A = '0190aaaa-0000-7000-8000-00000000000a';
const SHOP_B = '0190bbbb-0000-7000-8000-00000000000b';

function page(key: string, opts: { scope?: 'market' | 'shop'; shopIds?: string[]; bytes?: number } = {}): CachedPage {
  const body = Buffer.alloc(opts.bytes ?? 1000, 'a');
  return { key, scope: opts.scope ?? 'shop', shopIds: opts.shopIds ?? [SHOP_A], plain: body, gzip: body.subarray(0, 100), etag: '"x"', csp: '', storedAt: Date.now() };
}

describe('the page store', () => {
  it("keeps a page until its shop changes; another shop's change leaves it, but drops every market page", () => {
    const store = new PageStore({ maxBytes: 1_000_000, maxAgeMs: 60_000 });
    expect(store.put(page('/p/a'), store.begin())).toBe(true);
    expect(store.put(page('/p/b', { shopIds: [SHOP_B] }), store.begin())).toBe(true);
    expect(store.put(page('/', { scope: 'market', shopIds: [] }), store.begin())).toBe(true);

    expect(store.invalidate(SHOP_B).sort()).toEqual(['/', '/p/b']);
    expect(store.get('/p/a')?.key).toBe('/p/a');
    expect(store.get('/p/b')).toBeUndefined();
    expect(store.get('/')).toBeUndefined();

    store.invalidate('*');
    expect(store.get('/p/a')).toBeUndefined();
    expect([store.size, store.bytes]).toEqual([0, 0]);
  });

  it('does not keep a render that began before a change to what it shows', () => {
    const store = new PageStore({ maxBytes: 1_000_000, maxAgeMs: 60_000 });
    const started = store.begin();
    store.invalidate(SHOP_A);
    expect(store.put(page('/p/a'), started)).toBe(false);
    // a change elsewhere does not spoil a shop page, but does spoil a market page
    const again = store.begin();
    store.invalidate(SHOP_B);
    expect(store.put(page('/p/a'), again)).toBe(true);
    expect(store.put(page('/search', { scope: 'market', shopIds: [] }), again)).toBe(false);
    const beforeAll = store.begin();
    store.invalidate('*');
    expect(store.put(page('/p/a'), beforeAll)).toBe(false);
  });

  it('stays within its bytes, evicting the least recently used page first', () => {
    const store = new PageStore({ maxBytes: 10_000, maxAgeMs: 60_000 });
    for (let i = 0; i < 6; i++) store.put(page(`/p/${i}`), store.begin());
    // reading /p/0 makes it recent: /p/1 and /p/2 go first
    expect(store.get('/p/0')).toBeDefined();
    for (let i = 6; i < 20; i++) store.put(page(`/p/${i}`), store.begin());
    expect(store.bytes).toBeLessThanOrEqual(10_000);
    expect(store.get('/p/1')).toBeUndefined();
    expect(store.get('/p/19')).toBeDefined();
    // a page bigger than a quarter of the budget is never kept
    expect(store.put(page('/huge', { bytes: 5_000 }), store.begin())).toBe(false);
    // dropping a shop's pages gives their bytes back
    store.invalidate(SHOP_A);
    expect([store.size, store.bytes]).toEqual([0, 0]);
  });

  it('re-renders a page after its maximum age even without a change', () => {
    let now = 1_000_000;
    const store = new PageStore({ maxBytes: 1_000_000, maxAgeMs: 60_000, now: () => now });
    store.put({ ...page('/v/shop'), storedAt: now }, store.begin());
    now += 59_000;
    expect(store.get('/v/shop')).toBeDefined();
    now += 2_000;
    expect(store.get('/v/shop')).toBeUndefined();
    expect(store.bytes).toBe(0);
  });
});
