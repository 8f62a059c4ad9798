import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { AppError } from '@makeries/shared';
import type { Env } from '../../env';

/** What a connection needs to call its POS: sealed into `pos_connections.credentials_enc`. */
export interface PosCredentials {
  accessToken: string;
  refreshToken: string | null;
  /** ISO time the access token stops working (Square: 30 days after it was issued) */
  expiresAt: string | null;
}

const VERSION = 'v1';

/** The 32-byte key: POS_TOKEN_KEY (base64), else derived from APP_SECRET so a single install works untouched. */
export function tokenKey(env: Pick<Env, 'POS_TOKEN_KEY' | 'appSecret'>): Buffer {
  if (env.POS_TOKEN_KEY) {
    const key = Buffer.from(env.POS_TOKEN_KEY, 'base64');
    if (key.length !== 32) throw new Error('POS_TOKEN_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32).');
    return key;
  }
  return Buffer.from(hkdfSync('sha256', env.appSecret, 'makeries', 'pos-token-key', 32));
}

/** AES-256-GCM with a fresh 12-byte nonce: `v1.<nonce>.<tag>.<ciphertext>` (base64url parts). */
export function sealCredentials(key: Buffer, creds: PosCredentials): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(creds), 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

export function openCredentials(key: Buffer, sealed: string): PosCredentials {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || !body) throw new AppError('INTERNAL', 'The stored point-of-sale credentials are unreadable.');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const text = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    return JSON.parse(text) as PosCredentials;
  } catch {
    // a changed POS_TOKEN_KEY / APP_SECRET: the owner has to connect again
    throw new AppError('INTERNAL', 'The stored point-of-sale credentials cannot be opened with this server’s key. Connect the point of sale again.');
  }
}

/** OAuth `state` values are stored only as this hash. */
export function stateHash(state: string): string {
  return createHash('sha256').update(state).digest('base64url');
}
