import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { FEED_FILE_NAME, isReleasePlatform, RELEASE_PLATFORMS } from '../services/releases/platforms';
import { parseByteRange } from './byte-range';

export interface UpdatesOptions {
  /** `${DATA_DIR}/releases`, filled by `pnpm --filter @makeries/server release:add` */
  releasesDir: string;
}

const TYPES: Record<string, string> = {
  '.yml': 'text/yaml; charset=utf-8',
  '.exe': 'application/vnd.microsoft.portable-executable',
  '.zip': 'application/zip',
  '.dmg': 'application/x-apple-diskimage',
};

function etagOf(st: Stats): string {
  return `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
}

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

function notFound(reply: FastifyReply, message: string) {
  return reply.code(404).header('cache-control', 'no-store').send({ code: 'NOT_FOUND', message });
}

/**
 * The desktop counter's update feed for electron-updater's generic provider: `GET /updates/win/latest.yml`,
 * `GET /updates/mac/latest-mac.yml` and the artifacts beside them, with single byte ranges (206/416), ETags and
 * conditional requests so interrupted and differential downloads resume. The channel files are static: staged
 * roll-outs (`stagingPercentage`) are decided on each counter by electron-updater, as with electron-builder's own
 * feeds, so any cache or CDN can sit in front.
 */
export function registerUpdates(app: FastifyInstance, opts: UpdatesOptions): void {
  app.get<{ Params: { platform: string; file: string } }>('/updates/:platform/:file', async (req, reply) => {
    const { platform, file } = req.params;
    if (!isReleasePlatform(platform)) {
      return notFound(reply, `There are no counter updates for "${platform}". The update feeds are ${Object.keys(RELEASE_PLATFORMS).join(' and ')}.`);
    }
    const spec = RELEASE_PLATFORMS[platform];
    const path = join(opts.releasesDir, platform, file);
    const st = FEED_FILE_NAME.test(file) ? await stat(path).catch(() => null) : null;
    if (!st?.isFile()) {
      return notFound(reply, file === spec.channelFile ? `No ${spec.label} release of the counter has been published yet.` : `There is no "${file}" in the ${spec.label} update feed.`);
    }

    const etag = etagOf(st);
    reply
      .header('accept-ranges', 'bytes')
      .header('etag', etag)
      .header('last-modified', st.mtime.toUTCString())
      // the channel file changes in place with each release; artifacts are named per version
      .header('cache-control', extname(file) === '.yml' ? 'no-cache' : 'public, max-age=86400');
    if (matches(req.headers['if-none-match'], etag)) return reply.code(304).send();

    // If-Range: a resumed download of a file that has since been replaced gets the whole new file
    const ifRange = req.headers['if-range'];
    const range = ifRange === undefined || ifRange === etag ? parseByteRange(req.headers.range, st.size) : ({ kind: 'whole' } as const);
    if (range.kind === 'unsatisfiable') {
      return reply
        .code(416)
        .header('content-range', `bytes */${st.size}`)
        .send({ code: 'BAD_INPUT', message: `That byte range is outside ${file} (${st.size} bytes).` });
    }
    reply.header('content-type', TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream');
    if (range.kind === 'partial') {
      return reply
        .code(206)
        .header('content-range', `bytes ${range.start}-${range.end}/${st.size}`)
        .header('content-length', range.end - range.start + 1)
        .send(createReadStream(path, { start: range.start, end: range.end }));
    }
    return reply.code(200).header('content-length', st.size).send(createReadStream(path));
  });
}
