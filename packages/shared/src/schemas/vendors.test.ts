import { describe, expect, it } from 'vitest';
import { vendorListInput, vendorUpdateInput } from './vendors';

describe('vendorUpdateInput', () => {
  it('keeps only the fields sent: no defaults fill in the rest', () => {
    expect(vendorUpdateInput.parse({ name: 'Crumb' })).toEqual({ name: 'Crumb' });
    expect(vendorUpdateInput.parse({ deliveryZones: [{ name: 'Town', radiusMeters: 1000, feeCents: 200 }] })).toEqual({
      deliveryZones: [{ name: 'Town', radiusMeters: 1000, feeCents: 200, minOrderCents: 0 }],
    });
  });

  it('still validates every field it is given, and refuses an empty update', () => {
    expect(vendorUpdateInput.safeParse({ timezone: 'Nowhere/Special' }).success).toBe(false);
    expect(vendorUpdateInput.safeParse({ currency: 'eur' }).success).toBe(false);
    expect(vendorUpdateInput.safeParse({ minOrderCents: 1.5 }).success).toBe(false);
    expect(vendorUpdateInput.safeParse({ openingHours: [{ day: 1, open: '18:00', close: '09:00' }] }).success).toBe(false);
    expect(vendorUpdateInput.safeParse({}).success).toBe(false);
    expect(vendorUpdateInput.safeParse({ gs1Template: null }).success).toBe(true);
  });
});

describe('vendorListInput', () => {
  it('defaults to the first page of 100 and caps the page size', () => {
    expect(vendorListInput.parse(undefined)).toEqual({ limit: 100 });
    expect(vendorListInput.safeParse({ limit: 500 }).success).toBe(false);
  });
});
