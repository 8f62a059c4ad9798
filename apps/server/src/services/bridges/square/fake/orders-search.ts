import { z } from 'zod';
import { badRequest, ok, parseBody, requireMerchant, type Route } from './http';
import { parseMicros, type FakeState } from './state';
import type { OrderWire } from './wire';

const range = z.object({ start_at: z.string().optional(), end_at: z.string().optional() });
const searchSchema = z.object({
  location_ids: z.array(z.string()).min(1).max(10),
  cursor: z.string().optional(),
  limit: z.number().int().min(1).max(1000).optional(),
  return_entries: z.boolean().optional(),
  query: z
    .object({
      filter: z
        .object({
          state_filter: z.object({ states: z.array(z.enum(['OPEN', 'COMPLETED', 'CANCELED', 'DRAFT'])) }).optional(),
          date_time_filter: z.object({ created_at: range.optional(), updated_at: range.optional(), closed_at: range.optional() }).optional(),
          source_filter: z.object({ source_names: z.array(z.string()).optional() }).optional(),
        })
        .strict()
        .optional(),
      sort: z.object({ sort_field: z.enum(['CREATED_AT', 'UPDATED_AT', 'CLOSED_AT']), sort_order: z.enum(['ASC', 'DESC']).optional() }).optional(),
    })
    .optional(),
});

type Field = 'created_at' | 'updated_at' | 'closed_at';

/** SearchOrders: location, state, time-range and source filters, sorted on one timestamp, offset cursor. */
export function orderSearchRoute(state: FakeState): Route {
  return {
    method: 'POST',
    path: '/v2/orders/search',
    scope: 'ORDERS_READ',
    handler: (ctx) => {
      const m = requireMerchant(ctx);
      const req = parseBody(searchSchema, ctx.body);
      const filter = req.query?.filter;
      const sortField = (req.query?.sort?.sort_field ?? 'CREATED_AT').toLowerCase() as Field;
      const order = req.query?.sort?.sort_order ?? 'DESC';
      const dt = filter?.date_time_filter;
      const ranged = dt ? (['created_at', 'updated_at', 'closed_at'] as const).filter((f) => dt[f] !== undefined) : [];
      if (ranged.length > 1 || (ranged.length === 1 && ranged[0] !== sortField)) {
        // Square: the date_time_filter field must be the sort field
        throw badRequest('INVALID_VALUE', 'date_time_filter must use the same field as sort.sort_field.', 'query.filter.date_time_filter');
      }
      const window = ranged[0] === undefined ? undefined : dt?.[ranged[0]];
      const start = window?.start_at === undefined ? null : parseMicros(window.start_at);
      const end = window?.end_at === undefined ? null : parseMicros(window.end_at);
      const key = (o: OrderWire): number => parseMicros(o[sortField] ?? '') ?? 0;
      const rows = [...state.orders.values()]
        .filter((r) => r.merchantId === m.id)
        .map((r) => r.order)
        .filter(
          (o) =>
            req.location_ids.includes(o.location_id) &&
            (filter?.state_filter === undefined || (filter.state_filter.states as string[]).includes(o.state)) &&
            (filter?.source_filter?.source_names === undefined || filter.source_filter.source_names.includes(o.source?.name ?? '')) &&
            (sortField !== 'closed_at' || o.closed_at !== undefined) &&
            (start === null || key(o) >= start) &&
            (end === null || key(o) < end),
        )
        .sort((a, b) => (order === 'ASC' ? key(a) - key(b) : key(b) - key(a)) || (a.id < b.id ? -1 : 1));
      let offset = 0;
      if (req.cursor !== undefined && req.cursor !== '') {
        offset = Number.parseInt(Buffer.from(req.cursor, 'base64url').toString('utf8'), 10);
        if (!Number.isSafeInteger(offset) || offset < 0) throw badRequest('INVALID_CURSOR', 'The cursor is not valid.', 'cursor');
      }
      const limit = req.limit ?? 500;
      const page = rows.slice(offset, offset + limit);
      const cursor = offset + limit < rows.length ? Buffer.from(String(offset + limit)).toString('base64url') : null;
      const body = req.return_entries === true
        ? { order_entries: page.map((o) => ({ order_id: o.id, version: o.version, location_id: o.location_id })) }
        : { orders: page.map((o) => structuredClone(o)) };
      return ok({ ...body, ...(cursor !== null ? { cursor } : {}) });
    },
  };
}
