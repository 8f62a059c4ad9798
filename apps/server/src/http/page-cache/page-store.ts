/** One rendered page kept for everyone: both bodies, its validator and its CSP (hashes of its inline scripts). */
export interface CachedPage {
  key: string;
  scope: 'market' | 'shop';
  shopIds: readonly string[];
  plain: Buffer;
  gzip: Buffer;
  /** strong validator of the plain body; the gzip body's is this with a `-gz` suffix */
  etag: string;
  csp: string;
  storedAt: number;
}

/** Where the store is in time: a render remembers it when it starts, so a change during the render is not lost. */
type Generation = number;

interface PageStoreOptions {
  maxBytes: number;
  maxAgeMs: number;
  now?: () => number;
}

const sizeOf = (p: CachedPage) => p.plain.length + p.gzip.length + p.key.length * 2 + p.csp.length * 2 + 256;

/**
 * Rendered pages in memory, least recently used evicted first once their bytes pass `maxBytes`. A change
 * notification for a shop drops that shop's pages and every market page (home, search); '*' drops all. A page
 * whose render began before a change that concerns it is not stored, so a copy never outlives the data it showed.
 */
export class PageStore {
  private readonly pages = new Map<string, CachedPage>();
  private readonly byShop = new Map<string, Set<string>>();
  private readonly market = new Set<string>();
  /** the generation of the latest change per shop, and of the latest change of everything */
  private readonly shopChangedAt = new Map<string, Generation>();
  private allChangedAt: Generation = 0;
  private generation: Generation = 0;
  private bytesUsed = 0;
  private readonly now: () => number;

  constructor(private readonly opts: PageStoreOptions) {
    this.now = opts.now ?? Date.now;
  }

  get bytes(): number {
    return this.bytesUsed;
  }

  get size(): number {
    return this.pages.size;
  }

  /** Call before rendering; pass the result to `put`. */
  begin(): Generation {
    return this.generation;
  }

  get(key: string): CachedPage | undefined {
    const page = this.pages.get(key);
    if (!page) return undefined;
    if (this.now() - page.storedAt > this.opts.maxAgeMs) {
      this.remove(key);
      return undefined;
    }
    // most recently used last: eviction takes from the front
    this.pages.delete(key);
    this.pages.set(key, page);
    return page;
  }

  /** Stores the page unless something it shows changed since `since`; returns whether it was stored. */
  put(page: CachedPage, since: Generation): boolean {
    if (this.changedSince(page, since)) return false;
    const size = sizeOf(page);
    if (size > this.opts.maxBytes / 4) return false;
    this.remove(page.key);
    this.pages.set(page.key, page);
    this.bytesUsed += size;
    if (page.scope === 'market') this.market.add(page.key);
    for (const shop of page.shopIds) {
      let keys = this.byShop.get(shop);
      if (!keys) this.byShop.set(shop, (keys = new Set()));
      keys.add(page.key);
    }
    for (const oldest of this.pages.keys()) {
      if (this.bytesUsed <= this.opts.maxBytes) break;
      this.remove(oldest);
    }
    return true;
  }

  /** A change notification: `vendorId` is a shop's id, or '*' for everything. Returns the keys dropped. */
  invalidate(vendorId: string): string[] {
    this.generation++;
    if (vendorId === '*') {
      this.allChangedAt = this.generation;
      const keys = [...this.pages.keys()];
      this.clear();
      return keys;
    }
    this.shopChangedAt.set(vendorId, this.generation);
    const keys = [...this.market, ...(this.byShop.get(vendorId) ?? [])];
    for (const key of keys) this.remove(key);
    return keys;
  }

  clear(): void {
    this.pages.clear();
    this.byShop.clear();
    this.market.clear();
    this.bytesUsed = 0;
  }

  private changedSince(page: CachedPage, since: Generation): boolean {
    if (this.allChangedAt > since) return true;
    // a market page shows any shop; a shop page only its own
    if (page.scope === 'market' || page.shopIds.length === 0) return this.generation > since;
    return page.shopIds.some((shop) => (this.shopChangedAt.get(shop) ?? 0) > since);
  }

  private remove(key: string): void {
    const page = this.pages.get(key);
    if (!page) return;
    this.pages.delete(key);
    this.bytesUsed -= sizeOf(page);
    this.market.delete(key);
    for (const shop of page.shopIds) {
      const keys = this.byShop.get(shop);
      keys?.delete(key);
      if (keys?.size === 0) this.byShop.delete(shop);
    }
  }
}
