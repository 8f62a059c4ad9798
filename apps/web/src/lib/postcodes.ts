import type { GeoPoint, MarketBootstrap } from '@makeries/shared';
import { market } from './market';

/*
 * A typed postcode places the customer at the centre of its district (the marketplace's seeded districts: the
 * storefront has no geocoding service, it runs offline). Good enough for "shops near me" and for choosing a
 * delivery zone, which is all it is used for.
 */

interface PostcodePlace extends GeoPoint {
  /** the postcode as people write it, e.g. "BS8 4DR" or "BS8" */
  postcode: string;
  label: string;
}

/** A British postcode ("bs84dr", "BS8 4DR") or just its district ("bs8"), normalised; null when it is not one. */
export function normalizePostcode(typed: string): { outward: string; full: string } | null {
  const t = typed.toUpperCase().replace(/\s+/g, '');
  const full = /^([A-Z]{1,2}\d[A-Z\d]?)(\d[A-Z]{2})$/.exec(t);
  if (full?.[1] && full[2]) return { outward: full[1], full: `${full[1]} ${full[2]}` };
  const outward = /^[A-Z]{1,2}\d[A-Z\d]?$/.exec(t);
  return outward ? { outward: outward[0], full: outward[0] } : null;
}

/** Elsewhere a postcode's district is the longest seeded code it starts with ("10115" in Berlin). */
function normalizeOther(typed: string, m: MarketBootstrap): { outward: string; full: string } | null {
  const t = typed.toUpperCase().replace(/\s+/g, ' ').trim();
  if (!/^[A-Z0-9][A-Z0-9 -]{1,9}$/.test(t)) return null;
  const compact = t.replace(/[ -]/g, '');
  const match = m.districts.filter((d) => compact.startsWith(d.code.replace(/[ -]/g, ''))).sort((a, b) => b.code.length - a.code.length)[0];
  return { outward: match?.code ?? compact, full: t };
}

export type PostcodeLookup = { ok: true; place: PostcodePlace } | { ok: false; message: string };

/** "BS": the letters the city's districts start with, as people name a postcode area. */
function areasOf(m: MarketBootstrap): string {
  const areas = [...new Set(m.districts.map((d) => /^[A-Z]+/.exec(d.code)?.[0]).filter(Boolean))];
  return areas.length > 0 ? ` (${areas.join(', ')})` : '';
}

export function lookupPostcode(typed: string, m: MarketBootstrap = market()): PostcodeLookup {
  const british = m.country === 'GB';
  const pc = british ? normalizePostcode(typed) : normalizeOther(typed, m);
  const example = m.districts[0]?.code;
  if (!pc) {
    const like = !example ? 'Enter a postcode.' : british ? `Enter a postcode like ${example} 4QA, or just its first part (${example}).` : `Enter a postcode like ${example}.`;
    return { ok: false, message: like };
  }
  const d = m.districts.find((x) => x.code === pc.outward);
  if (!d) return { ok: false, message: `We only cover ${m.city.name}${areasOf(m)} postcodes so far — ${pc.full} is outside our area.` };
  return { ok: true, place: { lat: d.lat, lng: d.lng, postcode: pc.full, label: `${pc.full} · ${d.name}` } };
}
