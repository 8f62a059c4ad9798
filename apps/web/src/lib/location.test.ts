import { beforeEach, describe, expect, it } from 'vitest';
import { cookieValue, parseLocation, serializeLocation } from './location';
import { lookupPostcode, normalizePostcode } from './postcodes';
import { setMarket } from './market';
import { BERLIN_MARKET, BRISTOL_MARKET } from './market-test-support';

beforeEach(() => setMarket(BRISTOL_MARKET));

describe('shopper location', () => {
  it('round-trips through the cookie, label included', () => {
    const value = serializeLocation({ lat: 51.456, lng: -2.618, label: 'BS8 4DR · Clifton' });
    const header = `theme=x; mk_loc=${value}; other=1`;
    expect(parseLocation(cookieValue(header, 'mk_loc'))).toEqual({ lat: 51.456, lng: -2.618, label: 'BS8 4DR · Clifton' });
  });

  it('ignores a broken or out-of-range cookie', () => {
    expect(parseLocation('abc')).toBeNull();
    expect(parseLocation('%E0%A4%A')).toBeNull();
    expect(parseLocation(encodeURIComponent('95|0|x'))).toBeNull();
    expect(parseLocation(undefined)).toBeNull();
    expect(parseLocation(encodeURIComponent('51.4|-2.6|'))).toEqual({ lat: 51.4, lng: -2.6, label: 'Your location' });
  });
});

describe('postcodes', () => {
  it('accepts full postcodes in any spacing or case, and bare districts', () => {
    expect(normalizePostcode(' bs84dr ')).toEqual({ outward: 'BS8', full: 'BS8 4DR' });
    expect(normalizePostcode('BS16 1QY')).toEqual({ outward: 'BS16', full: 'BS16 1QY' });
    expect(normalizePostcode('bs1')).toEqual({ outward: 'BS1', full: 'BS1' });
    expect(normalizePostcode('hello')).toBeNull();
  });

  it('places a Bristol postcode at its district and explains anything else', () => {
    expect(lookupPostcode('bs8 4dr')).toEqual({ ok: true, place: { lat: 51.456, lng: -2.618, postcode: 'BS8 4DR', label: 'BS8 4DR · Clifton' } });
    expect(lookupPostcode('SW1A 1AA')).toEqual({ ok: false, message: 'We only cover Bristol (BS) postcodes so far — SW1A 1AA is outside our area.' });
    expect(lookupPostcode('12345')).toMatchObject({ ok: false, message: expect.stringContaining('like BS1 4QA') });
  });
});

describe("another city's postcodes (seed data, not code)", () => {
  it('places a Berlin postcode at its seeded district and names Berlin for anything else', () => {
    setMarket(BERLIN_MARKET);
    expect(lookupPostcode('10243')).toEqual({ ok: true, place: { lat: 52.512, lng: 13.447, postcode: '10243', label: '10243 · Friedrichshain' } });
    expect(lookupPostcode('bs8 4dr')).toEqual({ ok: false, message: 'We only cover Berlin postcodes so far — BS8 4DR is outside our area.' });
    expect(lookupPostcode('!')).toEqual({ ok: false, message: 'Enter a postcode like 10115.' });
  });
});
