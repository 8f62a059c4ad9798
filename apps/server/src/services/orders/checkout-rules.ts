import { formatMoney, isOpenAt, nextOpening, type CheckoutFulfilment, type DeliveryZone, type ErrorCode, type OpeningHours } from '@makeries/shared';

/** One reason a vendor's part of the cart cannot be ordered; the UI shows it next to that vendor. */
export interface CheckoutProblem {
  vendorId: string;
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** The vendor columns the checkout rules read. */
export interface RuleVendor {
  id: string;
  name: string;
  currency: string;
  paused: boolean;
  pausedReason: string | null;
  pickupEnabled: boolean;
  deliveryEnabled: boolean;
  deliveryZones: DeliveryZone[];
  minOrderCents: number;
  openingHours: OpeningHours;
  timezone: string;
  lat: number;
  lng: number;
}

/** A pickup slot a little in the past is still fine: the customer picked it moments ago. */
const PAST_SLOT_GRACE_MS = 2 * 60_000;
const EARTH_RADIUS_M = 6_371_008.8;

export function haversineMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Paused shop, disabled fulfilment, or a time outside opening hours. */
export function checkAvailability(vendor: RuleVendor, f: CheckoutFulfilment, now: Date): CheckoutProblem | null {
  const vendorId = vendor.id;
  if (vendor.paused) {
    const why = vendor.pausedReason ? ` (${vendor.pausedReason})` : '';
    return { vendorId, code: 'VENDOR_PAUSED', message: `${vendor.name} is not taking online orders right now${why}.` };
  }
  if (f.type === 'pickup' && !vendor.pickupEnabled) {
    return { vendorId, code: 'FULFILMENT_UNAVAILABLE', message: `${vendor.name} does not offer pickup. Choose delivery.`, details: { type: 'pickup' } };
  }
  if (f.type === 'delivery' && !vendor.deliveryEnabled) {
    return { vendorId, code: 'FULFILMENT_UNAVAILABLE', message: `${vendor.name} does not deliver. Choose pickup.`, details: { type: 'delivery' } };
  }
  const at = f.pickupAt ? new Date(f.pickupAt) : now;
  if (at.getTime() < now.getTime() - PAST_SLOT_GRACE_MS) {
    return { vendorId, code: 'VENDOR_CLOSED', message: 'That pickup time has already passed. Choose a later time.', details: { pickupAt: f.pickupAt } };
  }
  if (!isOpenAt(vendor.openingHours, vendor.timezone, at)) {
    const message = f.pickupAt
      ? `${vendor.name} is closed at the time you chose. Pick a time within its opening hours.`
      : `${vendor.name} is closed right now. Choose a pickup time within its opening hours.`;
    const next = nextOpening(vendor.openingHours, vendor.timezone, at);
    return {
      vendorId,
      code: 'VENDOR_CLOSED',
      message,
      details: { pickupAt: f.pickupAt ?? null, nextOpeningAt: next ? next.toISOString() : null, openingHours: vendor.openingHours },
    };
  }
  return null;
}

/** The first zone whose radius covers the address applies (zones are listed by the vendor, nearest first). */
export function deliveryZoneFor(
  vendor: RuleVendor,
  address: { lat: number; lng: number },
): { zone: DeliveryZone; distanceMeters: number } | CheckoutProblem {
  const distanceMeters = Math.round(haversineMeters(vendor, address));
  const zone = vendor.deliveryZones.find((z) => distanceMeters <= z.radiusMeters);
  if (zone) return { zone, distanceMeters };
  const maxRadiusMeters = Math.max(0, ...vendor.deliveryZones.map((z) => z.radiusMeters));
  return {
    vendorId: vendor.id,
    code: 'OUTSIDE_DELIVERY_ZONE',
    message: `${vendor.name} does not deliver to that address (${(distanceMeters / 1000).toFixed(1)} km away). Choose pickup instead.`,
    details: { distanceMeters, maxRadiusMeters },
  };
}

/** Minimum order: the larger of the vendor's own minimum and the delivery zone's, against the goods total. */
export function checkMinimum(vendor: RuleVendor, zone: DeliveryZone | null, goodsCents: number): CheckoutProblem | null {
  const minimumCents = Math.max(vendor.minOrderCents, zone?.minOrderCents ?? 0);
  if (goodsCents >= minimumCents) return null;
  const shortByCents = minimumCents - goodsCents;
  return {
    vendorId: vendor.id,
    code: 'BELOW_MINIMUM',
    message: `${vendor.name} has a minimum order of ${formatMoney(minimumCents, vendor.currency)}. Add ${formatMoney(shortByCents, vendor.currency)} more.`,
    details: { minimumCents, currentCents: goodsCents, shortByCents },
  };
}
