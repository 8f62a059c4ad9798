import type { FakeEvents } from './events';
import type { Params } from './form';
import type { FakeState } from './objects';

/** Test switches: each counter is "the next N requests of that kind". */
export class FakeFaults {
  declines = 0;
  timeouts = 0;
  timeoutDelayMs = 3000;
  transferFailures = 0;
  serverErrors = 0;

  /** the next N card payments (Payment Element confirm or reader presentation) are declined */
  declineNextCard(n = 1): void {
    this.declines += n;
  }
  /** the next N requests are processed but answered only after `delayMs` (past the SDK timeout) */
  timeoutNext(n = 1, delayMs = this.timeoutDelayMs): void {
    this.timeouts += n;
    this.timeoutDelayMs = delayMs;
  }
  /** the next N transfers fail (e.g. the platform balance is short) */
  failNextTransfer(n = 1): void {
    this.transferFailures += n;
  }
  /** the next N requests get a 500 api_error without being processed */
  failNext(n = 1): void {
    this.serverErrors += n;
  }
  reset(): void {
    this.declines = 0;
    this.timeouts = 0;
    this.transferFailures = 0;
    this.serverErrors = 0;
  }
  take(kind: 'declines' | 'timeouts' | 'transferFailures' | 'serverErrors'): boolean {
    if (this[kind] <= 0) return false;
    this[kind]--;
    return true;
  }
}

export interface RouteContext {
  params: Params;
  path: string[];
  /** the `Stripe-Account` header (a connected account), if any */
  account: string | null;
  idempotencyKey: string | null;
  state: FakeState;
  events: FakeEvents;
  faults: FakeFaults;
  baseUrl: string;
}

export interface RouteResult {
  status?: number;
  body: unknown;
}

export type Handler = (ctx: RouteContext) => RouteResult | Promise<RouteResult>;

/** A Stripe error response (`{ error: { type, code, message } }`). */
export class FakeStripeError extends Error {
  constructor(
    readonly status: number,
    readonly error: Record<string, unknown>,
  ) {
    super(String(error.message));
  }
}

export function notFound(what: string, id: string): FakeStripeError {
  return new FakeStripeError(404, { type: 'invalid_request_error', code: 'resource_missing', message: `No such ${what}: '${id}'` });
}

export function invalid(message: string, param?: string, code = 'parameter_invalid'): FakeStripeError {
  return new FakeStripeError(400, { type: 'invalid_request_error', code, message, ...(param ? { param } : {}) });
}

export function need<T>(map: Map<string, T>, id: string | undefined, what: string): T {
  const found = id ? map.get(id) : undefined;
  if (!found) throw notFound(what, id ?? '');
  return found;
}
