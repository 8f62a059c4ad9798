/**
 * Input mutations for the fuzzer: a seeded PRNG and nasty variants of a valid sample — wrong types, control
 * characters, huge strings and arrays, prototype keys, money edge cases. Deterministic for a seed, so a failure
 * printed with its seed replays exactly. Not a test file itself.
 */

/** the shared seeded generator (mulberry32): small, fast, good enough to pick cases */
export { mulberry32 as prng } from '@makeries/shared';

/** A stable 32-bit hash of a string, to give every procedure its own stream of cases under one seed. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

type Rand = () => number;
const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

const HUGE_STRING_LENGTH = 100_000;
const HUGE_ARRAY_LENGTH = 10_000;

/** Money and count edge cases: negative, fractional, past int32 and the safe integers, NaN in every form. */
const NUMBERS: readonly unknown[] = [-1, 0.5, 1e308, 2 ** 31, 2 ** 53, NaN, Infinity, -Infinity, -0, 'NaN', '12', '1e3', -100_000_001];
/** In-range but extreme: the largest amounts and counts a schema may still accept (sums overflow int32 columns). */
const BIG_VALID: readonly number[] = [100_000_000, 99_999_999, 2 ** 31 - 1, 1_000_000, 100_000, 10_000, 0];
/** Text that passes validation but is special somewhere: LIKE and full-text syntax, quotes, paths, markup, Unicode. */
const TRICKY: readonly string[] = [
  '%', '_', '\\', "'", '"', 'a:*', '!(&|)', '<->', 'bread & !jam | (', '🙂🥐', 'e\u0301', 'ＡＢＣ', 'İß', '  ', 'null', 'NaN',
  '../../etc/passwd', '<script>alert(1)</script>', '$1', '?', '*', '0x10', '1e999',
];
const CONTROL = ['\u0000', '\u001b', '\u202e', '\u2028', '\ud800'] as const;

function wrongType(rand: Rand): unknown {
  return pick(rand, [null, true, 0, '', [], {}, 'x', [null], { length: 1 }, undefined]);
}

function protoObject(rand: Rand): Record<string, unknown> {
  return pick(rand, [
    JSON.parse('{"__proto__": {"polluted": "yes", "role": "owner", "vendorId": "00000000-0000-7000-8000-000000000000"}}') as Record<string, unknown>,
    { constructor: { prototype: { polluted: 'yes' } } },
    { prototype: { polluted: 'yes' } },
    JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}, "__proto__": null}') as Record<string, unknown>,
  ]);
}

/** Paths to every value inside `v` (objects and arrays), the root included as []. */
function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (out.length > 400) return out;
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

function getAt(v: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string | number, unknown>)[k] : undefined), v);
}

/** A copy of `v` with the value at `path` replaced (or the key deleted when `value` is DELETE). */
const DELETE = Symbol('delete');
function setAt(v: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy: Record<string | number, unknown> = Array.isArray(v) ? [...(v as unknown[])] as never : { ...(v as Record<string, unknown>) };
  // a copy without the key (drop-key only picks paths ending in an object's key); own keys keep their order
  if (rest.length === 0 && value === DELETE) return Object.fromEntries(Object.entries(copy).filter(([k]) => k !== String(head)));
  copy[head] = setAt(copy[head], rest, value);
  return copy;
}

export interface Mutation {
  kind: string;
  input: unknown;
  /** where, for the failure message */
  at: string;
}

const KINDS = ['wrong-type', 'control', 'huge-string', 'huge-array', 'proto', 'number', 'big-number', 'tricky-text', 'drop-key', 'whole'] as const;

/** One mutated variant of `sample`. */
export function mutate(sample: unknown, rand: Rand): Mutation {
  const all = paths(sample);
  const kind = pick(rand, KINDS);
  const strings = all.filter((p) => typeof getAt(sample, p) === 'string');
  const numbers = all.filter((p) => typeof getAt(sample, p) === 'number');
  const objects = all.filter((p) => { const x = getAt(sample, p); return x !== null && typeof x === 'object' && !Array.isArray(x); });
  const arrays = all.filter((p) => Array.isArray(getAt(sample, p)));
  const leafOr = (xs: (string | number)[][]) => (xs.length > 0 ? pick(rand, xs) : pick(rand, all));
  const done = (path: (string | number)[], value: unknown): Mutation => ({ kind, input: setAt(sample, path, value), at: path.join('.') || '(root)' });
  switch (kind) {
    case 'wrong-type':
      return done(pick(rand, all), wrongType(rand));
    case 'control': {
      const p = leafOr(strings);
      const s = getAt(sample, p);
      const base = typeof s === 'string' ? s : 'x';
      const c = pick(rand, CONTROL);
      return done(p, rand() < 0.5 ? `${base}${c}` : `${c}${base}${c}`);
    }
    case 'huge-string':
      return done(leafOr(strings), pick(rand, ['a', 'é', '\u0000', '🙂']).repeat(HUGE_STRING_LENGTH));
    case 'huge-array': {
      const p = leafOr(arrays);
      const x = getAt(sample, p);
      const one: unknown = Array.isArray(x) && x.length > 0 ? x[0] : 'x';
      return done(p, Array.from({ length: HUGE_ARRAY_LENGTH }, () => one));
    }
    case 'proto': {
      const p = leafOr(objects);
      const x = getAt(sample, p);
      const extra = protoObject(rand);
      const merged = x && typeof x === 'object' && !Array.isArray(x) ? Object.assign(JSON.parse(JSON.stringify(x)) as object, extra) : extra;
      // keep an own "__proto__" key as JSON.parse makes one (Object.assign would set the prototype instead)
      if ('__proto__' in extra && Object.prototype.hasOwnProperty.call(extra, '__proto__')) {
        Object.defineProperty(merged, '__proto__', { value: extra.__proto__, enumerable: true, writable: true, configurable: true });
      }
      return done(p, merged);
    }
    case 'number':
      return done(leafOr(numbers), pick(rand, NUMBERS));
    case 'big-number':
      return done(leafOr(numbers), pick(rand, BIG_VALID));
    case 'tricky-text': {
      const p = leafOr(strings);
      const s = getAt(sample, p);
      const t = pick(rand, TRICKY);
      return done(p, typeof s === 'string' && rand() < 0.5 ? `${s}${t}` : t);
    }
    case 'drop-key': {
      const keyed = all.filter((p) => p.length > 0 && typeof p[p.length - 1] === 'string');
      return keyed.length > 0 ? done(pick(rand, keyed), DELETE) : done([], undefined);
    }
    case 'whole':
      return done([], pick(rand, [undefined, null, 'x'.repeat(HUGE_STRING_LENGTH), [], 42, protoObject(rand), JSON.parse('{"__proto__":{"admin":true}}')]));
  }
}
