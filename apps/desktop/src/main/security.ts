import { readFile } from 'node:fs/promises';
import { app, protocol, session, shell } from 'electron';
import { MEDIA_PREFIX, type MediaCache } from '../core/server/media-cache';
import { APP_SCHEME, contentTypeOf, isAppUrl, isExternalLinkAllowed, isPermissionAllowed, resolveAppFile } from './security-policy';

/** Must run before `app.whenReady()`: app:// behaves like https (its own origin, fetch, a secure context). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
}

/**
 * Serves the built renderer on app://counter/ with the CSP on every response, and product photos on
 * app://counter/media/ from the counter's own cache (fetched from the marketplace once), so img-src stays 'self'.
 */
export function serveRenderer(rootDir: string, csp: string, media: MediaCache): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const path = new URL(request.url).pathname;
    if (path.startsWith(MEDIA_PREFIX)) {
      const photo = await media.get(path.slice(MEDIA_PREFIX.length));
      if (photo.status !== 200) return new Response(photo.message, { status: photo.status });
      return new Response(new Uint8Array(photo.body), { headers: { 'content-type': photo.type, 'x-content-type-options': 'nosniff' } });
    }
    const file = resolveAppFile(rootDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: { 'content-type': contentTypeOf(file), 'content-security-policy': csp, 'x-content-type-options': 'nosniff' },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}

/**
 * No remote content, no surprises: pages may only be the app's own, new windows never open (links to the
 * configured marketplace and to Stripe go to the system browser, nothing else does), no <webview>, and the page
 * gets only the permissions a till needs.
 */
export function lockDown(opts: { csp: string; serverUrl: string; devServerUrl?: string }): void {
  const dev = opts.devServerUrl;
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => callback(isPermissionAllowed(permission, details.requestingUrl, dev)));
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin, dev));
  // HID, serial and USB devices belong to the core (scanners, printers, drawer), never to the page
  ses.setDevicePermissionHandler(() => false);
  if (dev) {
    // the dev server's responses carry no CSP of their own; the packaged app gets it from serveRenderer
    ses.webRequest.onHeadersReceived({ urls: [`${new URL(dev).origin}/*`] }, (details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [opts.csp] } });
    });
  }

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => {
      if (!isAppUrl(event.url, dev)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => {
      if (!isAppUrl(event.url, dev)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isExternalLinkAllowed(url, opts.serverUrl)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}
