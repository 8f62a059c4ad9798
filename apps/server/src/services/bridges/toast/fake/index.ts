import { READ_ONLY_SCOPES, ToastFakeCore, type FakeWebhook } from './core';
import { fakeRoutes } from './routes';
import { FakeServer, type FakeRequestLog } from './server';

export { READ_ONLY_SCOPES };
export type { FakeWebhook, FakeRequestLog };

export interface ToastFakeOptions {
  clientId?: string;
  clientSecret?: string;
  webhookSecret?: string;
  /** the token's scopes (default: full partner access); `READ_ONLY_SCOPES` = Standard API access */
  scopes?: string[];
}

/** The Toast fake: state and seller actions (ToastFakeCore) behind an HTTP server on 127.0.0.1. */
export interface ToastFake extends ToastFakeCore {
  readonly baseUrl: string;
  readonly requests: FakeRequestLog[];
  readonly faults: {
    rateLimit(opts: { times: number; retryAfterSeconds?: number; path?: string }): void;
    failAfterCommit(opts: { times: number; path?: string }): void;
    /** count Toast's per-restaurant limits (20/s, `/menus` 1/s) and answer 429 over them */
    enforceLimits(on: boolean): void;
    /** every issued token dies: the next calls get 401 */
    expireTokens(): void;
    /** order answers and webhooks carry this much padding (Toast's can exceed 600 KB) */
    bigOrders(bytes: number): void;
    clear(): void;
  };
  close(): Promise<void>;
}

export async function startToastFake(opts: ToastFakeOptions = {}): Promise<ToastFake> {
  const core = new ToastFakeCore(opts.clientId ?? 'makeries-fake-client', opts.clientSecret ?? 'makeries-fake-secret', opts.webhookSecret ?? 'makeries-test-toast-webhook-secret');
  if (opts.scopes) core.scopes = [...opts.scopes];
  const server = new FakeServer(fakeRoutes(core), {
    scopesOf: (token) => core.scopesOf(token),
    restaurantReachable: (guid) => {
      const r = core.restaurants.get(guid);
      return r !== undefined && !r.deleted;
    },
  });
  const baseUrl = await server.listen();
  const extra = {
    baseUrl,
    requests: server.requests,
    faults: {
      rateLimit: (o: { times: number; retryAfterSeconds?: number; path?: string }) => server.rateLimit(o),
      failAfterCommit: (o: { times: number; path?: string }) => server.failAfterCommit(o),
      enforceLimits: (on: boolean) => {
        server.enforceLimits = on;
      },
      expireTokens: () => core.expireTokens(),
      bigOrders: (bytes: number) => {
        core.orderPaddingBytes = bytes;
      },
      clear: () => {
        server.clearFaults();
        core.orderPaddingBytes = 0;
      },
    },
    close: () => server.close(),
  };
  return Object.assign(core, extra);
}
