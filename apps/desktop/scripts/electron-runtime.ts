import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The Electron binary, when this machine has it: the `electron` package's main export is the binary's path, and it
 * throws when the download was skipped (ELECTRON_SKIP_BINARY_DOWNLOAD=1). `MAKERIES_BROWSER=1` forces browser mode;
 * so does a Linux session without a display, where the window could not open.
 */
export function electronBinary(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.MAKERIES_BROWSER === '1') return null;
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
  try {
    const path: unknown = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}
