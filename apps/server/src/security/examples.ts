import { uuidv7 } from '@makeries/shared';

/**
 * A valid-looking example value for a zod (v4) input schema, for the authorization matrix and the fuzzer: walks
 * the schema's definition (objects, strings with their formats and lengths, numbers with their bounds, enums,
 * unions, arrays…) and fills fields named like an id from `hints` (e.g. `productId` → a real product of the
 * test shop). Regex-only strings it cannot satisfy come out as plain text; a table of samples covers those
 * procedures. Not a test file itself.
 */

interface Def {
  type: string;
  format?: string;
  checks?: { _zod: { def: CheckDef } }[];
  shape?: Record<string, Schema>;
  element?: Schema;
  innerType?: Schema;
  options?: Schema[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  in?: Schema;
  out?: Schema;
  keyType?: Schema;
  valueType?: Schema;
  items?: Schema[];
  left?: Schema;
  right?: Schema;
  getter?: () => Schema;
  defaultValue?: unknown;
}
interface CheckDef {
  check: string;
  value?: number;
  inclusive?: boolean;
  minimum?: number;
  maximum?: number;
  length?: number;
  format?: string;
  pattern?: RegExp;
}
interface Schema {
  _zod: { def: Def };
}

export type Hints = Readonly<Record<string, unknown>>;

/** `plain`: short ordinary values; `max`: every string, number and array at the largest its schema accepts. */
export type ExampleMode = 'plain' | 'max';

const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && '_zod' in v;

function checksOf(def: Def): CheckDef[] {
  return (def.checks ?? []).map((c) => c._zod.def);
}

function exampleString(def: Def, key: string, mode: ExampleMode): string {
  const checks = checksOf(def);
  const format = def.format ?? checks.find((c) => c.check === 'string_format')?.format;
  const pattern = checks.find((c) => c.pattern)?.pattern;
  if (format === 'uuid' || format === 'guid') return uuidv7();
  if (format === 'email') return `fuzz-${uuidv7().slice(-8)}@example.test`;
  if (format === 'url') return 'https://example.test/back';
  if (format === 'datetime') return new Date().toISOString();
  if (format === 'date') return new Date().toISOString().slice(0, 10);
  if (pattern) {
    const p = String(pattern);
    if (p.includes('\\d{4,8}')) return '1234';
    if (p.includes('[A-Z]{3}')) return 'GBP';
    if (p.includes('[a-z0-9]+(?:-[a-z0-9]+)*')) return `shop-${uuidv7().slice(-8)}`;
    if (/^\/\^\\d/.test(p)) return '123456';
  }
  let min = 0;
  let max = 200;
  for (const c of checks) {
    if (c.check === 'min_length' && c.minimum !== undefined) min = c.minimum;
    if (c.check === 'max_length' && c.maximum !== undefined) max = c.maximum;
    if (c.check === 'length_equals' && c.length !== undefined) min = max = c.length;
  }
  if (mode === 'max' && max < 10_000 && !/country/i.test(key)) return 'é'.repeat(Math.max(min, max));
  if (/password/i.test(key)) return 'correct horse battery staple'.slice(0, Math.max(min, Math.min(max, 28)));
  if (/country/i.test(key)) return 'GB';
  const base = `sample ${key || 'text'}`;
  const s = base.length >= min ? base : base.padEnd(min, 'x');
  return s.slice(0, Math.max(min, Math.min(max, s.length)));
}

function exampleNumber(def: Def, mode: ExampleMode): number {
  let lo = -Infinity;
  let hi = Infinity;
  let int = def.format === 'safeint' || def.format === 'int32';
  for (const c of checksOf(def)) {
    if (c.check === 'number_format') int = true;
    if (c.check === 'greater_than' && c.value !== undefined) lo = Math.max(lo, c.inclusive ? c.value : c.value + (int ? 1 : 0.001));
    if (c.check === 'less_than' && c.value !== undefined) hi = Math.min(hi, c.inclusive ? c.value : c.value - (int ? 1 : 0.001));
  }
  const want = mode === 'max' ? (Number.isFinite(hi) ? hi : int ? Number.MAX_SAFE_INTEGER : 1e308) : 1;
  if (want >= lo && want <= hi) return want;
  return Number.isFinite(lo) ? lo : hi;
}

/** A valid example for `schema`; `key` is the field name it sits under (for hints and plausible text). */
export function exampleOf(schema: unknown, hints: Hints = {}, key = '', depth = 0, mode: ExampleMode = 'plain'): unknown {
  if (!isSchema(schema) || depth > 12) return undefined;
  const def = schema._zod.def;
  if (key && key in hints && def.type !== 'object' && def.type !== 'array') return hints[key];
  switch (def.type) {
    case 'string':
      return exampleString(def, key, mode);
    case 'number':
      return exampleNumber(def, mode);
    case 'int':
      return 1;
    case 'bigint':
      return 1n;
    case 'boolean':
      return false;
    case 'date':
      return new Date();
    case 'null':
      return null;
    case 'undefined':
    case 'void':
      return undefined;
    case 'any':
    case 'unknown':
      return 'sample';
    case 'literal':
      return def.values?.[0];
    case 'enum':
      return Object.values(def.entries ?? {})[0];
    case 'optional':
    case 'nullable':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
    case 'prefault':
      return exampleOf(def.innerType, hints, key, depth + 1, mode);
    case 'default':
      return exampleOf(def.innerType, hints, key, depth + 1, mode);
    case 'pipe':
      return exampleOf(def.in, hints, key, depth + 1, mode);
    case 'transform':
      return undefined;
    case 'lazy':
      return exampleOf(def.getter?.(), hints, key, depth + 1, mode);
    case 'union':
      return exampleOf(def.options?.[0], hints, key, depth + 1, mode);
    case 'intersection': {
      const l = exampleOf(def.left, hints, key, depth + 1, mode);
      const r = exampleOf(def.right, hints, key, depth + 1, mode);
      return typeof l === 'object' && typeof r === 'object' ? { ...(l as object), ...(r as object) } : l;
    }
    case 'tuple':
      return (def.items ?? []).map((s, i) => exampleOf(s, hints, `${key}.${i}`, depth + 1, mode));
    case 'array': {
      const min = checksOf(def).find((c) => c.check === 'min_length')?.minimum ?? 1;
      const max = checksOf(def).find((c) => c.check === 'max_length')?.maximum ?? 100;
      return Array.from({ length: mode === 'max' ? Math.min(max, 100) : Math.max(1, min) }, () => exampleOf(def.element, hints, singular(key), depth + 1, mode));
    }
    case 'record':
      return {};
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, s] of Object.entries(def.shape ?? {})) {
        const optional = s._zod.def.type === 'optional';
        if (optional && !(k in hints) && mode === 'plain') continue;
        out[k] = exampleOf(s, hints, k, depth + 1, mode);
      }
      return out;
    }
    default:
      return undefined;
  }
}

/** `variantIds` → `variantId`, so an array of ids takes the same hint as one id. */
function singular(key: string): string {
  return key.endsWith('Ids') ? key.slice(0, -1) : key;
}
