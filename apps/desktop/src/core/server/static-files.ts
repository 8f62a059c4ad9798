import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

/*
 * Serves the built counter UI (dist-renderer) from the counter's own origin, so browser mode needs no CORS:
 * files by path, any other page path falls back to index.html (the UI routes itself), nothing outside the
 * folder is ever read. Hashed assets are cached for good; index.html is always revalidated.
 */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
};

/** Mantine writes its theme into <style> tags, hence inline styles; scripts only from the counter itself. */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export interface StaticSite {
  /** answers GET/HEAD for the UI; false when the request is not for it (the caller answers 404) */
  handle(req: IncomingMessage, res: ServerResponse, path: string): boolean;
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** null when the folder has no built UI (index.html), so the API alone is served. */
export function createStaticSite(dir: string): StaticSite | null {
  const root = resolve(dir);
  const index = resolve(root, 'index.html');
  if (!existsSync(index)) return null;

  const send = (req: IncomingMessage, res: ServerResponse, file: string, status = 200): void => {
    const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const immutable = file.startsWith(resolve(root, 'assets') + sep);
    res.writeHead(status, {
      'content-type': type,
      'content-length': statSync(file).size,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      ...(type.startsWith('text/html') ? { 'content-security-policy': CSP } : {}),
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  };

  return {
    handle(req, res, path) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      let decoded: string;
      try {
        decoded = decodeURIComponent(path);
      } catch {
        return false;
      }
      if (decoded.includes('\0')) return false;
      const file = resolve(root, `.${decoded.startsWith('/') ? decoded : `/${decoded}`}`);
      // resolve() has already collapsed any ../ : whatever lands outside the folder is not ours to serve
      if (file !== root && !file.startsWith(root + sep)) return false;
      if (file !== root && isFile(file)) {
        send(req, res, file);
        return true;
      }
      // a page path (no extension) is the single-page UI; a missing asset is a real 404
      if (extname(decoded) === '' || decoded.endsWith('.html')) {
        send(req, res, index);
        return true;
      }
      return false;
    },
  };
}
