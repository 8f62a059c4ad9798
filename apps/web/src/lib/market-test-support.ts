import type { MarketBootstrap } from '@makeries/shared';
import { DEMO_CITY } from '../../../server/src/seed/city-data';

/** The default configuration (the server's MARKET_* defaults and the demo seed's districts), as tests see it. */
export const BRISTOL_MARKET: MarketBootstrap = {
  locale: 'en-GB',
  currency: 'GBP',
  country: 'GB',
  timezone: 'Europe/London',
  city: { name: 'Bristol', lat: 51.4545, lng: -2.5879 },
  districts: DEMO_CITY.districts,
};

/** A second configuration: German words, euros, Berlin's clock and a few of its postcode districts. */
export const BERLIN_MARKET: MarketBootstrap = {
  locale: 'de-DE',
  currency: 'EUR',
  country: 'DE',
  timezone: 'Europe/Berlin',
  city: { name: 'Berlin', lat: 52.52, lng: 13.405 },
  districts: [
    { code: '10115', name: 'Mitte', lat: 52.532, lng: 13.384 },
    { code: '10243', name: 'Friedrichshain', lat: 52.512, lng: 13.447 },
    { code: '10997', name: 'Kreuzberg', lat: 52.501, lng: 13.434 },
  ],
};
