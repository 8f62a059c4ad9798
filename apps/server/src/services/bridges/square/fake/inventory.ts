import { z } from 'zod';
import { badRequest, ok, parseBody, requireMerchant, type Route } from './http';
import type { InventoryStore, PlannedChange } from './inventory-store';
import { parseMicros, type FakeState, type MerchantState } from './state';
import type { InventoryChangeWire, InventoryCountWire } from './wire';

const STATES = [
  'CUSTOM', 'IN_STOCK', 'SOLD', 'RETURNED_BY_CUSTOMER', 'RESERVED_FOR_SALE', 'SOLD_ONLINE', 'ORDERED_FROM_VENDOR',
  'RECEIVED_FROM_VENDOR', 'IN_TRANSIT_TO', 'NONE', 'WASTE', 'UNLINKED_RETURN', 'COMPOSED', 'DECOMPOSED', 'IN_TRANSIT',
] as const;
const state = z.enum(STATES);

const adjustment = z.object({
  catalog_object_id: z.string().min(1),
  catalog_object_type: z.string().optional(),
  from_state: state,
  to_state: state,
  /** retired by Square-Version 2026-07-15; still accepted from raw HTTP clients */
  location_id: z.string().optional(),
  from_location_id: z.string().optional(),
  to_location_id: z.string().optional(),
  quantity: z.string(),
  occurred_at: z.string(),
  reference_id: z.string().max(255).optional(),
});

const physicalCount = z.object({
  catalog_object_id: z.string().min(1),
  catalog_object_type: z.string().optional(),
  state,
  location_id: z.string(),
  quantity: z.string(),
  occurred_at: z.string(),
  reference_id: z.string().max(255).optional(),
});

const batchChange = z.object({
  idempotency_key: z.string().min(1).max(128),
  changes: z
    .array(
      z.object({
        type: z.enum(['ADJUSTMENT', 'PHYSICAL_COUNT']),
        adjustment: adjustment.optional(),
        physical_count: physicalCount.optional(),
      }),
    )
    .min(1)
    .max(100),
  ignore_unchanged_counts: z.boolean().optional(),
});

const batchCounts = z.object({
  catalog_object_ids: z.array(z.string()).optional(),
  location_ids: z.array(z.string()).optional(),
  states: z.array(state).optional(),
  updated_after: z.string().optional(),
  cursor: z.string().optional(),
  limit: z.number().int().min(1).max(1000).optional(),
});

const batchChanges = z.object({
  catalog_object_ids: z.array(z.string()).optional(),
  location_ids: z.array(z.string()).optional(),
  types: z.array(z.enum(['PHYSICAL_COUNT', 'ADJUSTMENT'])).optional(),
  states: z.array(state).optional(),
  updated_after: z.string().optional(),
  updated_before: z.string().optional(),
  cursor: z.string().optional(),
  limit: z.number().int().min(1).max(1000).optional(),
});

type BatchChange = z.infer<typeof batchChange>;

function offsetCursor(text: string | undefined | null): number {
  if (text === undefined || text === null || text === '') return 0;
  const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8') || 'null') as unknown;
  if (typeof parsed !== 'object' || parsed === null || typeof (parsed as { o?: unknown }).o !== 'number') {
    throw badRequest('INVALID_CURSOR', 'The cursor is not valid.', 'cursor');
  }
  return (parsed as { o: number }).o;
}

function timeFilter(text: string | undefined, field: string): number | null {
  if (text === undefined) return null;
  const micros = parseMicros(text);
  if (micros === null) throw badRequest('INVALID_TIME', `${field} must be an RFC 3339 timestamp.`, field);
  return micros;
}

