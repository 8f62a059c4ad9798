import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

/*
 * Packaging cannot run here (no Electron binary), so the packaging configuration itself is checked: the fuses
 * electron-builder flips in the shipped binary. Dropping one (or switching asar off, which would make
 * onlyLoadAppFromAsar refuse to start the app) fails this test.
 */
const CONFIG = fileURLToPath(new URL('../../../../electron-builder.yml', import.meta.url));

function packagingConfig(): Record<string, unknown> {
  const config: unknown = parse(readFileSync(CONFIG, 'utf8'));
  if (typeof config !== 'object' || config === null) throw new Error('electron-builder.yml is not a mapping');
  return config as Record<string, unknown>;
}

describe('the packaged counter app’s Electron fuses', () => {
  it('cannot be run as Node, fed NODE_OPTIONS or --inspect, and loads only its integrity-checked app.asar', () => {
    expect(packagingConfig().electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });

  it('packs the app into app.asar, which the asar-only fuse needs', () => {
    expect(packagingConfig().asar ?? true).toBe(true);
  });
});
