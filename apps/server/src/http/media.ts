import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { Env } from '../env';

/**
 * Uploaded and generated images from MEDIA_DIR under /media/ (never outside it), through @fastify/static. Every
 * image's name is new when its content is (uploads get new ids), so browsers and CDNs keep them for a year; the
 * ETag still lets a cache revalidate one cheaply.
 */
export async function registerMedia(app: FastifyInstance, env: Env): Promise<void> {
  await app.register(fastifyStatic, {
    root: env.mediaDir,
    prefix: '/media/',
    decorateReply: false,
    index: false,
    list: false,
    dotfiles: 'ignore',
    maxAge: '365d',
    immutable: true,
    // only images: anything else under MEDIA_DIR is not for the web
    allowedPath: (path) => /\.(webp|png|jpe?g)$/i.test(path),
  });
}
