import type { MarketSettings, PostcodeDistrict, PostcodeDistrictsInput, PostcodeDistrictsPage } from '@makeries/shared';
import { postcodeDistrictsInput } from '@makeries/shared';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { postcodeDistricts } from '../db/schema/index';

/** One page of the marketplace city's postcode districts, in code order. */
export async function listDistricts(db: DbOrTx, market: MarketSettings, input: PostcodeDistrictsInput): Promise<PostcodeDistrictsPage> {
  const { after, limit } = postcodeDistrictsInput.parse(input);
  const rows = await db
    .select({ code: postcodeDistricts.code, name: postcodeDistricts.name, lat: postcodeDistricts.lat, lng: postcodeDistricts.lng })
    .from(postcodeDistricts)
    .where(
      and(
        eq(postcodeDistricts.country, market.country),
        eq(postcodeDistricts.city, market.city.name),
        after ? gt(postcodeDistricts.code, after) : undefined,
      ),
    )
    .orderBy(asc(postcodeDistricts.code))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return { districts: page, next: rows.length > limit ? (page.at(-1)?.code ?? null) : null };
}

/** Stores a city's districts (the seed's; a second city is another call with its own). Replaces same codes. */
export async function seedPostcodeDistricts(
  db: DbOrTx,
  place: { country: string; city: string },
  districts: readonly PostcodeDistrict[],
): Promise<void> {
  if (districts.length === 0) return;
  await db
    .insert(postcodeDistricts)
    .values(districts.map((d) => ({ ...d, country: place.country, city: place.city })))
    .onConflictDoUpdate({
      target: [postcodeDistricts.country, postcodeDistricts.code],
      set: { city: sql`excluded.city`, name: sql`excluded.name`, lat: sql`excluded.lat`, lng: sql`excluded.lng` },
    });
}
