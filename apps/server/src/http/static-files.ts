import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

async function fileSize(file: string): Promise<number | null> {
  try {
    const st = await stat(file);
    return st.isFile() ? st.size : null;
  } catch {
    return null;
  }
}

/** A precompressed sibling (`.br`, `.gz`) when the browser takes it. */
async function pickEncoding(req: FastifyRequest, file: string): Promise<{ file: string; size: number; encoding: string | null } | null> {
  const accept = String(req.headers['accept-encoding'] ?? '');
  for (const [enc, ext] of [['br', '.br'], ['gzip', '.gz']] as const) {
    if (!accept.includes(enc)) continue;
    const size = await fileSize(file + ext);
    if (size !== null) return { file: file + ext, size, encoding: enc };
  }
  const size = await fileSize(file);
  return size === null ? null : { file, size, encoding: null };
}

async function send(req: FastifyRequest, reply: FastifyReply, root: string, rel: string, cacheControl: string) {
  const file = join(root, normalize(rel).replace(/^(\.\.(\/|\\|$))+/, ''));
  const type = TYPES[extname(file).toLowerCase()];
  if (!file.startsWith(root.endsWith(sep) ? root : root + sep) || !type) return reply.code(404).send({ code: 'NOT_FOUND', message: 'No such file' });
  const found = await pickEncoding(req, file);
  if (!found) return reply.code(404).send({ code: 'NOT_FOUND', message: 'No such file' });
  if (found.encoding) reply.header('content-encoding', found.encoding);
  return reply
    .header('content-type', type)
    .header('content-length', found.size)
    .header('vary', 'accept-encoding')
    .header('cache-control', cacheControl)
    .send(createReadStream(found.file));
}

/**
 * The storefront's built browser files. Names under /assets carry a content hash, so browsers may keep them
 * for a year; the few unhashed root files (favicon) are cached for a day.
 */
export function registerStaticFiles(app: FastifyInstance, clientDir: string): void {
  app.get<{ Params: { '*': string } }>('/assets/*', (req, reply) =>
    send(req, reply, join(clientDir, 'assets'), req.params['*'], 'public, max-age=31536000, immutable'),
  );
  app.get('/favicon.svg', (req, reply) => send(req, reply, clientDir, 'favicon.svg', 'public, max-age=86400'));
}
