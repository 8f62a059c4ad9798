import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * DESIGN §1: the renderer talks to the counter only through its tRPC link. It never loads node, electron,
 * SQLite or drizzle, and takes from the core only types and the pure receipt layout/preview (shared with the
 * printer). A runtime import of anything else would break the same build in the browser and in Electron.
 */
const root = fileURLToPath(new URL('.', import.meta.url));
const FORBIDDEN = /^(node:|electron|better-sqlite3|drizzle-orm|serialport|@serialport\/|node-thermal-printer|fs$|path$|child_process$)/;
const CORE_ALLOWED = [/\/core\/printing\/layout\//, /\/core\/printing\/preview\//];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** Runtime imports only: `import type` and type-only specifiers are erased from the bundle. */
function runtimeImports(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^import\s+(type\s+)?([^'"]*?)\s*from\s*'([^']+)'/gm)) {
    const typeOnly = Boolean(m[1]) || /^\{\s*(type\s+[^,}]+,?\s*)+\}$/.test(m[2] ?? '');
    if (!typeOnly && m[3]) out.push(m[3]);
  }
  for (const m of text.matchAll(/^import\s+'([^']+)'/gm)) if (m[1]) out.push(m[1]);
  return out;
}

describe('the renderer’s process boundary', () => {
  const files = sources(root);

  it('finds the renderer sources', () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it('imports no node, electron, database or device module, and no core runtime but the receipt layout', () => {
    const offences: string[] = [];
    for (const file of files) {
      for (const spec of runtimeImports(readFileSync(file, 'utf8'))) {
        const rel = relative(root, file);
        if (FORBIDDEN.test(spec)) offences.push(`${rel} → ${spec}`);
        if (spec.startsWith('.') && spec.includes('/core/') && !CORE_ALLOWED.some((ok) => ok.test(spec))) offences.push(`${rel} → ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('would notice an offending import (the check itself works)', () => {
    expect(runtimeImports("import { openDatabase } from '../core/db/open';\nimport type { CounterRouter } from '../core/router/index';")).toEqual(['../core/db/open']);
    expect(FORBIDDEN.test('node:fs')).toBe(true);
  });
});
