import { z } from 'zod';
import type { CatalogStore } from './catalog-store';
import { badRequest, notFound, ok, parseBody, requireMerchant, type Route } from './http';
import { isoMicros, parseMicros, type FakeState, type MerchantState, type StoredCatalogObject } from './state';
import type { CatalogObjectWire } from './wire';

const ALL_TYPES = ['ITEM', 'ITEM_VARIATION', 'CATEGORY', 'TAX', 'IMAGE'];
/** SearchCatalogObjects without object_types: top-level types only (variations are nested in items). */
const TOP_LEVEL_TYPES = ['ITEM', 'CATEGORY', 'TAX', 'IMAGE'];

/** 1×1 PNG served for every IMAGE url (the bridge downloads images; URLs are the fake's own). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

interface CursorState {
  /** last seq returned */
  s: number;
  /** snapshot: updated_at upper bound (µs) of a search, so latest_time is the same on every page */
  t?: number;
}

function encodeCursor(c: CursorState): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(text: string | undefined | null): CursorState | null {
  if (text === undefined || text === null || text === '') return null;
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<CursorState>;
    if (typeof parsed.s !== 'number') throw new Error('bad cursor');
    return parsed.t === undefined ? { s: parsed.s } : { s: parsed.s, t: parsed.t };
  } catch {
    throw badRequest('INVALID_CURSOR', 'The cursor is not valid.', 'cursor');
  }
}

const searchSchema = z.object({
  cursor: z.string().optional(),
  object_types: z.array(z.string()).optional(),
  include_deleted_objects: z.boolean().optional(),
  include_related_objects: z.boolean().optional(),
  begin_time: z.string().optional(),
  query: z.unknown().optional(),
  limit: z.number().int().optional(),
});

const batchSchema = z.object({
  object_ids: z.array(z.string()).min(1),
  include_related_objects: z.boolean().optional(),
  include_deleted_objects: z.boolean().optional(),
});

export function catalogRoutes(state: FakeState, store: CatalogStore): Route[] {
  const page = (
    m: MerchantState,
    filter: (s: StoredCatalogObject) => boolean,
    after: number,
    limit: number,
  ): { objects: CatalogObjectWire[]; last: number | null } => {
    const objects: CatalogObjectWire[] = [];
    let last: number | null = null;
    let more = false;
    // Map order is insertion order = seq order (updates keep their slot)
    for (const s of m.catalog.values()) {
      if (s.seq <= after || !filter(s)) continue;
      if (objects.length === limit) {
        more = true;
        break;
      }
      objects.push(store.render(m, s));
      last = s.seq;
    }
    return { objects, last: more ? last : null };
  };

  const related = (m: MerchantState, objects: CatalogObjectWire[]): CatalogObjectWire[] => {
    const have = new Set(objects.map((o) => o.id));
    const want = new Set<string>();
    const refs = (o: CatalogObjectWire): void => {
      o.item_data?.categories?.forEach((c) => want.add(c.id));
      o.item_data?.tax_ids?.forEach((id) => want.add(id));
      o.item_data?.image_ids?.forEach((id) => want.add(id));
      if (o.item_variation_data) want.add(o.item_variation_data.item_id);
    };
    objects.forEach(refs);
    const out: CatalogObjectWire[] = [];
    for (const id of want) {
      const s = m.catalog.get(id);
      if (!have.has(id) && s && s.object.is_deleted !== true) out.push(store.render(m, s));
    }
    return out;
  };

  return [
    {
      method: 'GET',
      path: '/v2/catalog/list',
      scope: 'ITEMS_READ',
      handler: (ctx) => {
        const m = requireMerchant(ctx);
        const typesParam = ctx.query.get('types');
        const types = typesParam ? typesParam.split(',').map((t) => t.trim().toUpperCase()) : ALL_TYPES;
        const cursor = decodeCursor(ctx.query.get('cursor'));
        const { objects, last } = page(
          m,
          (s) => s.object.is_deleted !== true && types.includes(s.object.type),
          cursor?.s ?? 0,
          state.pageSize,
        );
        return ok({ objects, ...(last !== null ? { cursor: encodeCursor({ s: last }) } : {}) });
      },
    },
    {
      method: 'POST',
      path: '/v2/catalog/search',
      scope: 'ITEMS_READ',
      handler: (ctx) => {
        const m = requireMerchant(ctx);
        const req = parseBody(searchSchema, ctx.body);
        if (req.query !== undefined) {
          throw badRequest('BAD_REQUEST', 'The Square fake does not implement search queries; use object_types and begin_time.', 'query');
        }
        const begin = req.begin_time === undefined ? null : parseMicros(req.begin_time);
        if (req.begin_time !== undefined && begin === null) {
          throw badRequest('INVALID_TIME', 'begin_time must be an RFC 3339 timestamp.', 'begin_time');
        }
        const cursor = decodeCursor(req.cursor);
        const snapshot = cursor?.t ?? m.catalogUpdatedMicros;
        const types = req.object_types?.map((t) => t.toUpperCase()) ?? TOP_LEVEL_TYPES;
        const limit = req.limit !== undefined && req.limit > 0 && req.limit <= 1000 ? req.limit : state.pageSize;
        const { objects, last } = page(
          m,
          (s) =>
            types.includes(s.object.type) &&
            (req.include_deleted_objects === true || s.object.is_deleted !== true) &&
            s.updatedMicros <= snapshot &&
            (begin === null || s.updatedMicros > begin),
          cursor?.s ?? 0,
          limit,
        );
        return ok({
          objects,
          ...(last !== null ? { cursor: encodeCursor({ s: last, t: snapshot }) } : {}),
          ...(req.include_related_objects === true ? { related_objects: related(m, objects) } : {}),
          latest_time: isoMicros(snapshot),
        });
      },
    },
    {
      method: 'POST',
      path: '/v2/catalog/batch-retrieve',
      scope: 'ITEMS_READ',
      handler: (ctx) => {
        const m = requireMerchant(ctx);
        const req = parseBody(batchSchema, ctx.body);
        const objects: CatalogObjectWire[] = [];
        for (const id of req.object_ids) {
          const s = m.catalog.get(id);
          if (s && (req.include_deleted_objects === true || s.object.is_deleted !== true)) objects.push(store.render(m, s));
        }
        return ok({ objects, ...(req.include_related_objects === true ? { related_objects: related(m, objects) } : {}) });
      },
    },
    {
      method: 'GET',
      path: '/v2/catalog/object/:object_id',
      scope: 'ITEMS_READ',
      handler: (ctx) => {
        const m = requireMerchant(ctx);
        const id = ctx.params.object_id ?? '';
        const s = m.catalog.get(id);
        if (!s || s.object.is_deleted === true) throw notFound(`Object with ID \`${id}\` not found.`, 'object_id');
        const object = store.render(m, s);
        const withRelated = ctx.query.get('include_related_objects') === 'true';
        return ok({ object, ...(withRelated ? { related_objects: related(m, [object]) } : {}) });
      },
    },
    {
      method: 'GET',
      path: '/fake-media/:name',
      scope: null,
      handler: (ctx) => {
        const id = (ctx.params.name ?? '').replace(/\.png$/, '');
        const known = [...state.merchants.values()].some((m) => m.catalog.get(id)?.object.type === 'IMAGE');
        if (!known) throw notFound('No such image.');
        return { status: 200, body: PNG, contentType: 'image/png' };
      },
    },
  ];
}
