import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AppError } from '@makeries/shared';
import { isReleasePlatform, RELEASE_PLATFORMS, type ReleasePlatform } from './platforms';
import { compareSemver, isSemver, toYaml, versionInYaml, type FeedFile, type UpdateInfo } from './update-info';

export interface AddReleaseInput {
  /** `${DATA_DIR}/releases` */
  releasesDir: string;
  platform: string;
  version: string;
  /** the installer (.exe), or for macOS the .zip (required for auto-update) and optionally the .dmg */
  files: readonly string[];
  /** 0–100: the share of counters that take this version (each decides by its own staging id); absent = all */
  staging?: number;
  now?: () => Date;
}

export interface AddedRelease {
  platform: ReleasePlatform;
  /** the written latest.yml / latest-mac.yml */
  channelFile: string;
  info: UpdateInfo;
}

const bad = (message: string) => new AppError('BAD_INPUT', message);

/** base64 SHA-512 of a file, the form electron-updater verifies downloads against. */
async function sha512Base64(file: string): Promise<string> {
  const hash = createHash('sha512');
  await pipeline(createReadStream(file), hash);
  return hash.digest('base64');
}

/** A name that is safe in a URL and on every file system ("Makeries Counter Setup 1.2.3.exe" → dashes). */
function feedName(file: string): string {
  return basename(file).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+/, '');
}

async function isFile(path: string): Promise<{ size: number } | null> {
  try {
    const s = await stat(path);
    return s.isFile() ? { size: s.size } : null;
  } catch {
    return null;
  }
}

function validate(input: AddReleaseInput): { platform: ReleasePlatform; staging: number | undefined } {
  const { platform } = input;
  if (!isReleasePlatform(platform)) throw bad(`--platform must be one of ${Object.keys(RELEASE_PLATFORMS).join(', ')}, not "${platform}".`);
  if (!isSemver(input.version)) throw bad(`--version must be a version like 1.2.3 (semver), not "${input.version}".`);
  const staging = input.staging;
  if (staging !== undefined && (!Number.isInteger(staging) || staging < 0 || staging > 100)) {
    throw bad(`--staging must be a whole percentage from 0 to 100, not "${String(staging)}".`);
  }
  const spec = RELEASE_PLATFORMS[platform];
  if (input.files.length === 0) throw bad('Give the installer with --file.');
  const exts = input.files.map((f) => extname(f).toLowerCase());
  for (const [i, ext] of exts.entries()) {
    if (!(spec.installers as readonly string[]).includes(ext)) {
      throw bad(`${basename(input.files[i] ?? '')}: a ${spec.label} release takes ${spec.installers.join(' or ')} files.`);
    }
  }
  if (new Set(exts).size !== exts.length) throw bad(`Give one file of each kind (${spec.installers.join(', ')}).`);
  if (!exts.includes(spec.primary)) {
    throw bad(`A ${spec.label} release needs the ${spec.primary} file: it is what the app downloads to update itself.`);
  }
  return { platform, staging };
}

/**
 * `release:add`: copies the artifacts into the platform's feed folder and (last, atomically) writes the channel
 * file with each file's sha512 and size. Re-adding the same version with the same files only changes the staging
 * percentage; an older version than the published one, or a different file under an existing name, is refused.
 */
export async function addRelease(input: AddReleaseInput): Promise<AddedRelease> {
  const { platform, staging } = validate(input);
  const spec = RELEASE_PLATFORMS[platform];
  const dir = join(input.releasesDir, platform);

  const sources = await Promise.all(
    input.files.map(async (file) => {
      const st = await isFile(file);
      if (!st) throw bad(`${file} is not a file that can be read.`);
      if (st.size === 0) throw bad(`${file} is empty.`);
      const name = feedName(file);
      if (!name) throw bad(`${file}: the file name has no usable characters.`);
      return { file, name, size: st.size, sha512: await sha512Base64(file) };
    }),
  );
  // the primary file first: electron-updater takes `path` and, on macOS, the first zip
  sources.sort((a, b) => Number(extname(b.name).toLowerCase() === spec.primary) - Number(extname(a.name).toLowerCase() === spec.primary));

  await mkdir(dir, { recursive: true });
  const channelFile = join(dir, spec.channelFile);
  const published = await readFile(channelFile, 'utf8').then(versionInYaml, () => null);
  if (published && isSemver(published) && compareSemver(input.version, published) < 0) {
    throw new AppError('CONFLICT', `${input.version} is older than the published ${spec.label} version ${published}; counters never downgrade.`);
  }
  for (const s of sources) {
    const existing = await isFile(join(dir, s.name));
    if (existing && (existing.size !== s.size || (await sha512Base64(join(dir, s.name))) !== s.sha512)) {
      throw new AppError('CONFLICT', `${s.name} is already in the ${spec.label} feed with different content. Put the version in the file name.`);
    }
  }

  for (const s of sources) {
    await copyInto(dir, s.file, s.name);
    // electron-builder's block map enables differential downloads when it sits next to the installer
    if (await isFile(`${s.file}.blockmap`)) await copyInto(dir, `${s.file}.blockmap`, `${s.name}.blockmap`);
  }

  const files: FeedFile[] = sources.map((s) => ({ url: s.name, sha512: s.sha512, size: s.size }));
  const primary = files[0] as FeedFile;
  const info: UpdateInfo = {
    version: input.version,
    files,
    path: primary.url,
    sha512: primary.sha512,
    releaseDate: (input.now?.() ?? new Date()).toISOString(),
    ...(staging !== undefined ? { stagingPercentage: staging } : {}),
  };
  const tmp = join(dir, `.tmp-${spec.channelFile}`);
  await writeFile(tmp, toYaml(info));
  await rename(tmp, channelFile);
  return { platform, channelFile, info };
}

/** Copy then rename: a client never downloads half a file under the real name. */
async function copyInto(dir: string, from: string, name: string): Promise<void> {
  const tmp = join(dir, `.tmp-${name}`);
  await copyFile(from, tmp);
  await rename(tmp, join(dir, name));
}
