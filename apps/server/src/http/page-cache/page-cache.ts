import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { FastifyBaseLogger } from 'fastify';
import type { ShareablePage } from '@makeries/web/ssr';
import type { Database } from '../../db/client';
import type { Env } from '../../env';
import { changeNotifier } from '../../services/sync/notifier';
import { sharedPageCsp } from '../security-headers';
import { PageStore, type CachedPage } from './page-store';
import { createPurgeHook, type PurgeHook } from './purge-hook';

const gzipAsync = promisify(gzip);

/** What a shared render gave: a page (any status), or a redirect. */
interface SharedRender {
  status: number;
  location?: string;
  html: string;
  shopIds: string[];
}

export interface SharedAnswer {
  status: number;
  location?: string;
  page?: CachedPage;
  /** served from memory without rendering */
  hit: boolean;
}

/** Inline scripts the browser runs (not JSON data blocks): the CSP allows exactly these by their sha256. */
const INLINE_SCRIPT = /<script(?![^>]*\ssrc=)([^>]*)>([\s\S]*?)<\/script>/g;
const DATA_SCRIPT = /\stype="application\/(?:ld\+)?json"/;

function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const [, attrs = '', body = ''] of html.matchAll(INLINE_SCRIPT)) {
    if (!DATA_SCRIPT.test(attrs)) hashes.add(createHash('sha256').update(body, 'utf8').digest('base64'));
  }
  return [...hashes];
}

interface PageCacheOptions {
  database: Database;
  env: Env;
  log: FastifyBaseLogger;
}

/**
 * The shared page cache (home, search, shop and product pages as anyone sees them). A page is rendered once per
 * key (concurrent misses wait for the same render) and kept until a change notification concerns it: the
 * change feed's NOTIFY reaches every server instance, so each drops its own copies. Pages are kept only while
 * this process is listening; PAGE_CACHE=off renders every request.
 */
export class PageCache {
  readonly store: PageStore;
  private readonly inflight = new Map<string, Promise<SharedAnswer>>();
  private readonly purge: PurgeHook | undefined;
  private listening: Promise<boolean> | undefined;
  private unsubscribe: (() => void) | undefined;
  private closed = false;

  constructor(private readonly opts: PageCacheOptions) {
    const { env } = opts;
    this.store = new PageStore({ maxBytes: env.PAGE_CACHE_MAX_MB * 1024 * 1024, maxAgeMs: env.PAGE_CACHE_MAX_AGE_SECONDS * 1000 });
    this.purge = env.PAGE_CACHE_PURGE_URL ? createPurgeHook({ url: env.PAGE_CACHE_PURGE_URL, token: env.PAGE_CACHE_PURGE_TOKEN, log: opts.log }) : undefined;
  }

  get enabled(): boolean {
    return this.opts.env.PAGE_CACHE === 'on';
  }

  /** A change notification (a shop's id or '*'), from the notifier or a test. */
  changed(vendorId: string): void {
    this.store.invalidate(vendorId);
    this.purge?.changed(vendorId);
  }

  async page(shareable: ShareablePage, render: () => Promise<SharedRender>): Promise<SharedAnswer> {
    const keep = this.enabled && (await this.listen());
    if (keep) {
      const hit = this.store.get(shareable.key);
      if (hit) return { status: 200, page: hit, hit: true };
    }
    const running = this.inflight.get(shareable.key);
    if (running) return running;
    const answer = this.renderOnce(shareable, render, keep);
    if (keep) {
      this.inflight.set(shareable.key, answer);
      void answer.finally(() => this.inflight.delete(shareable.key)).catch(() => undefined);
    }
    return answer;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe?.();
    this.store.clear();
    await this.purge?.flush();
  }

  private async renderOnce(shareable: ShareablePage, render: () => Promise<SharedRender>, keep: boolean): Promise<SharedAnswer> {
    const since = this.store.begin();
    const result = await render();
    if (result.location !== undefined) return { status: result.status, location: result.location, hit: false };
    const plain = Buffer.from(result.html, 'utf8');
    const page: CachedPage = {
      key: shareable.key,
      scope: shareable.scope,
      shopIds: result.shopIds,
      plain,
      gzip: await gzipAsync(plain, { level: 6 }),
      etag: `"${createHash('sha256').update(plain).digest('base64url').slice(0, 32)}"`,
      csp: sharedPageCsp(this.opts.env, inlineScriptHashes(result.html)),
      storedAt: Date.now(),
    };
    // only complete pages are shared; a 404 or an error page is rendered each time
    if (keep && result.status === 200) this.store.put(page, since);
    return { status: result.status, page, hit: false };
  }

  /** Subscribes to change notifications once; while that fails, nothing is kept (and it is retried). */
  private listen(): Promise<boolean> {
    this.listening ??= changeNotifier(this.opts.database)
      .subscribe((vendorId) => this.changed(vendorId))
      .then((unsubscribe) => {
        if (this.closed) unsubscribe();
        else this.unsubscribe = unsubscribe;
        return !this.closed;
      })
      .catch((err: unknown) => {
        this.opts.log.warn({ err }, 'page cache: change notifications unavailable, pages are rendered per request');
        setTimeout(() => (this.listening = undefined), 5_000).unref();
        return false;
      });
    return this.listening;
  }
}
