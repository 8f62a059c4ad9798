import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';

/*
 * Product photos through the counter, for the page's `img-src 'self'`: `/media/<path>` is fetched once from the
 * marketplace's own `/media/<path>` (its files are immutable: a new photo gets a new name), kept on disk under
 * the counter's data folder, and served from there ever after — offline too. The folder is capped: past
 * `maxBytes` the least recently served files go (each hit touches its file's mtime).
 */

export const MEDIA_PREFIX = '/media/';
const TYPES: Record<string, string> = { '.webp': 'image/webp', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg' };
/** one path segment: letters, digits, dot, dash, underscore, not starting with a dot */
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;
const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 8_000;
/** the server's largest variant is well under this; anything bigger is not a product photo */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

type MediaAnswer =
  | { status: 200; type: string; body: Buffer }
  /** 400: not a media path (traversal, odd characters, not an image); 404: the marketplace has no such file;
   * 503: not kept here and the marketplace cannot be reached */
  | { status: 400 | 404 | 503; message: string };

export interface MediaCacheOptions {
  /** where the copies live, e.g. <dataDir>/media-cache */
  dir: string;
  /** the marketplace this counter is paired with, or null (then only kept copies are served) */
  serverUrl: () => string | null;
  fetch?: typeof fetch;
  timeoutMs?: number;
  maxBytes?: number;
}

export interface MediaCache {
  /** `rel` is the path after /media/, still URL-encoded as it came */
  get(rel: string): Promise<MediaAnswer>;
}

/** The decoded path segments, or null when `rel` is not a plain relative image path. */
function parseRel(rel: string): { path: string; type: string } | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rel);
  } catch {
    return null;
  }
  const segments = decoded.split('/');
  if (segments.length > 8 || !segments.every((s) => SEGMENT.test(s))) return null;
  const type = TYPES[extname(decoded).toLowerCase()];
  return type ? { path: segments.join('/'), type } : null;
}

export function createMediaCache(opts: MediaCacheOptions): MediaCache {
  const fetchFn = opts.fetch ?? fetch;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const inFlight = new Map<string, Promise<MediaAnswer>>();
  let ready = false;

  const fileOf = (path: string) => join(opts.dir, `${createHash('sha256').update(path).digest('hex')}${extname(path).toLowerCase()}`);

  const prepare = (): void => {
    if (ready) return;
    mkdirSync(opts.dir, { recursive: true });
    ready = true;
  };

  /** Least recently served first, until the folder fits. */
  const trim = async (): Promise<void> => {
    const files = readdirSync(opts.dir)
      .filter((n) => !n.endsWith('.part'))
      .flatMap((n) => {
        try {
          const st = statSync(join(opts.dir, n));
          return [{ file: join(opts.dir, n), size: st.size, used: st.mtimeMs }];
        } catch {
          return [];
        }
      })
      .sort((a, b) => a.used - b.used);
    let total = files.reduce((sum, f) => sum + f.size, 0);
    for (const f of files) {
      if (total <= maxBytes) break;
      await rm(f.file, { force: true });
      total -= f.size;
    }
  };

  const download = async (path: string, type: string, file: string): Promise<MediaAnswer> => {
    const server = opts.serverUrl();
    if (!server) return { status: 503, message: 'This photo is not on this counter yet, and it is not paired with a marketplace.' };
    let res: Response;
    try {
      res = await fetchFn(`${server.replace(/\/+$/, '')}${MEDIA_PREFIX}${path}`, { signal: AbortSignal.timeout(timeoutMs) });
    } catch {
      return { status: 503, message: 'This photo is not on this counter yet, and the marketplace cannot be reached.' };
    }
    if (res.status === 404) return { status: 404, message: 'No such photo.' };
    const length = Number(res.headers.get('content-length') ?? '0');
    if (!res.ok || length > MAX_FILE_BYTES) return { status: 503, message: `The marketplace did not send this photo (${res.status}).` };
    const body = Buffer.from(await res.arrayBuffer());
    if (body.length > MAX_FILE_BYTES) return { status: 503, message: 'The marketplace sent something too big for a photo.' };
    // written whole, then renamed: a crash never leaves half a photo to serve
    const part = `${file}.${process.pid}.part`;
    await writeFile(part, body);
    await rename(part, file);
    await trim();
    return { status: 200, type, body };
  };

  return {
    async get(rel) {
      const parsed = parseRel(rel);
      if (!parsed) return { status: 400, message: 'Not a photo path.' };
      prepare();
      const file = fileOf(parsed.path);
      try {
        const body = await readFile(file);
        const now = new Date();
        await utimes(file, now, now).catch(() => undefined);
        return { status: 200, type: parsed.type, body };
      } catch {
        // not kept yet: fetch it (once, however many tiles ask at the same moment)
      }
      let pending = inFlight.get(file);
      if (!pending) {
        pending = download(parsed.path, parsed.type, file).finally(() => inFlight.delete(file));
        inFlight.set(file, pending);
      }
      return pending;
    },
  };
}
