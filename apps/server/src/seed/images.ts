import sharp from 'sharp';

/** Colour pairs per category so the demo storefront looks varied and tidy without stock photos. */
const PALETTE: Record<string, [string, string]> = {
  bread: ['#f3d9a4', '#c98a3d'],
  pastries: ['#fbe3c8', '#e0925a'],
  'coffee-tea': ['#e8d3c0', '#6b4226'],
  deli: ['#f6e7c1', '#b5542f'],
  'fruit-veg': ['#dff2c9', '#4f9d3a'],
  pantry: ['#f1ead8', '#a07d3b'],
  meat: ['#f7d4cf', '#a63a32'],
  cheese: ['#fff1b8', '#d9a21b'],
  sweets: ['#f9d6e4', '#8c3b5e'],
  homeware: ['#dfe6ee', '#4b6584'],
  plants: ['#d7f0dd', '#2e7d4f'],
  books: ['#e4ddf4', '#5b4a9b'],
  'ready-meals': ['#fde2cf', '#c0542a'],
  drinks: ['#d8ecf4', '#2f6f8f'],
};

/** Deterministic pseudo-random numbers from a string, so reseeding gives the same pictures. */
function rng(seed: string): () => number {
  let h = 2166136261;
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return ((h ^= h >>> 16) >>> 0) / 4294967296;
  };
}

/** A soft still-life: a gradient backdrop, a plate and a few rounded shapes in the category colours. */
export function productSvg(name: string, category: string, size = 800): string {
  const [light, dark] = PALETTE[category] ?? ['#eeeeee', '#777777'];
  const r = rng(name);
  const shapes: string[] = [];
  const n = 3 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    const cx = size * (0.3 + r() * 0.4);
    const cy = size * (0.35 + r() * 0.3);
    const rx = size * (0.08 + r() * 0.12);
    const ry = rx * (0.6 + r() * 0.5);
    const rot = Math.floor(r() * 180);
    const op = (0.55 + r() * 0.4).toFixed(2);
    shapes.push(`<ellipse cx="${cx.toFixed(0)}" cy="${cy.toFixed(0)}" rx="${rx.toFixed(0)}" ry="${ry.toFixed(0)}" transform="rotate(${rot} ${cx.toFixed(0)} ${cy.toFixed(0)})" fill="${dark}" fill-opacity="${op}"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${light}"/><stop offset="1" stop-color="#ffffff"/></linearGradient></defs>
  <rect width="100%" height="100%" fill="url(#g)"/>
  <ellipse cx="${size / 2}" cy="${size * 0.58}" rx="${size * 0.38}" ry="${size * 0.2}" fill="#ffffff" stroke="${dark}" stroke-opacity="0.15" stroke-width="${size * 0.01}"/>
  ${shapes.join('\n  ')}
</svg>`;
}

export async function productImagePng(name: string, category: string): Promise<Buffer> {
  return sharp(Buffer.from(productSvg(name, category))).png({ compressionLevel: 6 }).toBuffer();
}
