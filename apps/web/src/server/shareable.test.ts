import { describe, expect, it } from 'vitest';
import { shareablePage } from './shareable';

const at = (path: string) => new URL(path, 'https://shop.example.test');
const LOC = `mk_loc=${encodeURIComponent('51.4560|-2.6180|BS8 · Clifton')}`;

describe('which pages are shared, and their cache keys', () => {
  it('home, search, shop and product pages are shared; the visitor’s own pages never are', () => {
    expect(shareablePage(at('/'), undefined)).toEqual({ key: '/', scope: 'market', cookie: '' });
    expect(shareablePage(at('/search?q=bread'), undefined)?.scope).toBe('market');
    expect(shareablePage(at('/p/0190aaaa-0000-7000-8000-00000000000a'), undefined)?.scope).toBe('shop');
    expect(shareablePage(at('/v/harbourside-bakehouse'), undefined)?.scope).toBe('shop');
    for (const path of ['/cart', '/checkout', '/confirmation?o=1', '/orders/1?t=x', '/account', '/account/favourites', '/p/a/b', '/nowhere']) {
      expect(shareablePage(at(path), 'mk_session=abc'), path).toBeNull();
    }
  });

  it('sorts the query by name (repeated names keep their order) and ignores every cookie but a valid saved location', () => {
    const a = shareablePage(at('/search?sort=price_asc&q=cheese&cat=b&cat=a'), 'mk_session=abc; theme=x');
    const b = shareablePage(at('/search?cat=b&q=cheese&cat=a&sort=price_asc'), undefined);
    expect(a?.key).toBe('/search?cat=b&cat=a&q=cheese&sort=price_asc');
    expect(b?.key).toBe(a?.key);
    expect(a?.cookie).toBe('');

    const near = shareablePage(at('/'), `mk_session=abc; ${LOC}`);
    expect(near?.key).not.toBe('/');
    // the render sees the location and nothing else: never the session
    expect(near?.cookie).toBe(LOC);
    expect(shareablePage(at('/'), 'mk_loc=garbage')?.key).toBe('/');
    // shop and product pages do not read the location: one copy for everyone
    expect(shareablePage(at('/v/harbourside-bakehouse'), LOC)).toEqual({ key: '/v/harbourside-bakehouse', scope: 'shop', cookie: '' });
  });
});
