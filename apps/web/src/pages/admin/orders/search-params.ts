import type { AdminDisputeListInput, AdminOrderSearchInput } from '@makeries/shared';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The search page's state lives in its URL (?q=…&shop=…&channel=…&after=…), so a result can be shared and reloaded. */
export function searchInputFrom(params: URLSearchParams): AdminOrderSearchInput {
  const q = (params.get('q') ?? '').trim().slice(0, 200);
  const shop = params.get('shop') ?? '';
  const channel = params.get('channel');
  const after = params.get('after') ?? '';
  return {
    limit: 25,
    ...(q ? { q } : {}),
    ...(UUID.test(shop) ? { vendorId: shop } : {}),
    ...(channel === 'web' || channel === 'counter' ? { channel } : {}),
    ...(after && after.length <= 500 ? { cursor: after } : {}),
  };
}

export function disputesInputFrom(params: URLSearchParams): AdminDisputeListInput {
  const after = params.get('after') ?? '';
  return { limit: 25, state: params.get('state') === 'closed' ? 'closed' : 'open', ...(after && after.length <= 500 ? { cursor: after } : {}) };
}

export function isOrderId(id: string): boolean {
  return UUID.test(id);
}
