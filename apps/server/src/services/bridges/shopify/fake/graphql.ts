import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  executeSync,
  getOperationAST,
  parse,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type OperationDefinitionNode,
} from 'graphql';
import type { BulkStore } from './bulk';
import type { CatalogStore } from './catalog';
import { connection } from './connection';
import { CostBucket, MAX_QUERY_COST, MUTATION_COST, requestedCost, type QueryCost } from './cost';
import { eventsConnection } from './events';
import type { ShopifyFakeFaults } from './faults';
import type { InventoryStore } from './inventory';
import type { OrderStore } from './orders';
import { adminSchema, fieldResolver, typeResolver, type GqlContext, type Plain } from './schema';
import { gid, isoSeconds, parseGid, type FakeClock, type ShopState } from './state';

export interface Stores {
  catalog: CatalogStore;
  inventory: InventoryStore;
  orders: OrderStore;
  bulk: () => BulkStore;
  /** the app uninstalls itself (`appUninstall`): tokens die, app/uninstalled is sent */
  uninstall: (shop: ShopState) => void;
}

export interface GraphqlOutcome {
  status: number;
  body: unknown;
  rootFields: string[];
  idempotencyKeys: string[];
  throttled: boolean;
  /** the mutation ran; the HTTP layer may still answer 503 (failAfterCommit) */
  committed: boolean;
}

type Root = (args: Record<string, unknown>, ctx: GqlContext, info: Parameters<InventoryStore['adjustMutation']>[2]) => unknown;

/** Resolves any GID the fake keeps, for `node`/`nodes`. */
function resolveNode(s: Stores, shop: ShopState, id: unknown): Plain | null {
  const m = typeof id === 'string' ? /^gid:\/\/shopify\/([A-Za-z]+)\/\d+$/.exec(id) : null;
  switch (m?.[1]) {
    case 'Product': {
      const p = shop.products.get(parseGid('Product', id) ?? -1);
      return p ? s.catalog.renderProduct(shop, p) : null;
    }
    case 'ProductVariant': {
      const v = shop.variants.get(parseGid('ProductVariant', id) ?? -1);
      return v ? s.catalog.renderVariant(shop, v) : null;
    }
    case 'InventoryItem': {
      const item = shop.items.get(parseGid('InventoryItem', id) ?? -1);
      return item ? s.catalog.renderItem(shop, item) : null;
    }
    case 'Location':
      return s.catalog.renderLocation(shop, parseGid('Location', id) ?? -1);
    case 'Order': {
      const o = s.orders.find(shop, id);
      return o ? s.orders.render(shop, o) : null;
    }
    case 'FulfillmentOrder':
      return s.orders.fulfillmentOrderOf(shop, id);
    case 'BulkOperation':
      return s.bulk().poll(shop, id);
    default:
      return null;
  }
}

/** Hand-written stateful resolvers, one per root field the fake implements (others: "does not implement"). */
function buildRoot(s: Stores): Record<string, Root> {
  const one = (type: string) => (args: Record<string, unknown>, ctx: GqlContext) => {
    const node = resolveNode(s, ctx.shop, args.id);
    return node && node.__typename === type ? node : null;
  };
  return {
    shop: (_a, ctx) => ({
      __typename: 'Shop', id: gid('Shop', ctx.shop.id), name: ctx.shop.name, myshopifyDomain: ctx.shop.domain,
      currencyCode: ctx.shop.currency, ianaTimezone: ctx.shop.ianaTimezone, taxesIncluded: ctx.shop.taxesIncluded,
      createdAt: isoSeconds(ctx.shop.createdAt), updatedAt: isoSeconds(ctx.shop.createdAt),
    }),
    locations: (args, ctx) =>
      connection(ctx.shop.locations, args, ctx, (l) => (args.sortKey === 'ID' ? [l.id] : [l.name, l.id]), (l) => s.catalog.renderLocation(ctx.shop, l.id) ?? {}),
    location: one('Location'),
    products: (args, ctx) => s.catalog.products(ctx.shop, args, ctx),
    product: one('Product'),
    productVariant: one('ProductVariant'),
    inventoryItem: one('InventoryItem'),
    node: (args, ctx) => resolveNode(s, ctx.shop, args.id),
    nodes: (args, ctx) => (args.ids as unknown[]).map((id) => resolveNode(s, ctx.shop, id)),
    events: (args, ctx) => eventsConnection(ctx.shop, args, ctx),
    orders: (args, ctx) => s.orders.ordersConnection(ctx.shop, args, ctx),
    order: one('Order'),
    fulfillmentOrder: one('FulfillmentOrder'),
    bulkOperation: (args, ctx) => s.bulk().poll(ctx.shop, args.id),
    currentBulkOperation: (args, ctx) => (args.type === 'MUTATION' ? null : s.bulk().current(ctx.shop)),
    bulkOperationRunQuery: (args, ctx) => s.bulk().runQuery(ctx.shop, args.query as string),
    inventoryAdjustQuantities: (args, ctx, info) => s.inventory.adjustMutation(ctx.shop, args, info),
    inventorySetQuantities: (args, ctx, info) => s.inventory.setMutation(ctx.shop, args, info),
    orderCreate: (args, ctx) => s.orders.orderCreate(ctx.shop, args),
    orderCancel: (args, ctx) => s.orders.cancel(ctx.shop, args.orderId, args.reason as string, args.restock as boolean),
    appUninstall: (_a, ctx) => {
      s.uninstall(ctx.shop);
      return { app: { __typename: 'App', id: gid('App', 1), title: 'Makeries', handle: 'makeries' }, userErrors: [] };
    },
    fulfillmentCreate: (args, ctx) => s.orders.fulfil(ctx.shop, args.fulfillment as Parameters<OrderStore['fulfil']>[1]),
  };
}

