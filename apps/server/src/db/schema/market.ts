import { sql } from 'drizzle-orm';
import { check, doublePrecision, index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/**
 * Postcode districts of the marketplace's cities with the approximate centre of each (seed data). The storefront
 * has no geocoding service, so a typed postcode places the customer at its district's centre.
 */
export const postcodeDistricts = pgTable(
  'postcode_districts',
  {
    country: text('country').notNull(),
    /** as people write it: "BS8", "10115" */
    code: text('code').notNull(),
    city: text('city').notNull(),
    name: text('name').notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.country, t.code] }),
    index('postcode_districts_city_idx').on(t.country, t.city, t.code),
    check('postcode_districts_lat_chk', sql`${t.lat} BETWEEN -90 AND 90`),
    check('postcode_districts_lng_chk', sql`${t.lng} BETWEEN -180 AND 180`),
  ],
);
