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

export interface ClientAssets {
  scripts: string[];
  styles: string[];
  preloads: string[];
}

/** The entry script, its CSS and the chunks it imports, from Vite's manifest (hashed names, served from /). */
export function loadClientAssets(dir: string = clientDir): ClientAssets {
  const manifest = JSON.parse(readFileSync(`${dir}.vite/manifest.json`, 'utf8')) as Record<string, ManifestChunk>;
  const entry = Object.values(manifest).find((c) => c.isEntry);
  if (!entry) throw new Error('The storefront build has no entry chunk; run `pnpm build`.');
  const styles = new Set(entry.css ?? []);
  const preloads = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || preloads.has(chunk.file)) return;
    preloads.add(chunk.file);
    for (const c of chunk.css ?? []) styles.add(c);
    for (const i of chunk.imports ?? []) visit(i);
  };
  for (const i of entry.imports ?? []) visit(i);
  const url = (f: string) => `/${f}`;
  return { scripts: [url(entry.file)], styles: [...styles].map(url), preloads: [...preloads].map(url) };
}
