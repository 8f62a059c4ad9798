import { SquareApiError } from './http';

interface CountedFault {
  times: number;
  path: string;
}

/** Fault switches; each one fires for the next `times` requests whose path starts with `path`. */
export class FakeFaults {
  private readonly rateLimits: (CountedFault & { retryAfterSeconds: number })[] = [];
  private readonly locks: (CountedFault & { retryAfterSeconds: number | null })[] = [];
  private readonly commits: CountedFault[] = [];
  private expiryCountdown: number | null = null;

  /** 429 RATE_LIMITED with `Retry-After` (the SDK retries 429 honouring it). */
  rateLimit(opts: { times: number; retryAfterSeconds?: number; path?: string }): void {
    this.rateLimits.push({ times: opts.times, retryAfterSeconds: opts.retryAfterSeconds ?? 1, path: opts.path ?? '/' });
  }

  /** Performs the write, stores its idempotent answer, then answers 500 INTERNAL_SERVER_ERROR. */
  failAfterCommit(opts: { times: number; path?: string }): void {
    this.commits.push({ times: opts.times, path: opts.path ?? '/' });
  }

  /** 429 "Catalog locked by prior request" on catalog calls (Square: one catalog write per seller at a time). */
  catalogLocked(opts: { times: number; retryAfterSeconds?: number; path?: string }): void {
    this.locks.push({ times: opts.times, retryAfterSeconds: opts.retryAfterSeconds ?? null, path: opts.path ?? '/v2/catalog/' });
  }

  /**
   * After `n` more authenticated requests, every access token issued so far expires (401 ACCESS_TOKEN_EXPIRED);
   * tokens obtained afterwards (refresh) work.
   */
  expireTokensAfter(n: number): void {
    this.expiryCountdown = n;
  }

  clear(): void {
    this.rateLimits.length = 0;
    this.locks.length = 0;
    this.commits.length = 0;
    this.expiryCountdown = null;
  }

  /** Throws the injected error for this request, if any (before auth and before the handler runs). */
  beforeRequest(path: string): void {
    const lock = take(this.locks, path);
    if (lock) {
      const headers: Record<string, string> = {};
      if (lock.retryAfterSeconds !== null) headers['Retry-After'] = String(lock.retryAfterSeconds);
      throw new SquareApiError(429, 'RATE_LIMIT_ERROR', 'RATE_LIMITED', 'Catalog locked by prior request', undefined, headers);
    }
    const limit = take(this.rateLimits, path);
    if (limit) {
      throw new SquareApiError(429, 'RATE_LIMIT_ERROR', 'RATE_LIMITED', 'Rate limit exceeded; retry later.', undefined, {
        'Retry-After': String(limit.retryAfterSeconds),
      });
    }
  }

  /** True when this request's committed success must be answered with a 500. */
  failThisCommit(path: string): boolean {
    return take(this.commits, path) !== null;
  }

  /** Counts an authenticated request; true when the token expiry fault fires now. */
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

function take<T extends CountedFault>(list: T[], path: string): T | null {
  const fault = list.find((f) => f.times > 0 && path.startsWith(f.path));
  if (!fault) return null;
  fault.times -= 1;
  if (fault.times === 0) list.splice(list.indexOf(fault), 1);
  return fault;
}
