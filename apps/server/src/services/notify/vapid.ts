import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import webpush from 'web-push';
import type { Env } from '../../env';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

const cache = new WeakMap<Env, VapidKeys>();

function isPair(v: unknown): v is { publicKey: string; privateKey: string } {
  return typeof v === 'object' && v !== null && typeof (v as { publicKey?: unknown }).publicKey === 'string' && typeof (v as { privateKey?: unknown }).privateKey === 'string';
}

/**
 * The pair kept in DATA_DIR/vapid.json when the environment sets none: generated on first start, written to a
 * temporary file and linked into place (atomic, and a second process starting at the same moment keeps the
 * first one's pair), so every restart signs with the keys browsers subscribed with.
 */
function localPair(dataDir: string): { publicKey: string; privateKey: string } {
  const file = join(dataDir, 'vapid.json');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const tmp = join(dataDir, `.vapid-${randomBytes(6).toString('hex')}.json`);
    writeFileSync(tmp, JSON.stringify(webpush.generateVAPIDKeys()), { mode: 0o600 });
    try {
      linkSync(tmp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      unlinkSync(tmp);
    }
  }
  const pair: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isPair(pair)) throw new Error(`${file} is not a VAPID key pair; delete it to have a new pair made (subscribed browsers must then subscribe again)`);
  return pair;
}

/** The server's VAPID keys and subject: from VAPID_* when set, else the local pair (see localPair). */
export function vapidKeys(env: Env): VapidKeys {
  const known = cache.get(env);
  if (known) return known;
  const pair = env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY ? { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY } : localPair(env.DATA_DIR);
  const subject = env.VAPID_SUBJECT ?? (env.PUBLIC_URL.startsWith('https://') ? env.PUBLIC_URL.replace(/\/+$/, '') : 'mailto:push@makeries.invalid');
  const keys = { ...pair, subject };
  cache.set(env, keys);
  return keys;
}
