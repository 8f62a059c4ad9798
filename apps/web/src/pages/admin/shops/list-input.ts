import { SHOP_STATUSES, type AdminShopListInput, type ShopStatus } from '@makeries/shared';

/** The console's shop list as a URL: `?status=pending&q=bakery&after=<cursor>` (the queue is the default view). */
const PAGE_SIZE = 25;

export type StatusTab = ShopStatus | 'all';

function isStatus(s: string | null): s is ShopStatus {
  return s !== null && (SHOP_STATUSES as readonly string[]).includes(s);
}

export function tabOf(params: URLSearchParams): StatusTab {
  const s = params.get('status');
  if (s === 'all') return 'all';
  return isStatus(s) ? s : 'pending';
}

export function listInputOf(params: URLSearchParams): AdminShopListInput {
  const tab = tabOf(params);
  const q = (params.get('q') ?? '').trim().slice(0, 200);
  const after = params.get('after');
  return {
    limit: PAGE_SIZE,
    ...(tab === 'all' ? {} : { status: tab }),
    ...(q ? { search: q } : {}),
    ...(after ? { cursor: after.slice(0, 500) } : {}),
  };
}

export const STATUS_LABEL: Record<ShopStatus, string> = { pending: 'Waiting for approval', approved: 'Approved', rejected: 'Rejected', suspended: 'Suspended' };
export const STATUS_COLOR: Record<ShopStatus, string> = { pending: 'yellow', approved: 'green', rejected: 'gray', suspended: 'red' };
