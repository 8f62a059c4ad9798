import { extname, join, normalize, relative, sep, isAbsolute } from 'node:path';

/**
 * The rules behind the window's lock-down, pure so they are tested under Node (`security.ts` wires them into
 * Electron). The renderer is served from `app://counter/` (a privileged custom scheme, not file://), so it has
 * an origin of its own, real response headers (the CSP) and history routing that survives a reload.
 */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://counter';

function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    // custom schemes report origin "null"; build it the same way for both sides of the comparison
    return `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}

/** A page of this app: the packaged renderer, or electron-vite's dev server during `pnpm desktop`. */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  const origin = originOf(url);
  if (origin === null) return false;
  if (origin === APP_ORIGIN) return true;
  return devServerUrl !== undefined && origin === originOf(devServerUrl);
}

/**
 * What the web page may ask the browser for. A till copies a receipt number and goes full screen; it needs no
 * camera, location, MIDI, USB/HID/serial from the page (scanners and printers are driven by the core) or
 * notifications (main sends those).
 */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write', 'fullscreen']);

export function isPermissionAllowed(permission: string, requestingUrl: string, devServerUrl?: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl, devServerUrl);
}

/**
 * Where a link may leave the app for the system browser: the marketplace this counter is configured for (its
 * back office), Stripe's onboarding and dashboard pages (the payouts card opens a Connect onboarding link) and
 * the point of sale's item pages (a bridged product's "Edit in Square").
 * Exact origins only, https for Stripe: a page that was tricked into window.open('file:///…'), a custom
 * protocol handler or any other site gets nothing opened.
 */
const STRIPE_LINK_ORIGINS: readonly string[] = ['https://connect.stripe.com', 'https://dashboard.stripe.com'];
/** "Edit in Square" on a bridged product opens the item in Square's dashboard (live and sandbox accounts). */
const POS_LINK_ORIGINS: readonly string[] = ['https://app.squareup.com', 'https://app.squareupsandbox.com'];

export function isExternalLinkAllowed(url: string, serverUrl: string | undefined): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.username !== '' || u.password !== '') return false;
  if (STRIPE_LINK_ORIGINS.includes(u.origin) || POS_LINK_ORIGINS.includes(u.origin)) return true;
  if (serverUrl === undefined) return false;
  try {
    const server = new URL(serverUrl);
    return (server.protocol === 'https:' || server.protocol === 'http:') && u.origin === server.origin;
  } catch {
    return false;
  }
}

export interface CspOptions {
  /** electron-vite's dev server (HMR needs its websocket and React Refresh's inline preamble) */
  devServerUrl?: string;
  /** the marketplace, whose product images the register shows */
  imageOrigins?: readonly string[];
}

/** Scripts only from the app itself; no eval, plugins, frames or form posts; data only through the IPC bridge. */
export function contentSecurityPolicy(opts: CspOptions = {}): string {
  const images = ["'self'", 'data:', 'blob:', ...(opts.imageOrigins ?? [])];
  const dev = opts.devServerUrl ? originOf(opts.devServerUrl) : null;
  const script = dev ? ["'self'", "'unsafe-inline'", dev] : ["'self'"];
  const connect = dev ? ["'self'", dev, dev.replace(/^http/, 'ws')] : ["'self'"];
  return [
    "default-src 'self'",
    `script-src ${script.join(' ')}`,
    // Mantine sets style attributes and injects <style> tags at run time
    "style-src 'self' 'unsafe-inline'",
    `img-src ${images.join(' ')}`,
    "font-src 'self' data:",
    "media-src 'self' data: blob:",
    `connect-src ${connect.join(' ')}`,
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'self'",
    // the built index.html pins relative asset URLs with <base href="/">
    "base-uri 'self'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The file an `app://counter/...` request reads from the built renderer. Paths without an extension are app
 * routes (history routing) and get index.html; anything outside `rootDir` or on another host is refused (null).
 */
export function resolveAppFile(rootDir: string, requestUrl: string): string | null {
  let u: URL;
  try {
    u = new URL(requestUrl);
  } catch {
    return null;
  }
  if (`${u.protocol}//${u.host}` !== APP_ORIGIN) return null;
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  if (path === '/' || extname(path) === '') return join(rootDir, 'index.html');
  const file = normalize(join(rootDir, path));
  const rel = relative(rootDir, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null;
  return file;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.map': 'application/json',
};

export function contentTypeOf(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}
