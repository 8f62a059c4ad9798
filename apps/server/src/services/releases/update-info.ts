/**
 * electron-updater's update info (builder-util-runtime `UpdateInfo`), as electron-builder writes it to
 * latest.yml / latest-mac.yml:
 *
 *   version: 1.2.3
 *   files:
 *     - url: Makeries-Counter-Setup-1.2.3.exe
 *       sha512: <base64 of the SHA-512 digest>
 *       size: 83561234
 *   path: Makeries-Counter-Setup-1.2.3.exe      (deprecated, kept for old clients: the primary file)
 *   sha512: <same as the primary file>
 *   releaseDate: '2025-05-01T09:00:00.000Z'
 *   stagingPercentage: 20                        (optional)
 *
 * `url` is relative to the feed URL. Staged roll-out is decided by each client, not the server: electron-updater
 * installs only when its stagingUserId (a UUID kept in `<userData>/.updaterId`) falls below the percentage,
 * so the file stays static and cacheable, exactly like electron-builder's own.
 */
export interface FeedFile {
  url: string;
  sha512: string;
  size: number;
}

export interface UpdateInfo {
  version: string;
  files: FeedFile[];
  path: string;
  sha512: string;
  releaseDate: string;
  stagingPercentage?: number;
}

/** Strings single-quoted (YAML's only escape there is '' for '), so names and base64 never change meaning. */
function str(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

export function toYaml(info: UpdateInfo): string {
  const lines = [`version: ${str(info.version)}`, 'files:'];
  for (const f of info.files) lines.push(`  - url: ${str(f.url)}`, `    sha512: ${str(f.sha512)}`, `    size: ${f.size}`);
  lines.push(`path: ${str(info.path)}`, `sha512: ${str(info.sha512)}`, `releaseDate: ${str(info.releaseDate)}`);
  if (info.stagingPercentage !== undefined) lines.push(`stagingPercentage: ${info.stagingPercentage}`);
  return `${lines.join('\n')}\n`;
}

/** The version of a feed file this module wrote (enough to refuse an accidental downgrade). */
export function versionInYaml(text: string): string | null {
  const m = /^version: '((?:[^']|'')*)'$/m.exec(text);
  return m?.[1]?.replaceAll("''", "'") ?? null;
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-.]+)?$/;

export function isSemver(v: string): boolean {
  return SEMVER.test(v);
}

/** -1, 0 or 1 by semver precedence (a pre-release sorts before its release). */
export function compareSemver(a: string, b: string): number {
  const pa = SEMVER.exec(a);
  const pb = SEMVER.exec(b);
  if (!pa || !pb) throw new Error(`not a version: ${pa ? b : a}`);
  for (let i = 1; i <= 3; i++) {
    const d = Number(pa[i]) - Number(pb[i]);
    if (d !== 0) return Math.sign(d);
  }
  const ra = pa[4];
  const rb = pb[4];
  if (ra === rb) return 0;
  if (ra === undefined) return 1;
  if (rb === undefined) return -1;
  const xa = ra.split('.');
  const xb = rb.split('.');
  for (let i = 0; i < Math.max(xa.length, xb.length); i++) {
    const x = xa[i];
    const y = xb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) return Math.sign(Number(x) - Number(y));
    if (nx !== ny) return nx ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}
