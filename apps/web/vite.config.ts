import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { ssrDynamicImportOutsideBundle } from './scripts/ssr-dynamic-import';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * Two builds from one config: `vite build` makes the browser bundle (hashed files + manifest in dist/client,
 * served by the marketplace server under /assets with long cache headers); `vite build --ssr` makes the
 * render entry the server imports (dist/server/entry-server.js).
 */
export default defineConfig(({ isSsrBuild }) => ({
  plugins: isSsrBuild ? [react(), ssrDynamicImportOutsideBundle()] : [react()],
  // favicon and friends, copied next to the browser bundle (never into the server build)
  publicDir: isSsrBuild ? false : here('./public'),
  // the render entry bundles React: take its production build, whatever NODE_ENV the server runs with
  define: isSsrBuild ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {},
  build: isSsrBuild
    ? {
        outDir: here('./dist/server'),
        emptyOutDir: true,
        target: 'node20',
        // one file for the server: pages are code-split for browsers only
        rollupOptions: { output: { entryFileNames: 'entry-server.js', inlineDynamicImports: true } },
      }
    : {
        outDir: here('./dist/client'),
        emptyOutDir: true,
        manifest: true,
        target: 'es2022',
        rollupOptions: { input: here('./src/entry-client.tsx') },
      },
  ssr: {
    // Bundle everything into the render entry, so React and its libraries are the production builds whatever
    // NODE_ENV the server runs with (and our shared package, TypeScript source, is compiled). tRPC stays
    // external: the server passes its own router in, and both sides must share one @trpc/server.
    noExternal: true,
    external: ['@trpc/client', '@trpc/server'],
  },
}));