/** History (BatchRetrieveInventoryChanges): oldest occurred_at first, offset cursor. */
function changesPage(fake: FakeState, m: MerchantState, body: unknown): { changes: InventoryChangeWire[]; cursor?: string } {
  const req = parseBody(batchChanges, body);
  const after = timeFilter(req.updated_after, 'updated_after');
  const before = timeFilter(req.updated_before, 'updated_before');
  let start = 0;
  try {
    start = offsetCursor(req.cursor);
  } catch {
    throw badRequest('INVALID_CURSOR', 'The cursor is not valid.', 'cursor');
  }
  const rows = m.changes
    .map((c, i) => ({ c, i, e: c.adjustment ?? c.physical_count }))
    .filter(({ c, e }) => {
      if (!e) return false;
      const created = (parseMicros(e.created_at) ?? 0);
      const locations = c.adjustment ? [c.adjustment.from_location_id, c.adjustment.to_location_id] : [c.physical_count?.location_id];
      const states = c.adjustment ? [c.adjustment.from_state, c.adjustment.to_state] : [c.physical_count?.state];
      return (
        (req.catalog_object_ids === undefined || req.catalog_object_ids.includes(e.catalog_object_id)) &&
        (req.location_ids === undefined || locations.some((l) => l !== undefined && req.location_ids?.includes(l))) &&
        (req.types === undefined || req.types.includes(c.type)) &&
        (req.states === undefined || c.type !== 'ADJUSTMENT' || states.some((st) => st !== undefined && (req.states as string[]).includes(st))) &&
        (after === null || created > after) &&
        (before === null || created < before)
      );
    })
    .sort((a, b) => (parseMicros(a.e?.occurred_at ?? '') ?? 0) - (parseMicros(b.e?.occurred_at ?? '') ?? 0) || a.i - b.i);
  const limit = req.limit ?? fake.pageSize;
  const slice = rows.slice(start, start + limit).map(({ c }) => structuredClone(c));
  const more = start + limit < rows.length;
  return { changes: slice, ...(more ? { cursor: Buffer.from(JSON.stringify({ o: start + limit })).toString('base64url') } : {}) };
}

function plan(store: InventoryStore, m: MerchantState, req: BatchChange): PlannedChange[] {
  return req.changes.map((c, i): PlannedChange => {
    const field = `changes[${String(i)}]`;
    if (c.type === 'ADJUSTMENT') {
      const a = c.adjustment;
      if (!a) throw badRequest('MISSING_REQUIRED_PARAMETER', 'An ADJUSTMENT change needs `adjustment`.', `${field}.adjustment`);
      if (a.location_id !== undefined && a.from_location_id !== undefined && a.location_id !== a.from_location_id) {
        throw badRequest('CONFLICTING_PARAMETERS', 'location_id and from_location_id differ.', `${field}.adjustment.from_location_id`);
      }
      const from = a.from_location_id ?? a.location_id;
      if (from === undefined) throw badRequest('MISSING_REQUIRED_PARAMETER', 'from_location_id is required.', `${field}.adjustment.from_location_id`);
      const to = a.to_location_id ?? from;
      if (a.from_state === a.to_state && from === to) {
        throw badRequest('INVALID_VALUE', 'from_state and to_state must differ.', `${field}.adjustment.to_state`);
      }
      store.checkTarget(m, a.catalog_object_id, [from, to], `${field}.adjustment`);
      return {
        type: 'ADJUSTMENT',
        objectId: a.catalog_object_id,
        fromLocation: from,
        toLocation: to,
        fromState: a.from_state,
        toState: a.to_state,
        units: store.quantity(a.quantity, `${field}.adjustment`, false),
        occurredAt: store.occurredAt(a.occurred_at, `${field}.adjustment`),
        ...(a.reference_id !== undefined ? { referenceId: a.reference_id } : {}),
      };
    }
    const p = c.physical_count;
    if (!p) throw badRequest('MISSING_REQUIRED_PARAMETER', 'A PHYSICAL_COUNT change needs `physical_count`.', `${field}.physical_count`);
    if (p.state === 'NONE' || p.state === 'SOLD' || p.state === 'UNLINKED_RETURN') {
      throw badRequest('INVALID_VALUE', `A physical count cannot be in state ${p.state}.`, `${field}.physical_count.state`);
    }
    store.checkTarget(m, p.catalog_object_id, [p.location_id], `${field}.physical_count`);
    return {
      type: 'PHYSICAL_COUNT',
      objectId: p.catalog_object_id,
      location: p.location_id,
      state: p.state,
      units: store.quantity(p.quantity, `${field}.physical_count`, true),
      occurredAt: store.occurredAt(p.occurred_at, `${field}.physical_count`),
      ...(p.reference_id !== undefined ? { referenceId: p.reference_id } : {}),
    };
  });
}

