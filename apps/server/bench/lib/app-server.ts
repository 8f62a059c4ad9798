import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/client';
import { loadEnv } from '../../src/env';
import { buildApp } from '../../src/http/app';
import { failChild, serveChild } from './child-runtime';

/**
 * The real marketplace server (Fastify + tRPC + node-postgres pool, storefront SSR when apps/web is built) on
 * BENCH_APP_DATABASE_URL, logging off; pictures are served from BENCH_APP_DATA_DIR/media when set.
 */
async function main(): Promise<void> {
  const url = process.env.BENCH_APP_DATABASE_URL;
  if (!url) throw new Error('BENCH_APP_DATABASE_URL is not set');
  const env = loadEnv({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    DATABASE_URL: url,
    DATA_DIR: process.env.BENCH_APP_DATA_DIR ?? join(tmpdir(), 'makeries-bench-data'),
    PORT: '0',
    HOST: '127.0.0.1',
    // PAGE_CACHE=off in the bench's environment measures cold renders (every page rendered per request)
    PAGE_CACHE: process.env.PAGE_CACHE ?? 'on',
  });
  const database = await openDatabase({ kind: 'postgres', url });
  const app = await buildApp({ database, env });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  serveChild(typeof addr === 'object' && addr ? addr.port : 0, async () => {
    await app.close();
    await database.close();
  });
}

main().catch(failChild);
