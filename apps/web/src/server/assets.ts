import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** dist/client, next to this file's dist/server once built. */
export const clientDir = fileURLToPath(new URL('../client/', import.meta.url));

interface ManifestChunk {
  file: string;
  css?: string[];
  imports?: string[];
  isEntry?: boolean;
}

interface PageAssets {
  styles: string[];
  preloads: string[];
}

export interface ClientAssets extends PageAssets {
  scripts: string[];
  /** a code-split module (by source path, e.g. src/pages/home/home-page.tsx) → its chunk, imports and CSS */
  chunks: ReadonlyMap<string, PageAssets>;
}

type Manifest = Record<string, ManifestChunk>;

/** A chunk's file, the chunks it statically imports (recursively) and their CSS. */
function collect(manifest: Manifest, key: string, into: { styles: Set<string>; preloads: Set<string> }): void {
  const chunk = manifest[key];
  if (!chunk || into.preloads.has(chunk.file)) return;
  into.preloads.add(chunk.file);
  for (const c of chunk.css ?? []) into.styles.add(c);
  for (const i of chunk.imports ?? []) collect(manifest, i, into);
}

const url = (f: string) => `/${f}`;

/** The entry script, its CSS and the chunks it imports, from Vite's manifest (hashed names, served from /). */
export function loadClientAssets(dir: string = clientDir): ClientAssets {
  const manifest = JSON.parse(readFileSync(`${dir}.vite/manifest.json`, 'utf8')) as Manifest;
  const entryKey = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
  const entry = entryKey ? manifest[entryKey] : undefined;
  if (!entryKey || !entry) throw new Error('The storefront build has no entry chunk; run `pnpm build`.');
  const base = { styles: new Set(entry.css ?? []), preloads: new Set<string>() };
  for (const i of entry.imports ?? []) collect(manifest, i, base);
  const inEntry = new Set([entry.file, ...base.preloads]);
  const chunks = new Map<string, PageAssets>();
  for (const key of Object.keys(manifest)) {
    if (key === entryKey) continue;
    const page = { styles: new Set<string>(), preloads: new Set<string>() };
    collect(manifest, key, page);
    chunks.set(key, {
      styles: [...page.styles].filter((s) => !base.styles.has(s)).map(url),
      preloads: [...page.preloads].filter((f) => !inEntry.has(f)).map(url),
    });
  }
  return { scripts: [url(entry.file)], styles: [...base.styles].map(url), preloads: [...base.preloads].map(url), chunks };
}

/** The entry's assets plus those of the code-split pages this render used, each file once. */
export function assetsFor(assets: ClientAssets, chunkKeys: string[]): { scripts: string[]; styles: string[]; preloads: string[] } {
  const styles = new Set(assets.styles);
  const preloads = new Set(assets.preloads);
  for (const key of chunkKeys) {
    const page = assets.chunks.get(key);
    for (const s of page?.styles ?? []) styles.add(s);
    for (const p of page?.preloads ?? []) preloads.add(p);
  }
  return { scripts: assets.scripts, styles: [...styles], preloads: [...preloads] };
}
