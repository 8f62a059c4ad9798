/** Stripe's form encoding (`a[b][0]=x`) → nested plain objects; all-numeric keys become arrays. */
type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type Params = Record<string, FormValue>;

function keyPath(key: string): string[] {
  const first = key.indexOf('[');
  if (first < 0) return [key];
  const head = key.slice(0, first);
  const rest = [...key.slice(first).matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? '');
  return [head, ...rest];
}

type Tree = { [key: string]: Tree | string };

function arrayify(node: Tree | string): FormValue {
  if (typeof node === 'string') return node;
  const keys = Object.keys(node);
  const converted: Record<string, FormValue> = {};
  for (const k of keys) converted[k] = arrayify(node[k] as Tree | string);
  if (keys.length > 0 && keys.every((k) => /^\d*$/.test(k))) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((k) => converted[k] as FormValue);
  }
  return converted;
}

export function parseForm(body: string): Params {
  const root: Tree = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const path = keyPath(rawKey);
    let node = root;
    path.forEach((part, i) => {
      const slot = part === '' ? String(Object.keys(node).length) : part;
      if (i === path.length - 1) {
        node[slot] = value;
        return;
      }
      const next = node[slot];
      if (typeof next === 'object') node = next;
      else {
        const created: Tree = {};
        node[slot] = created;
        node = created;
      }
    });
  }
  return arrayify(root) as Params;
}

export function str(p: Params, key: string): string | undefined {
  const v = p[key];
  return typeof v === 'string' ? v : undefined;
}

export function int(p: Params, key: string): number | undefined {
  const v = str(p, key);
  return v === undefined ? undefined : Number.parseInt(v, 10);
}

export function obj(p: Params, key: string): Params {
  const v = p[key];
  return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
}

export function list(p: Params, key: string): string[] {
  const v = p[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function metadata(p: Params): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(p, 'metadata'))) if (typeof v === 'string') out[k] = v;
  return out;
}
