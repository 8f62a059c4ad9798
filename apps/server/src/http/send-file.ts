import send, { type SendOptions } from '@fastify/send';
import type { FastifyReply, FastifyRequest } from 'fastify';

// RFC 9239: JavaScript is text/javascript (the mime table still says application/javascript); @fastify/static
// shares this table, so the storefront's bundles get it too
send.mime.define({ 'text/javascript': ['js', 'mjs'] }, true);

export type SentFile =
  | { ok: true }
  /** nothing was sent: the caller answers with its own words (404 with what is missing, 416 with the size) */
  | { ok: false; status: number; headers: Record<string, string> };

/**
 * One file through @fastify/send (the library under @fastify/static): ETag, Last-Modified, 304 on a matching
 * conditional request, single byte ranges with If-Range, HEAD. For routes that decide the file themselves and
 * explain a missing one in words; plain folders are served by @fastify/static itself.
 */
export async function sendFile(
  req: FastifyRequest,
  reply: FastifyReply,
  root: string,
  rel: string,
  opts: SendOptions & { headers?: Record<string, string> } = {},
): Promise<SentFile> {
  const { headers, ...sendOpts } = opts;
  const result = await send(req.raw, encodeURI(`/${rel}`), { root, index: false, dotfiles: 'ignore', ...sendOpts });
  if (result.type !== 'file' && result.statusCode >= 400) {
    result.stream.destroy();
    return { ok: false, status: result.statusCode, headers: result.headers };
  }
  reply.code(result.statusCode).headers({ ...result.headers, ...headers });
  await reply.send(result.stream);
  return { ok: true };
}
