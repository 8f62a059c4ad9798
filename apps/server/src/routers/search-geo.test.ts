import { beforeAll, expect, it } from 'vitest';
import { haversineMeters } from '../services/search/geo';
import { addCategory, addProduct, addVendor, kmNorth, ORIGIN, type TestVendor } from '../services/search/test-catalog';
import { describeEachDb } from '../test/harness';

/** A point due east along the parallel; its great-circle distance is computed, not assumed. */
function east(from: { lat: number; lng: number }, km: number) {
  return { lat: from.lat, lng: from.lng + (km / (111.195 * Math.cos((from.lat * Math.PI) / 180))) };
}

describeEachDb('search — distance, nearby vendors, autocomplete', (get) => {
  const db = () => get().database.db;
  const shops: Record<string, TestVendor> = {};
  const anon = () => get().caller();

  beforeAll(async () => {
    const places = {
      near: kmNorth(ORIGIN, 1),
      mid: kmNorth(ORIGIN, 5),
      edgeIn: kmNorth(ORIGIN, 9.99),
      edgeOut: kmNorth(ORIGIN, 10.01),
      east: east(ORIGIN, 9.5),
      far: kmNorth(ORIGIN, 40),
    };
    for (const [key, at] of Object.entries(places)) {
      const closed = key === 'mid';
      shops[key] = await addVendor(db(), { name: `${key} Bakehouse`, at, ...(closed ? { openingHours: [] } : {}) });
      await addProduct(db(), shops[key], { name: `Sourdough from ${key}`, popularity: key === 'far' ? 100 : 0 });
    }
    await addVendor(db(), { name: 'Pending Bakehouse', at: ORIGIN, status: 'pending' });
    await addCategory(db(), 'Sourdough Breads');
    const choc = await addVendor(db(), { name: 'Chocolatier Rose', at: kmNorth(ORIGIN, 2) });
    await addProduct(db(), choc, { name: 'Chocolate Truffles', popularity: 9 });
    await addProduct(db(), choc, { name: 'Chocolate Truffles', popularity: 1 });
    await addProduct(db(), choc, { name: 'Chocolate Buttons', popularity: 5 });
  });

  it('sorts by distance with correct metres, and the radius keeps far shops out', async () => {
    const res = await (await anon()).search.products({ q: 'sourdough', near: ORIGIN, radiusKm: 10, sort: 'distance' });
    expect(res.items.map((i) => i.vendor.name)).toEqual(['near Bakehouse', 'mid Bakehouse', 'east Bakehouse', 'edgeIn Bakehouse']);
    const metres = res.items.map((i) => i.vendor.distanceMeters);
    expect(metres.slice(0, 2)).toEqual([1000, 5000]);
    expect(metres[3]).toBe(9990);
    expect(Math.abs(metres[2]! - haversineMeters(ORIGIN, east(ORIGIN, 9.5)))).toBeLessThanOrEqual(1);
  });

  it('applies a 25 km default radius when only a location is given, and distance is then the default sort', async () => {
    const res = await (await anon()).search.products({ near: ORIGIN });
    expect(res.sort).toBe('distance');
    expect(res.items.map((i) => i.vendor.name)).not.toContain('far Bakehouse');
    expect(res.items[0]?.vendor.name).toBe('near Bakehouse');
    const wide = await (await anon()).search.products({ q: 'sourdough', near: ORIGIN, radiusKm: 50 });
    expect(wide.items.map((i) => i.vendor.name)).toContain('far Bakehouse');
    const without = await (await anon()).search.products({ q: 'sourdough' });
    expect(without.items.every((i) => i.vendor.distanceMeters === undefined)).toBe(true);
  });

  it('lists approved vendors nearby, nearest first, with distance and whether they are open', async () => {
    const list = await (await anon()).search.vendorsNearby({ ...ORIGIN, radiusKm: 10 });
    expect(list.map((v) => v.name)).toEqual(['near Bakehouse', 'Chocolatier Rose', 'mid Bakehouse', 'east Bakehouse', 'edgeIn Bakehouse']);
    expect(list.map((v) => v.distanceMeters).slice(0, 3)).toEqual([1000, 2000, 5000]);
    expect(list.find((v) => v.name === 'mid Bakehouse')?.isOpenNow).toBe(false);
    expect(list.find((v) => v.name === 'near Bakehouse')?.isOpenNow).toBe(true);
    const open = await (await anon()).search.vendorsNearby({ ...ORIGIN, radiusKm: 10, openNow: true });
    expect(open.map((v) => v.name)).not.toContain('mid Bakehouse');
    expect(open).toHaveLength(4);
    const two = await (await anon()).search.vendorsNearby({ ...ORIGIN, radiusKm: 10, limit: 2 });
    expect(two.map((v) => v.name)).toEqual(['near Bakehouse', 'Chocolatier Rose']);
  });

  it('finds vendors across the antimeridian and near the poles', async () => {
    const fiji = await addVendor(db(), { name: 'Suva Bakery', at: { lat: -17.0, lng: 179.95 } });
    const list = await (await anon()).search.vendorsNearby({ lat: -17.0, lng: -179.95, radiusKm: 20 });
    expect(list.map((v) => v.id)).toEqual([fiji.id]);
    expect(list[0]!.distanceMeters).toBeGreaterThan(10_000);
    const polar = await addVendor(db(), { name: 'Polar Bakery', at: { lat: 89.95, lng: 10 } });
    const nearPole = await (await anon()).search.vendorsNearby({ lat: 89.95, lng: -170, radiusKm: 20 });
    expect(nearPole.map((v) => v.id)).toEqual([polar.id]);
  });

  it('autocompletes categories, shops and deduplicated product names, typo-tolerant', async () => {
    const out = await (await anon()).search.autocomplete({ q: 'choc' });
    expect(out).toEqual([
      { kind: 'vendor', label: 'Chocolatier Rose', vendorId: expect.any(String), slug: expect.any(String) },
      { kind: 'product', label: 'Chocolate Truffles', productId: expect.any(String), vendorSlug: expect.any(String) },
      { kind: 'product', label: 'Chocolate Buttons', productId: expect.any(String), vendorSlug: expect.any(String) },
    ]);
    const typo = await (await anon()).search.autocomplete({ q: 'sourdogh' });
    expect(typo[0]).toEqual({ kind: 'category', label: 'Sourdough Breads', slug: 'sourdough-breads' });
    expect(typo.filter((s) => s.kind === 'product').map((s) => s.label)[0]).toBe('Sourdough from far');
    expect(typo.length).toBeLessThanOrEqual(8);
    // two letters: shops and categories already, product names from the third letter (trigram index)
    const two = await (await anon()).search.autocomplete({ q: 'ch' });
    expect(two.map((s) => [s.kind, s.label])).toEqual([['vendor', 'Chocolatier Rose']]);
    expect(await (await anon()).search.autocomplete({ q: 'c' })).toEqual([]);
    expect(await (await anon()).search.autocomplete({ q: '&|!' })).toEqual([]);
  });

  it('autocompletes near a location with distances, leaving out far and unapproved shops', async () => {
    const out = await (await anon()).search.autocomplete({ q: 'bakeh', near: ORIGIN, radiusKm: 10 });
    const vendors = out.filter((s) => s.kind === 'vendor');
    expect(vendors.map((v) => v.label)).toEqual(['near Bakehouse', 'mid Bakehouse', 'east Bakehouse']);
    expect(vendors.map((v) => (v.kind === 'vendor' ? v.distanceMeters : null)).slice(0, 2)).toEqual([1000, 5000]);
    const products = (await (await anon()).search.autocomplete({ q: 'sourdough', near: ORIGIN, radiusKm: 10 })).filter((s) => s.kind === 'product');
    expect(products.map((p) => p.label)).not.toContain('Sourdough from far');
    expect(products.map((p) => p.label).sort()).toEqual(['Sourdough from east', 'Sourdough from edgeIn', 'Sourdough from mid', 'Sourdough from near']);
  });
});
