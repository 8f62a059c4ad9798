import { describe, expect, it } from 'vitest';
import { counterMediaUrl } from './media-url';

describe('photo URLs on the counter', () => {
  it('asks the counter (same origin) for marketplace photos, wherever the marketplace is', () => {
    expect(counterMediaUrl('http://localhost:3000/media/products/p1/a-thumb.webp')).toBe('/media/products/p1/a-thumb.webp');
    expect(counterMediaUrl('https://market.example/media/products/p1/a%20b.webp')).toBe('/media/products/p1/a%20b.webp');
    expect(counterMediaUrl('/media/products/p1/a-thumb.webp')).toBe('/media/products/p1/a-thumb.webp');
  });

  it('leaves previews and anything else alone', () => {
    expect(counterMediaUrl('data:image/png;base64,AAAA')).toBe('data:image/png;base64,AAAA');
    expect(counterMediaUrl('blob:http://127.0.0.1:4319/3f2a')).toBe('blob:http://127.0.0.1:4319/3f2a');
    expect(counterMediaUrl('https://cdn.example/logo.png')).toBe('https://cdn.example/logo.png');
  });
});
