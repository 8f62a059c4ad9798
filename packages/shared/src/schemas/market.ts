import { z } from 'zod';

/**
 * What makes one marketplace local (DESIGN §3): its language and money, its country, its clock and its city.
 * The server reads them from configuration (MARKET_* variables); the storefront gets them with each page and
 * counters with each sync, so nothing in code names a city, a currency or a locale.
 */
export interface MarketSettings {
  /** BCP 47 tag every price and date is written in, e.g. "en-GB" */
  locale: string;
  /** ISO 4217 code new shops sell in, e.g. "GBP" */
  currency: string;
  /** ISO 3166-1 alpha-2 code of addresses, e.g. "GB" */
  country: string;
  /** IANA zone of the marketplace's own dates (reviews, emails), e.g. "Europe/London" */
  timezone: string;
  /** the demo city and where its map starts */
  city: { name: string; lat: number; lng: number };
}

/** One postcode district of the marketplace's city and its approximate centre (seed data, not code). */
export interface PostcodeDistrict {
  /** the district as people write it: "BS8" in Britain, "10115" in Germany */
  code: string;
  /** the neighbourhood it covers, e.g. "Clifton" */
  name: string;
  lat: number;
  lng: number;
}

/** The storefront's bootstrap: settings plus the city's districts, so a typed postcode is placed without a call. */
export interface MarketBootstrap extends MarketSettings {
  districts: PostcodeDistrict[];
}

export const DISTRICTS_PAGE_MAX = 500;

export const postcodeDistrictsInput = z
  .object({
    /** the last code of the previous page */
    after: z.string().trim().min(1).max(16).optional(),
    limit: z.number().int().min(1).max(DISTRICTS_PAGE_MAX, `At most ${DISTRICTS_PAGE_MAX} districts a page`).default(200),
  })
  .default({ limit: 200 });
export type PostcodeDistrictsInput = z.input<typeof postcodeDistrictsInput>;

export interface PostcodeDistrictsPage {
  districts: PostcodeDistrict[];
  /** pass as `after` for the next page; null on the last */
  next: string | null;
}
