import { z } from 'zod';
import { uuidSchema } from './common';
import { text } from './text';

/**
 * Web push subscriptions (issue 18): what a browser's `PushSubscription.toJSON()` gives, checked before anything
 * is stored. The endpoint is the push service's URL for this device (https; plain http only on this machine, for
 * tests and development — the server refuses even that in production); the keys are the browser's P-256 public
 * key (65 bytes, uncompressed) and its 16-byte auth secret, base64url without padding.
 */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export function pushEndpointProblem(endpoint: string): string | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'That is not a push service address';
  }
  if (url.username || url.password) return 'A push service address has no user name or password';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return null;
  return 'A push service address must start with https://';
}

export const isLoopbackPushEndpoint = (endpoint: string): boolean => {
  try {
    const url = new URL(endpoint);
    return url.protocol === 'http:' && LOOPBACK.has(url.hostname);
  } catch {
    return false;
  }
};

const base64url = (bytes: number, what: string) =>
  z
    .string({ error: `${what} is missing` })
    .regex(new RegExp(`^[A-Za-z0-9_-]{${String(Math.ceil((bytes * 4) / 3))}}={0,2}$`), `${what} must be ${String(bytes)} bytes in base64url`)
    .transform((s) => s.replace(/=+$/, ''));

export const pushEndpointSchema = z
  .string({ error: 'The push service address is missing' })
  .max(2048, 'That push service address is too long')
  .superRefine((s, ctx) => {
    const problem = pushEndpointProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const pushKeysSchema = z.object({
  p256dh: base64url(65, 'The device key (p256dh)').refine((s) => s.startsWith('B'), 'The device key (p256dh) must be an uncompressed P-256 point'),
  auth: base64url(16, 'The auth secret'),
});

const trackingTokenSchema = text({ min: 10, max: 200, trim: false, label: 'Tracking links' });

/** Subscribe this device: a signed-in customer's account, and/or the order a guest placed (proved by its tracking token). */
export const pushSubscribeInput = z
  .object({
    endpoint: pushEndpointSchema,
    keys: pushKeysSchema,
    orderId: uuidSchema.optional(),
    trackingToken: trackingTokenSchema.optional(),
  })
  .refine((v) => (v.trackingToken === undefined) || v.orderId !== undefined, { error: 'A tracking link belongs to an order', path: ['orderId'] });
export type PushSubscribeInput = z.infer<typeof pushSubscribeInput>;

/** Turn push off on this device (no orderId), or stop following one order on it. The endpoint itself is the proof. */
export const pushUnsubscribeInput = z.object({ endpoint: pushEndpointSchema, orderId: uuidSchema.optional() });
export type PushUnsubscribeInput = z.infer<typeof pushUnsubscribeInput>;

/** What the server holds for this device: whether it is subscribed, to the signed-in account, and to the order asked about. */
export const pushDeviceInput = z.object({ endpoint: pushEndpointSchema, orderId: uuidSchema.optional() });

export interface PushDeviceState {
  subscribed: boolean;
  /** the device belongs to the signed-in customer asking */
  account: boolean;
  /** the device follows the order asked about (or it is the signed-in customer's own order) */
  order: boolean;
}

/** The payload a push carries to the service worker (apps/web/public/sw.js). */
export interface PushPayload {
  title: string;
  body: string;
  url: string;
  tag: string;
  icon?: string;
}
