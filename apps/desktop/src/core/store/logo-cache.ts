import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { receiptLogoSchema, type ReceiptLogo } from '@makeries/shared';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { dataDirOf } from './server-api';

/**
 * The receipt logo's printer dots, kept beside counter.sqlite so receipts print it offline. The mirror holds
 * only the logo's server path; the dots are valid while the cached path equals it.
 */
const LOGO_CACHE_FILE = 'receipt-logo.json';

const cacheSchema = z.object({ path: z.string().min(1), logo: receiptLogoSchema });
export type CachedLogo = z.infer<typeof cacheSchema>;

function file(sqlite: Database.Database): string {
  return join(dataDirOf(sqlite), LOGO_CACHE_FILE);
}

export function readLogoCache(sqlite: Database.Database): CachedLogo | null {
  try {
    const parsed = cacheSchema.safeParse(JSON.parse(readFileSync(file(sqlite), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeLogoCache(sqlite: Database.Database, cached: CachedLogo | null): void {
  const f = file(sqlite);
  if (!cached) {
    rmSync(f, { force: true });
    return;
  }
  writeFileSync(`${f}.tmp`, JSON.stringify(cached));
  renameSync(`${f}.tmp`, f);
}

/** The dots for the logo at `path`, or null when there is none or they have not been fetched yet. */
export function cachedLogoFor(sqlite: Database.Database, path: string | null): ReceiptLogo | null {
  if (!path) return null;
  const cached = readLogoCache(sqlite);
  return cached && cached.path === path ? cached.logo : null;
}
