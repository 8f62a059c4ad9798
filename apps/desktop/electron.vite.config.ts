import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/**
 * `pnpm desktop` (electron-vite dev) and `electron-vite build` → out/{main,preload,renderer}, which
 * electron-builder packs (electron-builder.yml at the repo root).
 *
 * - main has two entries: the Electron main process and the counter core's utility process.
 * - package dependencies stay external (electron-builder ships them in node_modules; the native ones,
 *   better-sqlite3 and serialport, are rebuilt for Electron there), except the workspace's TypeScript package
 *   @makeries/shared, which is bundled.
 * - the preload is one self-contained CommonJS file: sandboxed preloads cannot load ES modules or node_modules.
 */
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

const NATIVE = ['better-sqlite3', 'serialport', /^@serialport\//];

/** The core's committed SQL migrations, next to the built core process (it passes that folder to drizzle). */
function copyMigrations(): Plugin {
  const from = here('./src/core/db/migrations');
  return {
    name: 'makeries:copy-migrations',
    generateBundle() {
      for (const entry of readdirSync(from, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile()) continue;
        const abs = join(entry.parentPath, entry.name);
        this.emitFile({ type: 'asset', fileName: `migrations/${relative(from, abs).split(sep).join('/')}`, source: readFileSync(abs) });
      }
    },
  };
}

/**
 * electron-vite builds the renderer with relative asset URLs (`./assets/…`); served from app://counter/ with
 * history routing, a reload on a nested route would look for them under that route. `<base href="/">` pins them.
 */
function baseHref(): Plugin {
  return {
    name: 'makeries:base-href',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'base', attrs: { href: '/' }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  main: {
    plugins: [copyMigrations()],
    build: {
      outDir: here('./out/main'),
      externalizeDeps: { exclude: ['@makeries/shared'] },
      rollupOptions: {
        input: { index: here('./src/main/index.ts'), 'core-process': here('./src/main/core-process.ts') },
        external: NATIVE,
        output: { entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: here('./out/preload'),
      externalizeDeps: false,
      rollupOptions: {
        input: { index: here('./src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: here('./src/renderer'),
    plugins: [react(), baseHref()],
    build: {
      outDir: here('./out/renderer'),
      rollupOptions: { input: here('./src/renderer/index.html') },
    },
  },
});
