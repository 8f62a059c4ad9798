import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import type { Env } from '../env';

/** Stripe.js and its Payment Element frames, allowed only when card payments are configured. */
const STRIPE_JS = 'https://js.stripe.com';
const STRIPE_HOOKS = 'https://hooks.stripe.com';
const STRIPE_API = 'https://api.stripe.com';

/** Answers that are data, not pages (tRPC, health, webhooks, media, live streams, sync, desktop updates). */
const API_ROUTE = /^\/(trpc|healthz|webhooks|media|live|sync|updates)(\/|$)/;

export const PERMISSIONS_POLICY = `camera=(), microphone=(), geolocation=(self), payment=(self "${STRIPE_JS}")`;

const nonces = new WeakMap<IncomingMessage, string>();

/**
 * The per-request nonce that lets the page's own inline scripts run (React Router's hydration data); every
 * other inline script is refused. The same value is put in the page's CSP and on the page's script tags.
 */
export function scriptNonce(raw: IncomingMessage): string {
  let nonce = nonces.get(raw);
  if (!nonce) {
    nonce = randomBytes(16).toString('base64');
    nonces.set(raw, nonce);
  }
  return nonce;
}

/** The storefront pages' Content-Security-Policy directives. */
function pageCspDirectives(env: Env): Record<string, Iterable<string | ((req: IncomingMessage) => string)>> {
  const stripe = Boolean(env.STRIPE_PUBLISHABLE_KEY);
  const https = env.PUBLIC_URL.startsWith('https://');
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'object-src': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'script-src': ["'self'", (req) => `'nonce-${scriptNonce(req)}'`, ...(stripe ? [STRIPE_JS] : [])],
    // 'unsafe-inline' for styles only: Mantine and React render style="" attributes (style props, CSS variables),
    // which a nonce cannot cover; scripts stay locked to self + nonce, so injected CSS cannot run code
    'style-src': ["'self'", "'unsafe-inline'"],
    // product pictures come from our own /media; Mantine and the icons use data: URIs
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...(stripe ? [STRIPE_API] : [])],
    'frame-src': stripe ? [STRIPE_JS, STRIPE_HOOKS] : ["'none'"],
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/**
 * A shared (cached) page's CSP: one copy serves everyone, so it cannot carry a per-request nonce; its inline
 * scripts are allowed by their sha256 hashes instead (computed from the rendered HTML, stored with the copy).
 */
export function sharedPageCsp(env: Env, scriptHashes: readonly string[]): string {
  const directives = pageCspDirectives(env);
  const stripe = Boolean(env.STRIPE_PUBLISHABLE_KEY);
  directives['script-src'] = ["'self'", ...scriptHashes.map((h) => `'sha256-${h}'`), ...(stripe ? [STRIPE_JS] : [])];
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...[...sources].filter((s): s is string => typeof s === 'string')].join(' '))
    .join('; ');
}

/** API answers are never pages: nothing may load from them or frame them. */
const API_CSP = { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"], 'base-uri': ["'none'"], 'form-action': ["'none'"] };

/**
 * Security headers on every answer through @fastify/helmet: the storefront's CSP (with Stripe's origins when
 * card payments are configured), a locked-down CSP on API answers, nosniff, Referrer-Policy, frame denial,
 * HSTS when PUBLIC_URL is https, and a Permissions-Policy (which helmet does not set). Register before routes.
 */
export async function registerSecurityHeaders(app: FastifyInstance, env: Env): Promise<void> {
  const https = env.PUBLIC_URL.startsWith('https://');
  // route-level helmet options for API routes; runs before helmet's own onRoute hook, which reads them
  app.addHook('onRoute', (route) => {
    if (route.helmet !== undefined || !API_ROUTE.test(route.url)) return;
    route.helmet = {
      contentSecurityPolicy: { useDefaults: false, directives: API_CSP },
      // uploaded pictures are public and immutable: other sites and mail clients may show them
      ...(route.url.startsWith('/media') ? { crossOriginResourcePolicy: { policy: 'cross-origin' as const } } : {}),
    };
  });
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: pageCspDirectives(env) },
    // Stripe's wallets and bank redirects may open pop-ups that must keep talking to the checkout
    crossOriginOpenerPolicy: { policy: 'same-origin-allow-popups' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    frameguard: { action: 'deny' },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  app.addHook('onRequest', async (_req, reply) => {
    reply.header('permissions-policy', PERMISSIONS_POLICY);
  });
}