interface CountCursor {
  c: number;
  k: string;
}

export function inventoryRoutes(fake: FakeState, store: InventoryStore): Route[] {
  return [
    {
      method: 'POST',
      path: '/v2/inventory/changes/batch-create',
      scope: 'INVENTORY_WRITE',
      idempotent: true,
      handler: (ctx) => {
        const m = requireMerchant(ctx);
        const req = parseBody(batchChange, ctx.body);
        const planned = plan(store, m, req); // all validated before anything is written
        const source = { product: 'EXTERNAL_API', application_id: fake.applicationId };
        const result = store.apply(m, planned, source, req.ignore_unchanged_counts !== false);
        return ok({ counts: result.counts, changes: result.changes });
      },
    },
    {
      method: 'POST',
      path: '/v2/inventory/changes/batch-retrieve',
      scope: 'INVENTORY_READ',
      handler: (ctx) => ok(changesPage(fake, requireMerchant(ctx), ctx.body)),
    },
    {
      method: 'GET',
      path: '/v2/inventory/:catalog_object_id',
      scope: 'INVENTORY_READ',
      handler: (ctx) => {
        const m = requireMerchant(ctx);
        const id = ctx.params.catalog_object_id ?? '';
        const locations = ctx.query.get('location_ids')?.split(',').filter((l) => l !== '');
        const counts = [...m.counts.values()]
          .filter((c) => c.wire.catalog_object_id === id && (locations === undefined || locations.includes(c.wire.location_id)))
          .map((c) => ({ ...c.wire }));
        return ok({ counts });
      },
    },
    {
      method: 'POST',
      path: '/v2/inventory/counts/batch-retrieve',
      scope: 'INVENTORY_READ',
      handler: (ctx) => {
        const m = requireMerchant(ctx);
        const req = parseBody(batchCounts, ctx.body);
        const after = req.updated_after === undefined ? null : parseMicros(req.updated_after);
        if (req.updated_after !== undefined && after === null) {
          throw badRequest('INVALID_TIME', 'updated_after must be an RFC 3339 timestamp.', 'updated_after');
        }
        let cursor: CountCursor | null = null;
        if (req.cursor !== undefined && req.cursor !== '') {
          try {
            cursor = JSON.parse(Buffer.from(req.cursor, 'base64url').toString('utf8')) as CountCursor;
          } catch {
            throw badRequest('INVALID_CURSOR', 'The cursor is not valid.', 'cursor');
          }
        }
        const rows = [...m.counts.entries()]
          .filter(([, c]) =>
            (req.catalog_object_ids === undefined || req.catalog_object_ids.includes(c.wire.catalog_object_id)) &&
            (req.location_ids === undefined || req.location_ids.includes(c.wire.location_id)) &&
            (req.states === undefined || (req.states as string[]).includes(c.wire.state)) &&
            (after === null || c.calculatedMicros > after),
          )
          // newest first; the key breaks ties so the cursor is exact
          .sort(([ka, a], [kb, b]) => b.calculatedMicros - a.calculatedMicros || (ka < kb ? -1 : ka > kb ? 1 : 0));
        const start = cursor === null
          ? 0
          : rows.findIndex(([k, c]) => c.calculatedMicros < cursor.c || (c.calculatedMicros === cursor.c && k > cursor.k));
        const limit = req.limit ?? fake.pageSize;
        const slice = start < 0 ? [] : rows.slice(start, start + limit);
        const counts: InventoryCountWire[] = slice.map(([, c]) => ({ ...c.wire }));
        const last = slice[slice.length - 1];
        const more = start >= 0 && start + limit < rows.length && last !== undefined;
        const next = more ? Buffer.from(JSON.stringify({ c: last[1].calculatedMicros, k: last[0] })).toString('base64url') : null;
        return ok({ counts, ...(next !== null ? { cursor: next } : {}) });
      },
    },
  ];
}
