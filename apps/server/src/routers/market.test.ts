import { expect, it } from 'vitest';
import { DEMO_CITY } from '../seed/city-data';
import { seedPostcodeDistricts } from '../services/market';
import { pairCounter } from '../services/sync/sync-test-kit';
import { describeEachDb } from '../test/harness';
import { countRows } from './identity-test-kit';

/** A second city, as seed data: what a German marketplace would store. */
const BERLIN = {
  country: 'DE',
  city: 'Berlin',
  districts: [
    { code: '10115', name: 'Mitte', lat: 52.532, lng: 13.384 },
    { code: '10243', name: 'Friedrichshain', lat: 52.512, lng: 13.447 },
    { code: '10997', name: 'Kreuzberg', lat: 52.501, lng: 13.434 },
  ],
};

describeEachDb('market router (default configuration)', (get) => {
  it("tells anyone the demo city's settings, and pages through its seeded postcode districts", async () => {
    const db = get().database.db;
    await seedPostcodeDistricts(db, { country: DEMO_CITY.country, city: DEMO_CITY.name }, DEMO_CITY.districts);
    await seedPostcodeDistricts(db, BERLIN, BERLIN.districts); // another city in the same database is not this market's
    const anyone = await get().caller();
    expect(await anyone.market.settings()).toEqual({
      locale: 'en-GB',
      currency: 'GBP',
      country: 'GB',
      timezone: 'Europe/London',
      city: { name: 'Bristol', lat: 51.4545, lng: -2.5879 },
    });

    const first = await anyone.market.districts({ limit: 10 });
    expect(first.districts).toHaveLength(10);
    expect(first.districts[0]).toEqual({ code: 'BS1', name: 'City centre', lat: 51.4535, lng: -2.593 });
    expect(first.next).toBe(first.districts[9]?.code);
    const seen = [...first.districts];
    let after = first.next;
    while (after) {
      const page = await anyone.market.districts({ after, limit: 10 });
      seen.push(...page.districts);
      after = page.next;
    }
    expect(seen.map((d) => d.code).sort()).toEqual(DEMO_CITY.districts.map((d) => d.code).sort());
  });

  it('refuses a page larger than 500 or a blank cursor, in words', async () => {
    const anyone = await get().caller();
    await expect(anyone.market.districts({ limit: 501 })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/500 districts/) });
    await expect(anyone.market.districts({ after: ' ', limit: 5 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it("gives a paired counter the marketplace's locale and currency with every pull", async () => {
    const counter = await pairCounter(get());
    const page = await counter.bare.sync.pull({ epoch: null, cursor: '0', limit: 10 });
    expect(page.market).toEqual({ locale: 'en-GB', currency: 'GBP' });
  });
});

describeEachDb(
  'market router (a second configuration: Berlin)',
  (get) => {
    it('serves the configured city and only its districts, from the seed', async () => {
      const db = get().database.db;
      await seedPostcodeDistricts(db, { country: DEMO_CITY.country, city: DEMO_CITY.name }, DEMO_CITY.districts);
      await seedPostcodeDistricts(db, BERLIN, BERLIN.districts);
      const anyone = await get().caller();
      expect(await anyone.market.settings()).toEqual({
        locale: 'de-DE',
        currency: 'EUR',
        country: 'DE',
        timezone: 'Europe/Berlin',
        city: { name: 'Berlin', lat: 52.52, lng: 13.405 },
      });
      expect(await anyone.market.districts({})).toEqual({ districts: BERLIN.districts, next: null });
      // seeding again replaces by code and adds nothing
      await seedPostcodeDistricts(db, BERLIN, [{ code: '10115', name: 'Mitte (Nord)', lat: 52.533, lng: 13.385 }]);
      expect(await countRows(db, 'postcode_districts')).toBe(DEMO_CITY.districts.length + BERLIN.districts.length);
      expect((await anyone.market.districts({ limit: 1 })).districts[0]?.name).toBe('Mitte (Nord)');
    });

    it('sends counters the German locale and euros', async () => {
      const counter = await pairCounter(get());
      expect((await counter.bare.sync.pull({ epoch: null, cursor: '0', limit: 10 })).market).toEqual({ locale: 'de-DE', currency: 'EUR' });
    });
  },
  { MARKET_LOCALE: 'de-DE', MARKET_CURRENCY: 'EUR', MARKET_COUNTRY: 'DE', MARKET_TIMEZONE: 'Europe/Berlin', MARKET_CITY: 'Berlin', MARKET_CITY_CENTRE: '52.52, 13.405' },
);
