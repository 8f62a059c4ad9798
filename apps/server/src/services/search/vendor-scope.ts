import { sql, type SQL } from 'drizzle-orm';
import { SEARCH_DEFAULT_RADIUS_KM, type SearchProductsInput } from '@makeries/shared';
import { distanceSql, withinRadiusSql } from './geo';
import { openNowChecker, type HoursRow } from './open-now';

/** The vendors a search may show, decided before the product query, nearest first when a location is given. */
export interface VendorScope {
  ids: string[];
  /** whole metres from the customer, parallel to `ids`; null without a location */
  distances: number[] | null;
}

export function radiusMeters(input: { radiusKm?: number | undefined }): number {
  return (input.radiusKm ?? SEARCH_DEFAULT_RADIUS_KM) * 1000;
}

/** Storefront-visible vendors matching the vendor-level filters (shared with the no-scope join). */
export function vendorConditions(input: SearchProductsInput, alias: string): SQL[] {
  const a = sql.raw(alias);
  const conds: SQL[] = [sql`${a}.status = 'approved'`];
  if (input.vendorId) conds.push(sql`${a}.id = ${input.vendorId}::uuid`);
  if (input.fulfilment === 'pickup') conds.push(sql`${a}.pickup_enabled`);
  if (input.fulfilment === 'delivery') conds.push(sql`${a}.delivery_enabled`);
  return conds;
}

export interface ScopeRow extends Partial<HoursRow> {
  id: string;
  distance_m: number | null;
}

/**
 * With a location, an open-now filter or one vendor, the eligible vendors are few: list them first so the
 * product query gets them as a constant array. The planner then estimates them exactly and intersects the
 * full-text index with the vendor index once, instead of probing the text index once per vendor.
 * Returns null when no vendor-level narrowing applies (then the query joins all approved vendors).
 */
export function vendorScopeSql(input: SearchProductsInput): SQL | null {
  if (!input.near && !input.openNow && !input.vendorId) return null;
  const conds = vendorConditions(input, 'v');
  const near = input.near;
  if (near) conds.push(withinRadiusSql(near, radiusMeters(input), sql`v.lat`, sql`v.lng`));
  const distance = near ? sql`round(${distanceSql(near, sql`v.lat`, sql`v.lng`)})::int` : sql`NULL::int`;
  const hours = input.openNow ? sql`, v.paused, v.opening_hours, v.timezone` : sql``;
  return sql`SELECT v.id, ${distance} AS distance_m ${hours} FROM vendors v WHERE ${sql.join(conds, sql` AND `)}`;
}

/** The scope from vendorScopeSql's rows, nearest first; opening hours depend on time zones, so open-now is decided here. */
export function scopeFrom(input: SearchProductsInput, rows: ScopeRow[], now: Date): VendorScope {
  const isOpen = openNowChecker(now);
  const eligible = (input.openNow ? rows.filter((r) => isOpen(r as ScopeRow & HoursRow)) : rows).sort(
    (a, b) => (a.distance_m ?? 0) - (b.distance_m ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return {
    ids: eligible.map((r) => r.id),
    distances: input.near ? eligible.map((r) => r.distance_m ?? 0) : null,
  };
}
