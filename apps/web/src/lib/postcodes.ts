import type { GeoPoint } from '@makeries/shared';

/**
 * Postcode districts of the demo city (Bristol) with the approximate centre of each. The storefront has no
 * geocoding service (it runs offline), so a postcode places the customer at the centre of its district: good
 * enough for "shops near me" and for choosing a delivery zone, which is all it is used for.
 */
const DISTRICTS: Record<string, { name: string; lat: number; lng: number }> = {
  BS1: { name: 'City centre', lat: 51.4535, lng: -2.593 },
  BS2: { name: 'St Pauls', lat: 51.46, lng: -2.579 },
  BS3: { name: 'Bedminster', lat: 51.438, lng: -2.6 },
  BS4: { name: 'Knowle', lat: 51.433, lng: -2.56 },
  BS5: { name: 'Easton', lat: 51.463, lng: -2.555 },
  BS6: { name: 'Redland', lat: 51.469, lng: -2.6 },
  BS7: { name: 'Bishopston', lat: 51.484, lng: -2.584 },
  BS8: { name: 'Clifton', lat: 51.456, lng: -2.618 },
  BS9: { name: 'Westbury-on-Trym', lat: 51.488, lng: -2.627 },
  BS10: { name: 'Henbury', lat: 51.505, lng: -2.606 },
  BS11: { name: 'Shirehampton', lat: 51.497, lng: -2.68 },
  BS13: { name: 'Bishopsworth', lat: 51.411, lng: -2.608 },
  BS14: { name: 'Whitchurch', lat: 51.413, lng: -2.563 },
  BS15: { name: 'Kingswood', lat: 51.46, lng: -2.505 },
  BS16: { name: 'Fishponds', lat: 51.487, lng: -2.515 },
  BS20: { name: 'Portishead', lat: 51.481, lng: -2.765 },
  BS30: { name: 'Warmley', lat: 51.445, lng: -2.472 },
  BS31: { name: 'Keynsham', lat: 51.413, lng: -2.496 },
  BS32: { name: 'Bradley Stoke', lat: 51.537, lng: -2.567 },
  BS34: { name: 'Filton', lat: 51.521, lng: -2.568 },
  BS35: { name: 'Thornbury', lat: 51.605, lng: -2.525 },
  BS36: { name: 'Frampton Cotterell', lat: 51.525, lng: -2.49 },
  BS37: { name: 'Yate', lat: 51.539, lng: -2.415 },
  BS39: { name: 'Paulton', lat: 51.35, lng: -2.51 },
  BS40: { name: 'Chew Valley', lat: 51.365, lng: -2.68 },
  BS41: { name: 'Long Ashton', lat: 51.425, lng: -2.66 },
  BS48: { name: 'Nailsea', lat: 51.43, lng: -2.75 },
  BS49: { name: 'Yatton', lat: 51.39, lng: -2.82 },
};

export interface PostcodePlace extends GeoPoint {
  /** the postcode as people write it, e.g. "BS8 4DR" or "BS8" */
  postcode: string;
  label: string;
}

/** A full postcode ("bs84dr", "BS8 4DR") or just its district ("bs8"), normalised; null when it is not one. */
export function normalizePostcode(typed: string): { outward: string; full: string } | null {
  const t = typed.toUpperCase().replace(/\s+/g, '');
  const full = /^([A-Z]{1,2}\d[A-Z\d]?)(\d[A-Z]{2})$/.exec(t);
  if (full?.[1] && full[2]) return { outward: full[1], full: `${full[1]} ${full[2]}` };
  const outward = /^[A-Z]{1,2}\d[A-Z\d]?$/.exec(t);
  return outward ? { outward: outward[0], full: outward[0] } : null;
}

export type PostcodeLookup = { ok: true; place: PostcodePlace } | { ok: false; message: string };

export function lookupPostcode(typed: string): PostcodeLookup {
  const pc = normalizePostcode(typed);
  if (!pc) return { ok: false, message: 'Enter a postcode like BS1 4QA, or just its first part (BS1).' };
  const d = DISTRICTS[pc.outward];
  if (!d) return { ok: false, message: `We only cover Bristol (BS) postcodes so far — ${pc.full} is outside our area.` };
  return { ok: true, place: { lat: d.lat, lng: d.lng, postcode: pc.full, label: `${pc.full} · ${d.name}` } };
}
