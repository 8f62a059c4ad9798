import { describe, expect, it } from 'vitest';
import { checkAvailability, checkMinimum, deliveryZoneFor, haversineMeters, type RuleVendor } from './checkout-rules';

const vendor: RuleVendor = {
  id: 'v1',
  name: 'Corner Shop',
  currency: 'GBP',
  paused: false,
  pausedReason: null,
  pickupEnabled: true,
  deliveryEnabled: true,
  deliveryZones: [
    { name: 'Near', radiusMeters: 2000, feeCents: 200, minOrderCents: 0 },
    { name: 'Far', radiusMeters: 6000, feeCents: 450, minOrderCents: 1500 },
  ],
  minOrderCents: 500,
  openingHours: [{ day: 3, open: '09:00', close: '17:00' }], // Wednesdays
  timezone: 'Europe/London',
  lat: 51.5007,
  lng: -0.1246,
};

describe('checkout rules', () => {
  it('measures great-circle distance in metres', () => {
    // Big Ben to the Eiffel Tower is about 340 km
    const d = haversineMeters(vendor, { lat: 48.8584, lng: 2.2945 });
    expect(d).toBeGreaterThan(338_000);
    expect(d).toBeLessThan(343_000);
    expect(haversineMeters(vendor, vendor)).toBe(0);
  });

  it('picks the first delivery zone that covers the address', () => {
    const near = deliveryZoneFor(vendor, { lat: vendor.lat + 0.01, lng: vendor.lng });
    expect('zone' in near && near.zone.name).toBe('Near');
    const far = deliveryZoneFor(vendor, { lat: vendor.lat + 0.04, lng: vendor.lng });
    expect('zone' in far && [far.zone.name, far.distanceMeters > 4000]).toEqual(['Far', true]);
    const out = deliveryZoneFor(vendor, { lat: vendor.lat + 0.1, lng: vendor.lng });
    expect('code' in out && out.code).toBe('OUTSIDE_DELIVERY_ZONE');
  });

  it('checks pickup slots against opening hours in the vendor’s time zone', () => {
    const now = new Date('2025-06-10T08:00:00Z'); // a Tuesday
    const wedNoonLondon = { vendorId: 'v1', type: 'pickup' as const, pickupAt: '2025-06-11T11:00:00Z' }; // 12:00 BST
    const wedEightLondon = { vendorId: 'v1', type: 'pickup' as const, pickupAt: '2025-06-11T07:00:00Z' }; // 08:00 BST
    expect(checkAvailability(vendor, wedNoonLondon, now)).toBeNull();
    expect(checkAvailability(vendor, wedEightLondon, now)?.code).toBe('VENDOR_CLOSED');
    expect(checkAvailability(vendor, { vendorId: 'v1', type: 'pickup' }, now)?.message).toContain('closed right now');
    // a slot chosen a minute ago is still fine; an hour ago is not
    const wedNow = new Date('2025-06-11T11:00:00Z');
    expect(checkAvailability(vendor, { vendorId: 'v1', type: 'pickup', pickupAt: '2025-06-11T10:59:00Z' }, wedNow)).toBeNull();
    expect(checkAvailability(vendor, { vendorId: 'v1', type: 'pickup', pickupAt: '2025-06-11T10:00:00Z' }, wedNow)?.code).toBe('VENDOR_CLOSED');
  });

  it('uses the larger of the vendor and zone minimums', () => {
    const far = vendor.deliveryZones[1] ?? null;
    expect(checkMinimum(vendor, null, 499)?.details).toMatchObject({ minimumCents: 500, shortByCents: 1 });
    expect(checkMinimum(vendor, null, 500)).toBeNull();
    expect(checkMinimum(vendor, far, 1000)?.details).toMatchObject({ minimumCents: 1500, shortByCents: 500 });
    expect(checkMinimum(vendor, far, 1000)?.message).toBe('Corner Shop has a minimum order of £15.00. Add £5.00 more.');
  });
});
