import { extname, join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { FEED_FILE_NAME, isReleasePlatform, RELEASE_PLATFORMS } from '../services/releases/platforms';
import { sendFile } from './send-file';

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

function notFound(reply: FastifyReply, message: string) {
  return reply.code(404).header('cache-control', 'no-store').send({ code: 'NOT_FOUND', message });
}

/**
 * The desktop counter's update feed for electron-updater's generic provider: `GET /updates/win/latest.yml`,
 * `GET /updates/mac/latest-mac.yml` and the artifacts beside them, with single byte ranges (206/416), ETags and
 * conditional requests (@fastify/send) so interrupted and differential downloads resume. The channel files are static: staged
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
    const type = TYPES[extname(file).toLowerCase()];
    const missing = () =>
      notFound(reply, file === spec.channelFile ? `No ${spec.label} release of the counter has been published yet.` : `There is no "${file}" in the ${spec.label} update feed.`);
    if (!FEED_FILE_NAME.test(file) || !type) return missing();
    const sent = await sendFile(req, reply, join(opts.releasesDir, platform), file, {
      cacheControl: false,
      contentType: false,
      // the channel file changes in place with each release; artifacts are named per version
      headers: { 'cache-control': extname(file) === '.yml' ? 'no-cache' : 'public, max-age=86400', 'content-type': type },
    });
    if (sent.ok) return reply;
    if (sent.status === 416) {
      const size = sent.headers['Content-Range'] ?? sent.headers['content-range'] ?? '';
      return reply
        .code(416)
        .header('content-range', size)
        .send({ code: 'BAD_INPUT', message: `That byte range is outside ${file} (${size.replace('bytes */', '')} bytes).` });
    }
    return missing();
  });
}
