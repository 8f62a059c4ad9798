import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { buildClientSchema, parse, validate, type IntrospectionQuery } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as queries from './queries';

describe('Shopify GraphQL documents', () => {
  it('every document the connector sends is valid against the Admin API 2026-10 schema', () => {
    const json = JSON.parse(gunzipSync(readFileSync(new URL('./reference/shopify-admin-2026-10.introspection.json.gz', import.meta.url))).toString('utf8')) as { data: IntrospectionQuery } | IntrospectionQuery;
    const schema = buildClientSchema('data' in json ? json.data : json);
    const docs = Object.entries(queries).filter((e): e is [string, string] => typeof e[1] === 'string');
    expect(docs.length).toBeGreaterThan(15);
    for (const [name, text] of docs) expect(validate(schema, parse(text)).map((e) => e.message), name).toEqual([]);
    // a document that names a field the schema lacks is caught (the check can fail)
    expect(validate(schema, parse('{ shop { currencyCodes } }')).length).toBe(1);
  });
});
