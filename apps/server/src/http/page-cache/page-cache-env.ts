import { z } from 'zod';

/** The shared page cache's settings (PAGE_CACHE_* variables); see the README's configuration table. */
export const pageCacheEnv = {
  /** `off`: every page is rendered per request and no copy is kept (the bench's cold figures) */
  PAGE_CACHE: z.enum(['on', 'off']).default('on'),
  /** memory for cached pages (plain + gzip bodies), least recently used evicted first */
  PAGE_CACHE_MAX_MB: z.coerce.number().min(1).max(4096).default(32),
  /** a cached copy is re-rendered after this long even without a change (shops' open/closed labels move with time) */
  PAGE_CACHE_MAX_AGE_SECONDS: z.coerce.number().int().min(1).default(60),
  /** how long a CDN/shared proxy may serve a page (s-maxage) and serve it stale while revalidating */
  PAGE_CACHE_S_MAXAGE: z.coerce.number().int().min(0).default(5),
  PAGE_CACHE_STALE_WHILE_REVALIDATE: z.coerce.number().int().min(0).default(30),
  /** a CDN purge endpoint: the server POSTs {"tags": [...]} there when pages go stale (see README) */
  PAGE_CACHE_PURGE_URL: z.url().optional(),
  /** sent as `Authorization: Bearer …` with purge requests */
  PAGE_CACHE_PURGE_TOKEN: z.string().optional(),
};
