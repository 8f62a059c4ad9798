import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const DESKTOP_DIR = fileURLToPath(new URL('../../../', import.meta.url));
/** shared is TypeScript source, so it is bundled; every other dependency (storefront SSR included) is JavaScript */
const BUNDLED = ['@makeries/shared'];

/** The package's dependencies stay external: native modules, wasm beside their JS, no second copy. */
function externals(packageDir: string): string[] {
  const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
  const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((n) => !BUNDLED.includes(n));
  return names.flatMap((n) => [n, `${n}/*`]);
}

/**
 * Each of our modules keeps its own `import.meta.url`, so paths found relative to a source file (the counter's
 * migrations, the built UI) still point where they do when the file runs through tsx.
 */
const keepModuleUrls: Plugin = {
  name: 'keep-module-urls',
  setup(b) {
    b.onLoad({ filter: /\.tsx?$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const contents = source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
      return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

/**
 * A test's child process as one plain JavaScript file, run with `node <file>` instead of `node --import tsx`:
 * loading the counter core through tsx costs about a second of CPU per start, which the kill -9 test pays 200
 * times. Built once per test file (esbuild, well under a second); the name carries a hash of the output, so
 * parallel runs never overwrite a bundle another one is starting. `packageDir` is the package the entry belongs
 * to: the bundle is written inside its node_modules, so its external imports resolve as they do from source.
 */
export async function bundleChild(entry: string, packageDir = DESKTOP_DIR): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    sourcemap: 'inline',
    external: externals(packageDir),
    plugins: [keepModuleUrls],
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents;
  if (!code) throw new Error(`esbuild produced nothing for ${entry}`);
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 12);
  const outDir = join(packageDir, 'node_modules', '.cache', 'makeries-test-children');
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `child-${hash}.mjs`);
  if (!existsSync(file)) {
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, code);
    renameSync(partial, file);
  }
  return file;
}
