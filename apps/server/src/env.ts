import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { pageCacheEnv } from './http/page-cache/page-cache-env';
import { marketEnv } from './market-env';
import { bridgeEnv } from './services/bridges/bridge-env';
import { pushEnv } from './services/notify/push-env';
import { smsConfig, smsEnv } from './services/notify/sms/sms-env';
import { trustProxySchema } from './trust-proxy';

/** All configuration comes through here, validated once at start. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.url().default('http://localhost:3000'),
  DATABASE_URL: z.url().optional(),
  /** a streaming replica of DATABASE_URL for anonymous search and catalog reads; needs DATABASE_URL */
  DATABASE_READ_URL: z.url().optional(),
  /** relative paths resolve from where the command was typed (pnpm's INIT_CWD), so `./data` is the repo's */
  DATA_DIR: z.string().default('./data'),
  MEDIA_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMTP_URL: z.string().optional(),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  STRIPE_API_BASE: z.url().optional(),
  /** shown to browsers for the Payment Element (pk_…); card checkout needs it with STRIPE_SECRET_KEY */
  STRIPE_PUBLISHABLE_KEY: z.string().optional(),
  /** how long one Stripe API call may take before we treat Stripe as unreachable */
  STRIPE_TIMEOUT_MS: z.coerce.number().int().min(100).default(20_000),
  /** the marketplace's default cut of card payments, in basis points (250 = 2.5%); per-vendor overrides win */
  PLATFORM_FEE_BPS: z.coerce.number().int().min(0).max(10_000).default(500),
  /** signs guest order-tracking links; unset → a random key kept in DATA_DIR/secret.key (shared by instances only via env) */
  APP_SECRET: z.string().min(32, 'APP_SECRET needs at least 32 characters').optional(),
  /** failed logins allowed per (email, IP) per window; also the limit for pairing codes and PINs */
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  LOGIN_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  /** proxies whose X-Forwarded-For is believed: unset = none, a hop count, or addresses/CIDR ranges (see trust-proxy.ts) */
  TRUST_PROXY: trustProxySchema,
  /** sign-in attempts allowed per IP per window, whatever the emails */
  LOGIN_IP_RATE_LIMIT: z.coerce.number().int().min(1).default(100),
  /** failed sign-ins per account per hour before new places are slowed (and, past twice this, refused) */
  LOGIN_ACCOUNT_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
  /** change-feed rows kept this long; a counter offline for longer re-downloads its catalog when it returns */
  /** development and the counter's test server only: a shop that registers is approved at once (refused in production) */
  AUTO_APPROVE_SHOPS: z.enum(['on', 'off']).default('off'),
  CHANGE_LOG_RETENTION_DAYS: z.coerce.number().int().min(1, 'Keep the change log at least 1 day').default(30),
  ...marketEnv,
  ...pageCacheEnv,
  ...bridgeEnv,
  ...pushEnv,
  ...smsEnv,
});

export type Env = z.infer<typeof envSchema> & { mediaDir: string; serverDataDir: string; appSecret: string };

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const e = parsed.data;
  if (e.AUTO_APPROVE_SHOPS === 'on' && e.NODE_ENV === 'production') {
    throw new Error('Invalid configuration:\n  AUTO_APPROVE_SHOPS: only for development and tests; in production an operator approves each shop');
  }
  if (Boolean(e.VAPID_PUBLIC_KEY) !== Boolean(e.VAPID_PRIVATE_KEY)) {
    throw new Error('Invalid configuration:\n  VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY: set both (a key pair) or neither (a pair is kept in DATA_DIR)');
  }
  if (e.DATABASE_READ_URL && !e.DATABASE_URL) {
    throw new Error('Invalid configuration:\n  DATABASE_READ_URL: a read replica needs DATABASE_URL (its primary) to be set too');
  }
  smsConfig(e); // all three SMS settings or none
  const base = source.INIT_CWD ?? process.cwd();
  const dataDir = resolve(base, e.DATA_DIR);
  return {
    ...e,
    DATA_DIR: dataDir,
    mediaDir: resolve(base, e.MEDIA_DIR ?? `${dataDir}/media`),
    serverDataDir: resolve(dataDir, 'server'),
    appSecret: e.APP_SECRET ?? localSecret(resolve(dataDir, 'secret.key')),
  };
}

/** A per-install random secret for single-instance setups, created on first start. */
function localSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
  return secret;
}
