import type { GeoPoint } from '@makeries/shared';

/**
 * The shopper's chosen location lives in a plain cookie (not httpOnly: the page sets it), so the server can
 * render "shops near you" in the first response instead of after a client-side fetch.
 */
export const LOCATION_COOKIE = 'mk_loc';
const MAX_AGE_S = 60 * 60 * 24 * 180;

export interface ShopperLocation extends GeoPoint {
  label: string;
}

export function parseLocation(value: string | undefined | null): ShopperLocation | null {
  if (!value) return null;
  let text: string;
  try {
    text = decodeURIComponent(value);
  } catch {
    return null;
  }
  const [lat, lng, ...rest] = text.split('|');
  const la = Number(lat);
  const ln = Number(lng);
  if (!lat || !lng || !Number.isFinite(la) || !Number.isFinite(ln) || Math.abs(la) > 90 || Math.abs(ln) > 180) return null;
  return { lat: la, lng: ln, label: rest.join('|').slice(0, 80) || 'Your location' };
}

export function serializeLocation(loc: ShopperLocation): string {
  return encodeURIComponent(`${loc.lat.toFixed(4)}|${loc.lng.toFixed(4)}|${loc.label.slice(0, 80)}`);
}

export function cookieValue(cookieHeader: string | null | undefined, name: string): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** In a loader: the request's cookie header on the server, the document's cookies in the browser. */
export function locationFromRequest(request: Request): ShopperLocation | null {
  const header = typeof document === 'undefined' ? request.headers.get('cookie') : document.cookie;
  return parseLocation(cookieValue(header, LOCATION_COOKIE));
}

export function saveLocation(loc: ShopperLocation | null): void {
  document.cookie = loc
    ? `${LOCATION_COOKIE}=${serializeLocation(loc)}; Path=/; Max-Age=${MAX_AGE_S}; SameSite=Lax`
    : `${LOCATION_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`;
}
