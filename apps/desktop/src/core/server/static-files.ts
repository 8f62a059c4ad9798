import send from '@fastify/send';
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve } from 'node:path';

/*
 * Serves the built counter UI (dist-renderer) from the counter's own origin, so browser mode needs no CORS,
 * through @fastify/send: files by path with ETags and conditional requests, any other page path falls back to
 * index.html (the UI routes itself), nothing outside the folder or starting with a dot is ever read. Hashed
 * assets are cached for good; index.html is always revalidated.
 */

// RFC 9239: JavaScript is text/javascript (the mime table still says application/javascript)
send.mime.define({ 'text/javascript': ['js', 'mjs'] }, true);

/** Mantine writes its theme into <style> tags, hence inline styles; scripts only from the counter itself. */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export interface StaticSite {
  /** answers GET/HEAD for the UI; false when the request is not for it (the caller answers 404) */
  handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean>;
}

/** null when the folder has no built UI (index.html), so the API alone is served. */
export function createStaticSite(dir: string): StaticSite | null {
  const root = resolve(dir);
  if (!existsSync(resolve(root, 'index.html'))) return null;

  const serve = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
    const immutable = path.startsWith('/assets/');
    const result = await send(req, path, {
      root,
      index: false,
      dotfiles: 'ignore',
      ...(immutable ? { maxAge: '365d', immutable: true } : { cacheControl: false }),
    });
    if (result.type !== 'file') {
      result.stream.destroy();
      return false;
    }
    const html = (result.headers['Content-Type'] ?? '').startsWith('text/html');
    res.writeHead(result.statusCode, {
      ...result.headers,
      ...(immutable ? {} : { 'cache-control': 'no-cache' }),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      ...(html ? { 'content-security-policy': CSP } : {}),
    });
    result.stream.pipe(res);
    return true;
  };

  return {
    async handle(req, res, path) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      if (path !== '/' && (await serve(req, res, path))) return true;
      // a page path (no extension) is the single-page UI; a missing asset is a real 404
      let decoded: string;
      try {
        decoded = decodeURIComponent(path);
      } catch {
        return false;
      }
      if (extname(decoded) === '' || decoded.endsWith('.html')) return serve(req, res, '/index.html');
      return false;
    },
  };
}
