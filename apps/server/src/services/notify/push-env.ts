import { z } from 'zod';

const key = (bytes: number, name: string) =>
  z
    .string()
    .trim()
    .regex(new RegExp(`^[A-Za-z0-9_-]{${String(Math.ceil((bytes * 4) / 3))}}$`), `${name} must be a ${String(bytes)}-byte key in base64url without "=" (npx web-push generate-vapid-keys)`)
    .optional();

/**
 * Web push (VAPID, RFC 8292), spread into env.ts. Unset keys: a pair is generated on first start and kept in
 * DATA_DIR/vapid.json, so a development server pushes out of the box and browsers' subscriptions survive restarts
 * (several instances sharing a database must share the keys through these variables).
 */
export const pushEnv = {
  /** the application server key browsers subscribe with (65-byte P-256 public key, base64url) */
  VAPID_PUBLIC_KEY: key(65, 'VAPID_PUBLIC_KEY'),
  /** its private half (32 bytes, base64url); keep it secret */
  VAPID_PRIVATE_KEY: key(32, 'VAPID_PRIVATE_KEY'),
  /** who push services contact about our pushes: a mailto: address or an https: URL; unset → PUBLIC_URL if https, else a placeholder */
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:\S+@\S+|https:\/\/\S+)$/, 'VAPID_SUBJECT is a mailto: address or an https:// URL')
    .optional(),
};
