import { describe, expect, it } from 'vitest';
import { boundingBox, haversineMeters } from './geo';

const inBox = (box: ReturnType<typeof boundingBox>, p: { lat: number; lng: number }) =>
  p.lat >= box.minLat && p.lat <= box.maxLat && (box.lngRanges === null || box.lngRanges.some((r) => p.lng >= r.min && p.lng <= r.max));

/** The point `meters` away from `from` on initial bearing `deg` (direct geodesic problem on a sphere). */
function destination(from: { lat: number; lng: number }, meters: number, deg: number) {
  const r = Math.PI / 180;
  const d = meters / 6_371_008.8;
  const lat1 = from.lat * r;
  const b = deg * r;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
  const lng2 = from.lng * r + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
  return { lat: lat2 / r, lng: ((((lng2 / r + 540) % 360) + 360) % 360) - 180 };
}

describe('geo', () => {
  it('measures great-circle distances like a map does', () => {
    // London (Charing Cross) to Paris (Notre-Dame): about 343.5 km
    const km = haversineMeters({ lat: 51.5074, lng: -0.1278 }, { lat: 48.853, lng: 2.3499 }) / 1000;
    expect(km).toBeGreaterThan(342);
    expect(km).toBeLessThan(345);
    expect(haversineMeters({ lat: 10, lng: 20 }, { lat: 10, lng: 20 })).toBe(0);
  });

  it('builds a bounding box that contains the whole circle, including across the antimeridian', () => {
    const centres = [
      { lat: 51.45, lng: -2.59 },
      { lat: -17, lng: 179.99 },
      { lat: 64, lng: -179.9 },
      { lat: 0, lng: 0 },
    ];
    for (const c of centres) {
      const box = boundingBox(c, 25_000);
      for (let bearing = 0; bearing < 360; bearing += 7.5) {
        const p = destination(c, 24_999, bearing);
        expect(inBox(box, p), `${JSON.stringify(c)} @${bearing}`).toBe(true);
      }
      // and it is tight: a point 30 km north is outside
      expect(inBox(box, destination(c, 30_000, 0))).toBe(false);
    }
    expect(boundingBox({ lat: -17, lng: 179.99 }, 25_000).lngRanges).toHaveLength(2);
  });

  it('drops the longitude bound near a pole, where every longitude is close', () => {
    expect(boundingBox({ lat: 89.9, lng: 0 }, 25_000).lngRanges).toBeNull();
  });
});
