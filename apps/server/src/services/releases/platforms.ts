import { join } from 'node:path';

/**
 * The desktop counter's update feed, one folder per platform under `${DATA_DIR}/releases/`. Names follow
 * electron-builder's `${os}` (win, mac) and electron-updater's channel files: `latest.yml` on Windows,
 * `latest-mac.yml` on macOS.
 */
export const RELEASE_PLATFORMS = {
  win: { channelFile: 'latest.yml', label: 'Windows', installers: ['.exe'], primary: '.exe' },
  // the zip is what electron-updater installs on macOS; the dmg is for first installs
  mac: { channelFile: 'latest-mac.yml', label: 'macOS', installers: ['.zip', '.dmg'], primary: '.zip' },
} as const;

export type ReleasePlatform = keyof typeof RELEASE_PLATFORMS;

export function isReleasePlatform(x: string): x is ReleasePlatform {
  return Object.hasOwn(RELEASE_PLATFORMS, x);
}

export function releasesDirOf(env: { DATA_DIR: string }): string {
  return join(env.DATA_DIR, 'releases');
}

/** What the feed serves: plain names, no folders, nothing hidden (temp files start with a dot). */
export const FEED_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;
