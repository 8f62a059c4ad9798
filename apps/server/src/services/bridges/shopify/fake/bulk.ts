import { parse, validate, type DocumentNode, type ExecutionResult } from 'graphql';
import type { BulkErrorCode, ShopifyFakeFaults } from './faults';
import { adminSchema, type Plain } from './schema';
import { gid, isoSeconds, newNumericId, parseGid, type FakeClock, type ShopState } from './state';
import type { ShopifyWebhookOutbox } from './webhooks';

/** Shopify allows 5 concurrent bulk queries per app and shop since 2026-01. */
const MAX_RUNNING_BULK = 5;

interface BulkRecord {
  id: number;
  shop: string;
  query: string;
  status: 'CREATED' | 'RUNNING' | 'COMPLETED' | 'FAILED';
  createdAt: number;
  completedAt: number | null;
  jsonl: string;
  objectCount: number;
  rootObjectCount: number;
  errorCode: BulkErrorCode | null;
}

type UserError = { __typename: 'BulkOperationUserError'; code: string; field: string[] | null; message: string };

function isConnection(v: unknown): v is { edges?: { node: unknown }[]; nodes?: unknown[] } {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  return Array.isArray(o.edges) || Array.isArray(o.nodes);
}

function nodesOf(c: { edges?: { node: unknown }[]; nodes?: unknown[] }): Record<string, unknown>[] {
  return (c.nodes ?? c.edges?.map((e) => e.node) ?? []) as Record<string, unknown>[];
}

/**
 * Flattens a bulk result like Shopify: every node of a connection is one JSONL line; non-connection objects stay
 * inline; nodes of a nested connection (also one found inside an inline object) carry `__parentId` = the id of the
 * line they hang under. Throws the userError text when a parent line has no `id`.
 */
function flatten(data: Record<string, unknown>): { lines: string[]; roots: number } {
  const lines: string[] = [];
  let roots = 0;
  const emit = (node: Record<string, unknown>, parentId: string | null, connField: string): void => {
    const children: { field: string; nodes: Record<string, unknown>[] }[] = [];
    const strip = (obj: Record<string, unknown>): Record<string, unknown> => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(obj)) {
        if (isConnection(v)) children.push({ field: k, nodes: nodesOf(v) });
        else if (v !== null && typeof v === 'object' && !Array.isArray(v)) out[k] = strip(v as Record<string, unknown>);
        else out[k] = v;
      }
      return out;
    };
    const line = strip(node);
    if (parentId !== null) line.__parentId = parentId;
    lines.push(JSON.stringify(line));
    if (children.length > 0 && typeof node.id !== 'string') {
      throw new Error(`The parent 'node' field for a nested connection must select the 'id' field. Connection field: '${children[0]?.field ?? connField}'.`);
    }
    for (const c of children) for (const n of c.nodes) emit(n, node.id as string, c.field);
  };
  for (const [field, value] of Object.entries(data)) {
    if (!isConnection(value)) continue;
    for (const n of nodesOf(value)) {
      roots += 1;
      emit(n, null, field);
    }
  }
  return { lines, roots };
}

/** Bulk query operations: run over the current state at creation, advance one status step per poll. */
export class BulkStore {
  private readonly ops = new Map<number, BulkRecord>();

  constructor(
    private readonly clock: FakeClock,
    private readonly webhooks: ShopifyWebhookOutbox,
    private readonly baseUrl: () => string,
    private readonly run: (shop: ShopState, document: DocumentNode) => ExecutionResult,
    private readonly faults: ShopifyFakeFaults,
  ) {}

