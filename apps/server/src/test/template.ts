import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { openDatabase } from '../db/client';
import { MIGRATIONS_DIR, runMigrations } from '../db/migrate';

/**
 * A migrated, empty database made once per run and copied for every test file: a PGlite data-directory dump on
 * disk, and a template database on the TEST_DATABASE_URL server. Migrating from scratch took 2–4 s per test
 * block; a copy takes about half a second. Both are keyed by the migration files (and the PGlite version), so a
 * new migration makes a new template and a stale one is never used.
 */
function templateKey(): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(pglitePackageJson()));
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(entry.name).update(readFileSync(path));
    }
  };
  walk(MIGRATIONS_DIR);
  return hash.digest('hex').slice(0, 16);
}

/** PGlite's package.json (not in its exports map): the template must be rebuilt when PGlite changes. */
function pglitePackageJson(): string {
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!existsSync(join(dir, 'package.json')) || !dir.includes('pglite')) dir = dirname(dir);
  return join(dir, 'package.json');
}

function pgliteTemplatePath(key = templateKey()): string {
  return join(tmpdir(), `makeries-pglite-template-${key}.tar`);
}

export function postgresTemplateName(key = templateKey()): string {
  return `mk_template_${key}`;
}

/** Writes the PGlite template unless this key's template already exists (written whole, then renamed). */
export async function ensurePgliteTemplate(key = templateKey()): Promise<string> {
  const path = pgliteTemplatePath(key);
  removeStaleTemplates(path);
  if (existsSync(path)) return path;
  const database = await openDatabase({ kind: 'pglite' });
  try {
    await runMigrations(database);
    const dump = await database.pglite!.dumpDataDir('none');
    const partial = `${path}.${randomBytes(4).toString('hex')}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, path);
  } finally {
    await database.close();
  }
  return path;
}

/** Templates of older migration sets (42 MB each) go once they are a day old; a parallel checkout's stays. */
function removeStaleTemplates(keep: string): void {
  const dayAgo = Date.now() - 86_400_000;
  for (const name of readdirSync(tmpdir())) {
    const path = join(tmpdir(), name);
    if (!name.startsWith('makeries-pglite-template-') || path === keep) continue;
    try {
      if (statSync(path).mtimeMs < dayAgo) rmSync(path, { force: true });
    } catch {
      // another run removed it first
    }
  }
}

/** Creates and migrates the template database on the PostgreSQL server unless it exists. */
export async function ensurePostgresTemplate(adminUrl: string, key = templateKey()): Promise<string> {
  const name = postgresTemplateName(key);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return name;
    const building = `${name}_${randomBytes(4).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${building}`);
    const url = new URL(adminUrl);
    url.pathname = `/${building}`;
    const database = await openDatabase({ kind: 'postgres', url: url.toString(), max: 1 });
    try {
      await runMigrations(database);
    } finally {
      await database.close();
    }
    // renamed only once complete, so a crash mid-migration never leaves a half-built template under the real name
    await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
    return name;
  } finally {
    await admin.end();
  }
}

let cachedDump: { path: string; blob: Blob } | undefined;

/** The PGlite template for this run, read once per worker process; undefined when none was built. */
export function pgliteTemplate(): Blob | undefined {
  const path = pgliteTemplatePath();
  if (cachedDump?.path === path) return cachedDump.blob;
  try {
    cachedDump = { path, blob: new Blob([readFileSync(path)]) };
  } catch {
    return undefined; // none built (a run without the global set-up): the caller migrates instead
  }
  return cachedDump.blob;
}
