import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import {
  GraphQLError,
  buildClientSchema,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type GraphQLTypeResolver,
  type IntrospectionQuery,
} from 'graphql';
import type { ShopState } from './state';

/** Shopify's Admin API 2026-10 introspection, vendored (`../reference/README.md`). */
const INTROSPECTION = new URL('../reference/shopify-admin-2026-10.introspection.json.gz', import.meta.url);

let cached: GraphQLSchema | null = null;

/** The real 2026-10 Admin schema, built once per process (~0.5 s). */
export function adminSchema(): GraphQLSchema {
  if (cached) return cached;
  const json = JSON.parse(gunzipSync(readFileSync(INTROSPECTION)).toString('utf8')) as
    | { data: IntrospectionQuery }
    | IntrospectionQuery;
  cached = buildClientSchema('data' in json ? json.data : json);
  return cached;
}

/** Per-request context handed to every resolver. */
export interface GqlContext {
  shop: ShopState;
  now: number;
  /** bulk operations read whole connections (no `first`) */
  bulk: boolean;
  /** objects returned through connections (the actual cost) */
  objects: number;
}

/** A lazily computed field of a plain object: called with the field's arguments. */
type Lazy<T = unknown> = (args: Record<string, unknown>, ctx: GqlContext, info: GraphQLResolveInfo) => T;

/** Plain objects the resolvers return: values, or functions called with the field's args. */
export type Plain = Record<string, unknown>;

/**
 * Reads plain objects: a function is called with (args, ctx, info); a missing key is a field the fake does not
 * model, which is an error naming it (better than a silent null).
 */
export const fieldResolver: GraphQLFieldResolver<unknown, GqlContext> = (source, args, ctx, info) => {
  const parent = info.parentType.name;
  if (source === null || typeof source !== 'object') {
    throw new GraphQLError(`The Shopify fake does not implement ${parent}.${info.fieldName}.`);
  }
  const value = (source as Plain)[info.fieldName];
  if (typeof value === 'function') return (value as Lazy)(args as Record<string, unknown>, ctx, info);
  if (value === undefined) {
    const what = parent === 'QueryRoot' || parent === 'Mutation' ? 'implement' : 'model';
    throw new GraphQLError(`The Shopify fake does not ${what} ${parent}.${info.fieldName}.`, {
      extensions: { code: 'NOT_IMPLEMENTED_IN_FAKE' },
    });
  }
  return value;
};

/** Abstract types (Node, DisplayableError, ...) resolve by the plain object's `__typename`. */
export const typeResolver: GraphQLTypeResolver<unknown, GqlContext> = (value) => {
  const name = value !== null && typeof value === 'object' ? (value as Plain).__typename : undefined;
  return typeof name === 'string' ? name : undefined;
};

/** A GraphQL error in the top-level `errors` list (Shopify puts a `code` in extensions). */
export function gqlError(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}
