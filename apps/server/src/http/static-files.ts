import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { join } from 'node:path';
import { sendFile } from './send-file';

/**
 * The storefront's built browser files through @fastify/static, with the `.br`/`.gz` siblings the build writes
 * (scripts/compress-assets.mjs) for browsers that take them. Names under /assets carry a content hash, so browsers
 * may keep them for a year; the unhashed favicon is cached for a day and revalidated by its ETag; the service
 * worker is always revalidated.
 */
export async function registerStaticFiles(app: FastifyInstance, clientDir: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: join(clientDir, 'assets'),
    prefix: '/assets/',
    decorateReply: false,
    preCompressed: true,
    index: false,
    list: false,
    maxAge: '365d',
    immutable: true,
  });
  app.get('/favicon.svg', async (req, reply) => {
    const sent = await sendFile(req, reply, clientDir, 'favicon.svg', { maxAge: '1d' });
    if (!sent.ok) return reply.code(404).send({ code: 'NOT_FOUND', message: 'No such file' });
    return reply;
  });
  // the service worker (web push, apps/web/public/sw.js): at the root, so its scope is the whole storefront
  // without a Service-Worker-Allowed header; revalidated on every check, so a new version reaches browsers at once
  app.get('/sw.js', async (req, reply) => {
    const sent = await sendFile(req, reply, clientDir, 'sw.js', { headers: { 'cache-control': 'no-cache' } });
    if (!sent.ok) return reply.code(404).send({ code: 'NOT_FOUND', message: 'No such file' });
    return reply;
  });
}
