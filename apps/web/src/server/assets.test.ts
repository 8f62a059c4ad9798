import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assetsFor, loadClientAssets } from './assets';

/** The shape Vite writes for a code-split build: the entry, two lazy pages, a chunk both pages share. */
const MANIFEST = {
  'src/entry-client.tsx': { file: 'assets/entry-client-a1.js', css: ['assets/entry-client-c1.css'], isEntry: true, imports: ['_vendor-v1.js'] },
  '_vendor-v1.js': { file: 'assets/vendor-v1.js' },
  '_product-card-p1.js': { file: 'assets/product-card-p1.js', imports: ['src/entry-client.tsx'] },
  'src/pages/product/product-page.tsx': {
    file: 'assets/product-page-x1.js',
    css: ['assets/product-page-s1.css'],
    imports: ['src/entry-client.tsx', '_product-card-p1.js', '_vendor-v1.js'],
  },
  'src/pages/home/home-page.tsx': { file: 'assets/home-page-h1.js', imports: ['src/entry-client.tsx', '_product-card-p1.js'] },
};

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function built(): string {
  dir = mkdtempSync(join(tmpdir(), 'mk-assets-'));
  mkdirSync(join(dir, '.vite'));
  writeFileSync(join(dir, '.vite/manifest.json'), JSON.stringify(MANIFEST));
  return `${dir}/`;
}

describe('client assets for a server-rendered page', () => {
  it('preloads the rendered page chunk and what it imports, but not other pages or the entry twice', () => {
    const page = assetsFor(loadClientAssets(built()), ['src/pages/product/product-page.tsx']);
    expect(page.scripts).toEqual(['/assets/entry-client-a1.js']);
    expect(page.preloads).toEqual(['/assets/vendor-v1.js', '/assets/product-page-x1.js', '/assets/product-card-p1.js']);
    expect(page.styles).toEqual(['/assets/entry-client-c1.css', '/assets/product-page-s1.css']);
  });

  it('gives only the entry for a page that is not code-split, and ignores an unknown chunk', () => {
    const assets = loadClientAssets(built());
    expect(assetsFor(assets, [])).toEqual({ scripts: ['/assets/entry-client-a1.js'], styles: ['/assets/entry-client-c1.css'], preloads: ['/assets/vendor-v1.js'] });
    expect(assetsFor(assets, ['src/pages/nowhere.tsx']).preloads).toEqual(['/assets/vendor-v1.js']);
  });
});
