import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Env } from '../env';

const TYPES: Record<string, string> = {
  '.webp': 'image/webp',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
};

/** Serves uploaded and generated images from MEDIA_DIR under /media/, never outside it. */
export function registerMedia(app: FastifyInstance, env: Env): void {
  app.get<{ Params: { '*': string } }>('/media/*', async (req, reply) => {
    const rel = normalize(req.params['*']).replace(/^(\.\.(\/|\\|$))+/, '');
    const file = join(env.mediaDir, rel);
    const type = TYPES[extname(file).toLowerCase()];
    if (!file.startsWith(env.mediaDir + sep) || !type) return reply.code(404).send({ code: 'NOT_FOUND', message: 'No such image' });
    try {
      const st = await stat(file);
      if (!st.isFile()) throw new Error('not a file');
      return reply
        .header('content-type', type)
        .header('content-length', st.size)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(createReadStream(file));
    } catch {
      return reply.code(404).send({ code: 'NOT_FOUND', message: 'No such image' });
    }
  });
}
