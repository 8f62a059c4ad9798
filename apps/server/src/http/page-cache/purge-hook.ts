import type { FastifyBaseLogger } from 'fastify';

/** Every shareable page carries `pages` plus `market` (home, search) or `shop-<vendor id>` (product, shop page). */
export function pageTags(scope: 'market' | 'shop', shopIds: readonly string[]): string[] {
  return ['pages', ...(scope === 'market' || shopIds.length === 0 ? ['market'] : shopIds.map((id) => `shop-${id}`))];
}

/** The tags a change notification makes stale: a shop's pages and every market page, or everything for '*'. */
function staleTags(vendorId: string): string[] {
  return vendorId === '*' ? ['pages'] : [`shop-${vendorId}`, 'market'];
}

export interface PurgeHook {
  changed(vendorId: string): void;
  /** sends what is pending now (tests, shutdown) */
  flush(): Promise<void>;
}

interface PurgeHookOptions {
  url: string;
  token?: string | undefined;
  log: FastifyBaseLogger;
  /** changes within this window go out as one request */
  batchMs?: number;
  fetch?: typeof fetch;
}

/**
 * Tells a CDN in front which cached pages went stale: POST `{"tags": [...]}` (JSON) to PAGE_CACHE_PURGE_URL,
 * with `Authorization: Bearer PAGE_CACHE_PURGE_TOKEN` when set. Changes within `batchMs` are sent together.
 * Every instance hears every change and sends the same purge; purges are idempotent. A failed purge is logged,
 * not retried: the CDN's copy then lives at most s-maxage + stale-while-revalidate.
 */
export function createPurgeHook(opts: PurgeHookOptions): PurgeHook {
  const post = opts.fetch ?? fetch;
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let sending: Promise<void> = Promise.resolve();

  const send = async (): Promise<void> => {
    timer = undefined;
    if (pending.size === 0) return;
    const tags = pending.has('pages') ? ['pages'] : [...pending];
    pending.clear();
    try {
      const res = await post(opts.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
        body: JSON.stringify({ tags }),
        signal: AbortSignal.timeout(5_000),
      });
      if (!res.ok) opts.log.warn({ status: res.status, tags }, 'page cache purge refused by the CDN');
    } catch (err) {
      opts.log.warn({ err, tags }, 'page cache purge could not be sent');
    }
  };

  return {
    changed(vendorId) {
      for (const tag of staleTags(vendorId)) pending.add(tag);
      timer ??= setTimeout(() => {
        sending = sending.then(send);
      }, opts.batchMs ?? 200);
      timer.unref();
    },
    async flush() {
      if (timer) {
        clearTimeout(timer);
        sending = sending.then(send);
      }
      await sending;
    },
  };
}
