import { availableParallelism } from 'node:os';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { verifyPin } from './pin-hash';

/*
 * Which of the mirrored PIN hashes does a typed PIN open? Unlocking by PIN alone checks it against every active
 * staff member's scrypt hash: ~110 ms each on a quiet 2-core till (32 MB apiece), so 10 staff took 1.1 s one
 * after another and 0.6 s side by side on libuv's pool. So each stored hash remembers, in memory only, an HMAC
 * (under a key born with the process) of the PIN that opened it and of a few PINs it refused: once a person has
 * unlocked, their next unlock costs microseconds, not ten scrypts. A new hash (a changed PIN) starts unknown.
 */

const PROCESS_KEY = randomBytes(32);
interface Known {
  opens: Buffer | null;
  /** hex tags of PINs this hash refused, oldest first */
  refuses: Set<string>;
}
const known = new Map<string, Known>();
const MAX_HASHES = 1000;
const MAX_REFUSED_PER_HASH = 32;
/** side by side, but no more at once than the machine has cores: each scrypt holds 32 MB */
const PARALLEL = Math.max(1, Math.min(4, availableParallelism()));

function tagOf(pin: string): Buffer {
  return createHmac('sha256', PROCESS_KEY).update(pin).digest();
}

function entry(hash: string): Known {
  let k = known.get(hash);
  if (!k) {
    if (known.size >= MAX_HASHES) {
      const oldest = known.keys().next();
      if (!oldest.done) known.delete(oldest.value);
    }
    k = { opens: null, refuses: new Set() };
    known.set(hash, k);
  }
  return k;
}

function remember(hash: string, tag: Buffer, ok: boolean): void {
  const k = entry(hash);
  if (ok) {
    k.opens = tag;
    return;
  }
  if (k.refuses.size >= MAX_REFUSED_PER_HASH) {
    const oldest = k.refuses.values().next();
    if (!oldest.done) k.refuses.delete(oldest.value);
  }
  k.refuses.add(tag.toString('hex'));
}

async function opens(pin: string, tag: Buffer, hash: string): Promise<boolean> {
  const k = known.get(hash);
  // the one PIN that opens this hash is known: any other PIN does not
  if (k?.opens) return timingSafeEqual(k.opens, tag);
  if (k?.refuses.has(tag.toString('hex'))) return false;
  const ok = await verifyPin(pin, hash);
  remember(hash, tag, ok);
  return ok;
}

/** True when `pin` opens `hash`. */
export function pinOpens(pin: string, hash: string): Promise<boolean> {
  return opens(pin, tagOf(pin), hash);
}

/** The candidates whose hash `pin` opens, in their original order. */
export async function whoseHashOpens<T extends { pinHash: string }>(pin: string, candidates: readonly T[]): Promise<T[]> {
  const tag = tagOf(pin);
  const hits: boolean[] = new Array<boolean>(candidates.length).fill(false);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < candidates.length) {
      const i = next++;
      const c = candidates[i];
      if (c) hits[i] = await opens(pin, tag, c.pinHash);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, candidates.length) }, worker));
  return candidates.filter((_, i) => hits[i]);
}