/** Executes a document over the current state (also what bulk operations run, with `bulk: true`). */
export function run(root: Record<string, Root>, document: DocumentNode, variables: Record<string, unknown>, ctx: GqlContext): ExecutionResult {
  if (ctx.bulk && document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && d.operation !== OperationTypeNode.QUERY)) {
    return { errors: [new GraphQLError('Bulk operations run queries only (use bulkOperationRunMutation for mutations).')] };
  }
  return executeSync({ schema: adminSchema(), document, rootValue: root, contextValue: ctx, variableValues: variables, fieldResolver, typeResolver });
}

function idempotencyKeys(operation: OperationDefinitionNode, variables: Record<string, unknown>): string[] {
  const keys: string[] = [];
  for (const sel of operation.selectionSet.selections) {
    const arg = sel.directives?.find((d) => d.name.value === 'idempotent')?.arguments?.find((a) => a.name.value === 'key')?.value;
    if (arg?.kind === Kind.STRING) keys.push(arg.value);
    if (arg?.kind === Kind.VARIABLE && typeof variables[arg.name.value] === 'string') keys.push(variables[arg.name.value] as string);
  }
  return keys;
}

/** The GraphQL endpoint after authentication: validation, cost and throttling, execution. */
export class GraphqlEndpoint {
  readonly root: Record<string, Root>;

  constructor(
    stores: Stores,
    private readonly bucket: CostBucket,
    private readonly faults: ShopifyFakeFaults,
    private readonly clock: FakeClock,
  ) {
    this.root = buildRoot(stores);
  }

  handle(shop: ShopState, body: unknown): GraphqlOutcome {
    const out = (status: number, payload: unknown, extra: Partial<GraphqlOutcome> = {}): GraphqlOutcome => ({
      status, body: payload, rootFields: [], idempotencyKeys: [], throttled: false, committed: false, ...extra,
    });
    const b = (body ?? {}) as { query?: unknown; variables?: unknown; operationName?: unknown };
    if (typeof b.query !== 'string') return out(400, { errors: { query: 'Required parameter missing or invalid' } });
    const variables = (b.variables ?? {}) as Record<string, unknown>;
    let document: DocumentNode;
    try {
      document = parse(b.query);
    } catch (err) {
      const e = err instanceof GraphQLError ? err : new GraphQLError(String(err));
      return out(200, { errors: [{ message: e.message, locations: e.locations, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }] });
    }
    const invalid = validate(adminSchema(), document);
    if (invalid.length > 0) {
      return out(200, { errors: invalid.map((e) => ({ message: e.message, locations: e.locations, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })) });
    }
    const operation = getOperationAST(document, typeof b.operationName === 'string' ? b.operationName : undefined);
    if (!operation) return out(200, { errors: [{ message: 'An operation name is required', extensions: { code: 'BAD_REQUEST' } }] });
    const rootFields = operation.selectionSet.selections.flatMap((sel) => (sel.kind === Kind.FIELD ? [sel.name.value] : []));
    const meta = { rootFields, idempotencyKeys: idempotencyKeys(operation, variables) };
    const requested = requestedCost(document, operation, variables);
    const cost = (actual: number | null): QueryCost => ({ requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: this.bucket.status(shop) });
    if (requested > MAX_QUERY_COST) {
      return out(200, {
        errors: [{ message: `Query cost is ${String(requested)}, which exceeds the single query max cost limit (${String(MAX_QUERY_COST)}).`, extensions: { code: 'MAX_COST_EXCEEDED', cost: requested, maxCost: MAX_QUERY_COST } }],
        extensions: { cost: cost(null) },
      }, meta);
    }
    if (this.faults.takeThrottle() || !this.bucket.admit(shop, requested)) {
      return out(200, {
        errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }],
        extensions: { cost: cost(null) },
      }, { ...meta, throttled: true });
    }
    const ctx: GqlContext = { shop, now: this.clock.now(), bulk: false, objects: 0 };
    const result = run(this.root, document, variables, ctx);
    const actual = operation.operation === OperationTypeNode.MUTATION ? MUTATION_COST * rootFields.length : 1 + ctx.objects;
    this.bucket.refund(shop, requested - actual);
    const payload: Record<string, unknown> = {};
    if (result.errors && result.errors.length > 0) payload.errors = result.errors.map((e) => e.toJSON());
    payload.data = result.data ?? null;
    payload.extensions = { cost: cost(actual) };
    return out(200, payload, { ...meta, committed: operation.operation === OperationTypeNode.MUTATION });
  }
}

