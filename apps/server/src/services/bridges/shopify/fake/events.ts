import { connection } from './connection';
import { gqlError, type GqlContext, type Plain } from './schema';
import { parseSearch, timeMatches } from './search';
import { gid, isoSeconds, newNumericId, type ShopState } from './state';

export interface EventRecord {
  id: number;
  subjectType: 'PRODUCT';
  subjectId: string;
  /** Shopify's verbs: create, update, destroy */
  action: 'create' | 'update' | 'destroy';
  createdAt: number;
}

const EVENT_QUERY_FIELDS = ['subject_type', 'action', 'created_at'] as const;

/** Records what the seller did (product create/update/destroy) as Shopify `BasicEvent`s. */
export function recordEvent(shop: ShopState, action: EventRecord['action'], subjectId: string, at: number): void {
  shop.events.push({ id: newNumericId(), subjectType: 'PRODUCT', subjectId, action, createdAt: at });
}

/** `events(first, after, query: "subject_type:PRODUCT AND action:destroy AND created_at:>'…'", sortKey)` */
export function eventsConnection(shop: ShopState, args: Record<string, unknown>, ctx: GqlContext): Plain {
  const terms = parseSearch(args.query as string | null, EVENT_QUERY_FIELDS);
  const list = shop.events.filter((e) =>
    terms.every((t) => {
      if (t.field === 'subject_type') return t.value.toUpperCase() === e.subjectType;
      if (t.field === 'action') return t.value === e.action;
      return timeMatches(e.createdAt, t);
    }),
  );
  const sortKey = (args.sortKey as string | undefined) ?? 'ID';
  if (sortKey !== 'ID' && sortKey !== 'CREATED_AT') {
    throw gqlError(`The Shopify fake does not model events sortKey ${sortKey}.`, 'NOT_IMPLEMENTED_IN_FAKE');
  }
  return connection(list, args, ctx, (e) => (sortKey === 'ID' ? [e.id] : [e.createdAt, e.id]), (e) => ({
    __typename: 'BasicEvent',
    id: gid('BasicEvent', e.id),
    subjectId: e.subjectId,
    subjectType: e.subjectType,
    action: e.action,
    createdAt: isoSeconds(e.createdAt),
    message: `Product was ${e.action === 'destroy' ? 'deleted' : `${e.action}d`}.`,
    author: null,
  }));
}
