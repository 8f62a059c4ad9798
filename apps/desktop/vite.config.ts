import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Browser mode of the counter UI: the same renderer Electron loads, served by Vite in development (with /trpc
 * and /healthz proxied to the headless counter, started with `--dev-origin http://localhost:5173` so it accepts
 * this server's pages) and built into dist-renderer, which the headless counter serves itself (same origin, no CORS).
 */
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const COUNTER = process.env.COUNTER_URL ?? 'http://127.0.0.1:4319';

export default defineConfig({
  root: here('./src/renderer'),
  base: './',
  plugins: [react()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      // SSE subscriptions pass through the proxy as long-lived responses
      '/trpc': { target: COUNTER, changeOrigin: true },
      '/healthz': { target: COUNTER, changeOrigin: true },
    },
  },
  build: {
    outDir: here('./dist-renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
});
