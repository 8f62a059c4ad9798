import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

/*
 * The server's secret format, `scrypt$N$r$p$saltB64$hashB64` (apps/server/src/services/tokens.ts). PIN hashes
 * are mirrored to the counter so staff can sign in offline; the parameters travel with each hash.
 */
const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, keylen: number, opts: object) => Promise<Buffer>;
const MAXMEM = 64 * 1024 * 1024;
const DEFAULT = { N: 1 << 15, r: 8, p: 1 };

export async function hashPin(pin: string, params: { N: number; r: number; p: number } = DEFAULT): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(pin, salt, 32, { ...params, maxmem: MAXMEM });
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** False for a wrong PIN and for anything that is not a hash in the expected format. */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, saltB64, keyB64] = parts as [string, string, string, string, string, string];
  const N = Number(n);
  const R = Number(r);
  const P = Number(p);
  if (![N, R, P].every((x) => Number.isSafeInteger(x) && x > 0)) return false;
  const expected = Buffer.from(keyB64, 'base64');
  if (expected.length === 0) return false;
  try {
    const key = await scrypt(pin, Buffer.from(saltB64, 'base64'), expected.length, { N, r: R, p: P, maxmem: MAXMEM });
    return key.length === expected.length && timingSafeEqual(key, expected);
  } catch {
    return false;
  }
}
