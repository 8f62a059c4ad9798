import { currencySchema, requireLocale, type MarketSettings } from '@makeries/shared';
import { z } from 'zod';

/**
 * The marketplace's locale, money, country, clock and city (MARKET_* variables). The defaults are the demo
 * city's; a second city or country is only these values and its seed data (postcode districts, shops).
 */
const knownLocale = z.string().refine((l) => {
  try {
    requireLocale(l);
    return true;
  } catch {
    return false;
  }
}, 'MARKET_LOCALE must be a language tag like de-DE or en-GB');

const knownZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'MARKET_TIMEZONE must be an IANA time zone like Europe/Berlin');

const centre = z
  .string()
  .regex(/^\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?\s*$/, 'MARKET_CITY_CENTRE is "lat,lng", e.g. 51.4545,-2.5879')
  .transform((s) => s.split(',').map(Number) as [number, number])
  .refine(([lat, lng]) => Math.abs(lat) <= 90 && Math.abs(lng) <= 180, 'MARKET_CITY_CENTRE is outside the globe');

export const marketEnv = {
  MARKET_LOCALE: knownLocale.default('en-GB'),
  MARKET_CURRENCY: currencySchema.default('GBP'),
  MARKET_COUNTRY: z.string().regex(/^[A-Z]{2}$/, 'MARKET_COUNTRY is a 2-letter code like GB').default('GB'),
  MARKET_TIMEZONE: knownZone.default('Europe/London'),
  MARKET_CITY: z.string().trim().min(1).max(100).default('Bristol'),
  MARKET_CITY_CENTRE: centre.default([51.4545, -2.5879]),
};

type MarketEnv = { [K in keyof typeof marketEnv]: z.output<(typeof marketEnv)[K]> };

export function marketSettings(env: MarketEnv): MarketSettings {
  const [lat, lng] = env.MARKET_CITY_CENTRE;
  return {
    locale: env.MARKET_LOCALE,
    currency: env.MARKET_CURRENCY,
    country: env.MARKET_COUNTRY,
    timezone: env.MARKET_TIMEZONE,
    city: { name: env.MARKET_CITY, lat, lng },
  };
}
