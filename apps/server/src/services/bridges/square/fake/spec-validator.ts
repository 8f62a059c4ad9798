import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';

/**
 * Validators for the fake's JSON against Square's published OpenAPI schemas
 * (`../reference/api.json`, a copy of `shared/reference/square/api.json`, Square-Version 2025-08-20). The spec is made stricter and then relaxed
 * exactly where Square has moved on since that version; every deviation is listed in RELAXATIONS.
 */

const KEEP = new Set([
  'type', 'properties', 'items', 'required', 'enum', 'nullable', 'minLength', 'maxLength', 'minimum', 'maximum',
  'minItems', 'maxItems', 'additionalProperties', 'pattern', 'readOnly', '$ref',
]);

export const RELAXATIONS = [
  'description/example/x-* keywords and `format` (int64, etc.) dropped; `$ref` siblings dropped (OpenAPI 3.0 ignores them)',
  'CatalogModifierToggleOverrideType is referenced but undefined in the 2025-08-20 spec: defined as a string',
  'InventoryAdjustment gains from_location_id / to_location_id (Square-Version 2026-07-15)',
  'CatalogVersionUpdatedEventData gains `id` (the spec\'s own example of catalog.version.updated carries data.id)',
  'ErrorCode gains VERSION_MISMATCH (answered by UpdateOrder / catalog writes on stale versions, absent from the enum)',
];

type Json = Record<string, unknown>;

function sanitize(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(sanitize);
  if (node === null || typeof node !== 'object') return node;
  const obj = node as Json;
  if (typeof obj.$ref === 'string') return { $ref: obj.$ref.replace('#/components/schemas/', '#/$defs/') };
  const out: Json = {};
  for (const [k, v] of Object.entries(obj)) {
    if (!KEEP.has(k)) continue;
    if (k === 'properties') {
      out[k] = Object.fromEntries(Object.entries(v as Json).map(([name, s]) => [name, sanitize(s)]));
    } else {
      out[k] = sanitize(v);
    }
  }
  // stricter than the spec: a field the spec does not know is an error (typos, invented fields)
  if (out.properties !== undefined && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

export function loadSquareSpecValidators(apiJson: URL): (schema: string) => ValidateFunction {
  const spec = JSON.parse(readFileSync(apiJson, 'utf8')) as { components: { schemas: Record<string, unknown> } };
  const defs: Json = {};
  for (const [name, schema] of Object.entries(spec.components.schemas)) defs[name] = sanitize(schema);
  defs.CatalogModifierToggleOverrideType = { type: 'string' };
  const adjustment = defs.InventoryAdjustment as { properties: Json };
  adjustment.properties.from_location_id = { type: 'string', maxLength: 100 };
  adjustment.properties.to_location_id = { type: 'string', maxLength: 100 };
  (defs.CatalogVersionUpdatedEventData as { properties: Json }).properties.id = { type: 'string' };
  const errorCode = defs.ErrorCode as { enum: string[] };
  errorCode.enum = [...errorCode.enum, 'VERSION_MISMATCH'];

  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addSchema({ $id: 'square', $defs: defs });
  const cache = new Map<string, ValidateFunction>();
  return (schema: string) => {
    let v = cache.get(schema);
    if (!v) {
      if (!(schema in defs)) throw new Error(`no schema ${schema} in the spec`);
      v = ajv.getSchema(`square#/$defs/${schema}`);
      if (!v) throw new Error(`ajv could not compile ${schema}`);
      cache.set(schema, v);
    }
    return v;
  };
}