  runQuery(shop: ShopState, query: string): Plain {
    const refuse = (code: string, message: string): Plain => ({
      bulkOperation: null,
      userErrors: [{ __typename: 'BulkOperationUserError', code, field: ['query'], message } satisfies UserError],
    });
    const running = [...this.ops.values()].filter((o) => o.shop === shop.domain && (o.status === 'CREATED' || o.status === 'RUNNING'));
    if (running.length >= MAX_RUNNING_BULK) {
      return refuse('OPERATION_IN_PROGRESS', `A bulk query operation for this app and shop is already in progress: ${gid('BulkOperation', running[0]?.id ?? 0)}.`);
    }
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (err) {
      return refuse('INVALID', `Invalid bulk query: ${err instanceof Error ? err.message : String(err)}`);
    }
    const invalid = validate(adminSchema(), document);
    if (invalid.length > 0) return refuse('INVALID', `Invalid bulk query: ${invalid.map((e) => e.message).join(' ')}`);
    const result = this.run(shop, document);
    if (result.errors && result.errors.length > 0) return refuse('INVALID', `Invalid bulk query: ${result.errors.map((e) => e.message).join(' ')}`);
    let flat: { lines: string[]; roots: number };
    try {
      flat = flatten(result.data ?? {});
    } catch (err) {
      return refuse('INVALID', err instanceof Error ? err.message : String(err));
    }
    if (!Object.values(result.data ?? {}).some(isConnection)) return refuse('INVALID', 'Bulk queries must contain at least one connection.');
    const op: BulkRecord = {
      id: newNumericId(),
      shop: shop.domain,
      query,
      status: 'CREATED',
      createdAt: this.clock.now(),
      completedAt: null,
      jsonl: flat.lines.map((l) => `${l}\n`).join(''),
      objectCount: flat.lines.length,
      rootObjectCount: flat.roots,
      errorCode: null,
    };
    this.ops.set(op.id, op);
    return { bulkOperation: this.render(op), userErrors: [] };
  }

  /** `node(id)` / `bulkOperation(id)`: each read is a poll that moves CREATED → RUNNING → COMPLETED. */
  poll(shop: ShopState, id: unknown): Plain | null {
    const op = this.ops.get(parseGid('BulkOperation', id) ?? -1);
    if (!op || op.shop !== shop.domain) return null;
    this.advance(shop, op);
    return this.render(op);
  }

  current(shop: ShopState): Plain | null {
    const mine = [...this.ops.values()].filter((o) => o.shop === shop.domain);
    const op = mine[mine.length - 1];
    if (!op) return null;
    this.advance(shop, op);
    return this.render(op);
  }

  /** Finishes every open operation of the shop now (tests that do not want to poll). */
  finishAll(shop: ShopState): void {
    for (const op of this.ops.values()) {
      if (op.shop !== shop.domain) continue;
      while (op.status === 'CREATED' || op.status === 'RUNNING') this.advance(shop, op);
    }
  }

  /** The JSONL of a completed operation (what `url` serves), or null. */
  file(id: number): string | null {
    const op = this.ops.get(id);
    return op?.status === 'COMPLETED' ? op.jsonl : null;
  }

  private advance(shop: ShopState, op: BulkRecord): void {
    if (op.status === 'CREATED') {
      op.status = 'RUNNING';
      return;
    }
    if (op.status !== 'RUNNING') return;
    const failure = this.faults.takeBulkFailure();
    op.status = failure === null ? 'COMPLETED' : 'FAILED';
    op.errorCode = failure;
    op.completedAt = this.clock.now();
    this.webhooks.emit(shop.domain, 'bulk_operations/finish', {
      admin_graphql_api_id: gid('BulkOperation', op.id),
      completed_at: isoSeconds(op.completedAt),
      created_at: isoSeconds(op.createdAt),
      error_code: op.errorCode?.toLowerCase() ?? null,
      status: op.status.toLowerCase(),
      type: 'query',
    });
  }

  private render(op: BulkRecord): Plain {
    const done = op.status === 'COMPLETED';
    return {
      __typename: 'BulkOperation',
      id: gid('BulkOperation', op.id),
      status: op.status,
      type: 'QUERY',
      query: op.query,
      createdAt: isoSeconds(op.createdAt),
      completedAt: op.completedAt === null ? null : isoSeconds(op.completedAt),
      errorCode: op.errorCode,
      objectCount: done ? String(op.objectCount) : '0',
      rootObjectCount: done ? String(op.rootObjectCount) : '0',
      fileSize: done && op.objectCount > 0 ? String(Buffer.byteLength(op.jsonl)) : null,
      // Shopify gives no URL when the query matched nothing
      url: done && op.objectCount > 0 ? `${this.baseUrl()}/bulk/${String(op.id)}.jsonl` : null,
      partialDataUrl: null,
    };
  }
}
