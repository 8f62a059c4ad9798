import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  contentTypeOf,
  isAppUrl,
  isExternalLinkAllowed,
  isPermissionAllowed,
  resolveAppFile,
} from './security-policy';

const DEV = 'http://localhost:5173';

describe('what the counter window may load and ask for', () => {
  it('treats only the app’s own pages (and the dev server during development) as the app', () => {
    expect(isAppUrl('app://counter/register')).toBe(true);
    expect(isAppUrl('app://counter/index.html#x')).toBe(true);
    expect(isAppUrl('http://localhost:5173/register', DEV)).toBe(true);
    expect(isAppUrl('http://localhost:5173/register')).toBe(false);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('https://makeries.example/')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('http://localhost:5174/', DEV)).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('grants a till’s permissions to the app only, and nothing else to anyone', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://counter/')).toBe(true);
    expect(isPermissionAllowed('fullscreen', 'app://counter/')).toBe(true);
    expect(isPermissionAllowed('fullscreen', 'https://makeries.example/')).toBe(false);
    for (const p of ['media', 'geolocation', 'notifications', 'midi', 'hid', 'serial', 'usb', 'clipboard-read', 'openExternal', 'display-capture']) {
      expect(isPermissionAllowed(p, 'app://counter/')).toBe(false);
    }
  });

  it('opens outside the app only links to the configured marketplace and to Stripe’s onboarding pages', () => {
    const server = 'https://makeries.example';
    expect(isExternalLinkAllowed('https://connect.stripe.com/setup/e/acct_1/abc', server)).toBe(true);
    expect(isExternalLinkAllowed('https://dashboard.stripe.com/login', server)).toBe(true);
    expect(isExternalLinkAllowed('https://makeries.example/vendor/payouts?x=1', server)).toBe(true);
    expect(isExternalLinkAllowed('http://localhost:3000/vendor', 'http://localhost:3000')).toBe(true);
    // a bridged product's "Edit in Square"
    expect(isExternalLinkAllowed('https://app.squareup.com/dashboard/items/library/ITEM123', server)).toBe(true);
    expect(isExternalLinkAllowed('https://app.squareupsandbox.com/dashboard/items/library/ITEM123', server)).toBe(true);
    expect(isExternalLinkAllowed('http://app.squareup.com/dashboard', server)).toBe(false);
    expect(isExternalLinkAllowed('https://app.squareup.com.evil.example/', server)).toBe(false);

    expect(isExternalLinkAllowed('https://evil.example/', server)).toBe(false);
    expect(isExternalLinkAllowed('https://connect.stripe.com.evil.example/setup', server)).toBe(false);
    expect(isExternalLinkAllowed('https://connect.stripe.com@evil.example/', server)).toBe(false);
    expect(isExternalLinkAllowed('https://user@connect.stripe.com/', server)).toBe(false);
    expect(isExternalLinkAllowed('http://connect.stripe.com/setup', server)).toBe(false);
    expect(isExternalLinkAllowed('https://stripe.com.evil.example/', server)).toBe(false);
    // the marketplace on another scheme or port is another origin
    expect(isExternalLinkAllowed('http://makeries.example/', server)).toBe(false);
    expect(isExternalLinkAllowed('https://makeries.example:8443/', server)).toBe(false);
    expect(isExternalLinkAllowed('https://shop.makeries.example/', server)).toBe(false);
    expect(isExternalLinkAllowed('http://localhost:9999/', 'http://localhost:3000')).toBe(false);
    expect(isExternalLinkAllowed('https://makeries.example/', undefined)).toBe(false);
    expect(isExternalLinkAllowed('file:///C:/Windows/system32/calc.exe', server)).toBe(false);
    expect(isExternalLinkAllowed('javascript:alert(1)', server)).toBe(false);
    expect(isExternalLinkAllowed('ms-settings:privacy', server)).toBe(false);
    expect(isExternalLinkAllowed('not a url', server)).toBe(false);
    // a marketplace setting that is not a web address allows nothing (file: URLs all share the "null" origin)
    expect(isExternalLinkAllowed('file:///etc/passwd', 'file:///tmp')).toBe(false);
  });

  it('allows scripts only from the app, with no eval, in the packaged app', () => {
    const csp = contentSecurityPolicy({ imageOrigins: ['https://makeries.example'] });
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("img-src 'self' data: blob: https://makeries.example;");
    expect(csp).toContain("connect-src 'self';");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('lets the dev server’s scripts and HMR websocket through during development only', () => {
    const csp = contentSecurityPolicy({ devServerUrl: DEV });
    expect(csp).toContain("script-src 'self' 'unsafe-inline' http://localhost:5173;");
    expect(csp).toContain("connect-src 'self' http://localhost:5173 ws://localhost:5173;");
  });
});

describe('serving the built renderer from app://counter/', () => {
  const root = join('/opt', 'makeries', 'out', 'renderer');

  it('maps files under the renderer folder and sends app routes to index.html', () => {
    expect(resolveAppFile(root, 'app://counter/')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://counter/assets/index-abc.js')).toBe(join(root, 'assets', 'index-abc.js'));
    expect(resolveAppFile(root, 'app://counter/orders/online?tab=new')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://counter/assets/a%20b.png')).toBe(join(root, 'assets', 'a b.png'));
  });

  it('never serves outside the renderer folder or for another host', () => {
    // the URL parser already folds plain dot segments into the root
    expect(resolveAppFile(root, 'app://counter/../../main/index.js')).toBe(join(root, 'main', 'index.js'));
    expect(resolveAppFile(root, 'app://counter/assets/%2e%2e/%2e%2e/%2e%2e/secret.key')).toBe(join(root, 'secret.key'));
    expect(resolveAppFile(root, 'app://counter/assets/..%2f..%2f..%2fsecret.key')).toBeNull();
    expect(resolveAppFile(root, 'app://counter/%00.js')).toBeNull();
    expect(resolveAppFile(root, 'app://counter/%E0%A4%A.js')).toBeNull();
    expect(resolveAppFile(root, 'app://other/index.html')).toBeNull();
    expect(resolveAppFile(root, 'https://counter/index.html')).toBeNull();
  });

  it('labels what it serves', () => {
    expect(contentTypeOf('index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('a/b.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('x.woff2')).toBe('font/woff2');
    expect(contentTypeOf('x.bin')).toBe('application/octet-stream');
  });
});
