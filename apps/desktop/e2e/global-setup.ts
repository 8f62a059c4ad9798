import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** the counter UI built for this run, served by the headless counter under test */
    uiDir: string;
  }
}

/** Builds the renderer once for the whole run, into a temp folder (a developer's dist-renderer stays as it is). */
export default async function setup(project: TestProject): Promise<() => void> {
  const outDir = mkdtempSync(join(tmpdir(), 'counter-ui-build-'));
  await build({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, reportCompressedSize: false },
  });
  project.provide('uiDir', outDir);
  return () => rmSync(outDir, { recursive: true, force: true });
}
