import { isAppError } from '@makeries/shared';
import { loadEnv } from '../env';
import { addRelease } from '../services/releases/add-release';
import { releasesDirOf } from '../services/releases/platforms';
import { parseReleaseArgs, RELEASE_USAGE, ReleaseUsageError } from './release-args';

/*
 * `pnpm --filter @makeries/server release:add -- --platform win --version 1.2.3 --file path.exe [--staging 20]`
 * Publishes a counter build to this server's update feed (`${DATA_DIR}/releases/<platform>/`). macOS takes the
 * .zip (what auto-update installs) and optionally the .dmg: `--file x.zip --file x.dmg`.
 */

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseReleaseArgs(process.argv.slice(2), process.env.INIT_CWD ?? process.cwd());
  } catch (e) {
    if (!(e instanceof ReleaseUsageError)) throw e;
    console.error(`${e.message}\n\n${RELEASE_USAGE}`);
    process.exit(2);
  }
  const env = loadEnv();
  try {
    const { channelFile, info } = await addRelease({ ...parsed, releasesDir: releasesDirOf(env) });
    const staged = info.stagingPercentage === undefined ? 'all counters' : `${info.stagingPercentage}% of counters`;
    console.log(
      [
        `Published ${info.version} for ${parsed.platform} to ${staged}.`,
        ...info.files.map((f) => `  ${f.url}  ${f.size} bytes  sha512 ${f.sha512}`),
        `Feed: ${channelFile}`,
      ].join('\n'),
    );
  } catch (e) {
    if (!isAppError(e)) throw e;
    console.error(e.message);
    process.exit(1);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
