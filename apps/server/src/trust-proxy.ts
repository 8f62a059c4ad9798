import { isIP } from 'node:net';
import { z } from 'zod';

/** What Fastify's `trustProxy` gets: nothing trusted, a hop count, or the proxies' addresses and ranges. */
export type TrustProxy = false | number | string[];

/** proxy-addr's names for whole ranges */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function validAddressOrRange(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, extra] = entry.split('/');
  if (extra !== undefined) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: unset or empty trusts no proxy, so `X-Forwarded-For` is ignored and a client cannot choose its
 * address (login limits count per address). A whole number trusts that many proxy hops in front of the server;
 * otherwise a comma-separated list of proxy addresses or CIDR ranges (or loopback, linklocal, uniquelocal).
 */
export const trustProxySchema = z
  .string()
  .optional()
  .transform((raw, ctx): TrustProxy => {
    const value = raw?.trim() ?? '';
    if (value === '') return false;
    if (value === 'true') {
      ctx.addIssue({ code: 'custom', message: "'true' would let any client choose its address; give the number of proxy hops or the proxies' addresses" });
      return z.NEVER;
    }
    if (/^\d+$/.test(value)) {
      const hops = Number(value);
      if (hops >= 1 && hops <= 10) return hops;
      ctx.addIssue({ code: 'custom', message: 'A hop count must be between 1 and 10 (leave TRUST_PROXY unset to trust no proxy)' });
      return z.NEVER;
    }
    const entries = value.split(',').map((e) => e.trim());
    const bad = entries.filter((e) => !validAddressOrRange(e));
    if (bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `Not a hop count, IP address or CIDR range: ${bad.map((b) => JSON.stringify(b)).join(', ')} (e.g. 1, or 10.0.0.0/8,127.0.0.1)`,
      });
      return z.NEVER;
    }
    return entries;
  });

/** Fastify's `trustProxy` option for it (its types take a hop count as a function of the hop). */
export function fastifyTrustProxy(trust: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return trust;
}
