export type BulkErrorCode = 'ACCESS_DENIED' | 'INTERNAL_SERVER_ERROR' | 'TIMEOUT';

interface Counted {
  times: number;
}

function take<T extends Counted>(list: T[], match: (f: T) => boolean = () => true): T | null {
  const fault = list.find((f) => f.times > 0 && match(f));
  if (!fault) return null;
  fault.times -= 1;
  if (fault.times === 0) list.splice(list.indexOf(fault), 1);
  return fault;
}

/** Fault switches; each fires for the next `times` matching requests. */
export class ShopifyFakeFaults {
  private readonly rateLimits: (Counted & { retryAfterSeconds: number })[] = [];
  private readonly throttles: Counted[] = [];
  private readonly commits: (Counted & { field: string | null })[] = [];
  private readonly bulkFailures: (Counted & { errorCode: BulkErrorCode })[] = [];
  private expiryCountdown: number | null = null;

  /** HTTP 429 with `Retry-After` (Shopify's REST-style limit; the client's own retries handle 429). */
  rateLimit(opts: { times: number; retryAfterSeconds?: number }): void {
    this.rateLimits.push({ times: opts.times, retryAfterSeconds: opts.retryAfterSeconds ?? 1 });
  }

  /** A GraphQL THROTTLED error in an HTTP 200 (not executed), whatever the bucket holds. */
  throttle(opts: { times: number }): void {
    this.throttles.push({ times: opts.times });
  }

  /** Runs the mutation (state changes, webhooks sent), then answers HTTP 503 instead of the result. */
  failAfterCommit(opts: { times: number; field?: string }): void {
    this.commits.push({ times: opts.times, field: opts.field ?? null });
  }

  /** The next `times` bulk operations end FAILED with `errorCode` (default INTERNAL_SERVER_ERROR) and no file. */
  failBulk(opts: { times: number; errorCode?: BulkErrorCode }): void {
    this.bulkFailures.push({ times: opts.times, errorCode: opts.errorCode ?? 'INTERNAL_SERVER_ERROR' });
  }

  /** After `n` more authenticated GraphQL requests every access token issued so far expires (401). */
  expireTokensAfter(n: number): void {
    this.expiryCountdown = n;
  }

  clear(): void {
    this.rateLimits.length = 0;
    this.throttles.length = 0;
    this.commits.length = 0;
    this.bulkFailures.length = 0;
    this.expiryCountdown = null;
  }

  takeRateLimit(): { retryAfterSeconds: number } | null {
    return take(this.rateLimits);
  }

  takeBulkFailure(): BulkErrorCode | null {
    return take(this.bulkFailures)?.errorCode ?? null;
  }

  takeThrottle(): boolean {
    return take(this.throttles) !== null;
  }

  /** True when this committed mutation (root fields `fields`) must be answered 503. */
  takeCommitFailure(fields: string[]): boolean {
    return take(this.commits, (f) => f.field === null || fields.includes(f.field)) !== null;
  }

  /** Counts an authenticated request; true when the expiry fault fires now. */
  expireNow(): boolean {
    if (this.expiryCountdown === null) return false;
    if (this.expiryCountdown > 0) {
      this.expiryCountdown -= 1;
      return false;
    }
    this.expiryCountdown = null;
    return true;
  }
}
