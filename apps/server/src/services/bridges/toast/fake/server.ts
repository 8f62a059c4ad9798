import type { IncomingMessage, ServerResponse } from 'node:http';
import { LocalHttp } from '../../fake-kit/local-http';

/** A Toast error answer: `{status, code, message}` with the HTTP status. */
export class ToastApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: number | null = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface FakeRequest {
  method: string;
  path: string;
  params: string[];
  query: URLSearchParams;
  body: unknown;
  headers: IncomingMessage['headers'];
  /** `Toast-Restaurant-External-ID` */
  restaurant: string | null;
}

export interface FakeRoute {
  method: 'GET' | 'POST' | 'PUT';
  path: RegExp;
  /** null: no token (login); '' any valid token; else the scope the token needs */
  scope: string | null;
  /** a restaurant header is required (and the restaurant must have the integration) */
  perRestaurant: boolean;
  handler(req: FakeRequest): unknown;
}

export interface FakeRequestLog {
  method: string;
  path: string;
  status: number;
  restaurant: string | null;
}

interface Fault {
  kind: 'rate_limit' | 'fail_after_commit';
  times: number;
  path: string | null;
  retryAfterSeconds: number;
}

/** What the server asks the fake: is this bearer token live, with which scopes; may this restaurant be reached. */
export interface FakeAuth {
  scopesOf(token: string): string[] | null;
  restaurantReachable(guid: string): boolean;
}

/** The HTTP side: routing, bearer tokens, scopes, the restaurant header, injected faults, the request log. */
export class FakeServer {
  readonly requests: FakeRequestLog[] = [];
  private faults: Fault[] = [];
  /** Toast's limits counted per restaurant (20 requests a second, `/menus` 1 a second): off unless switched on */
  enforceLimits = false;
  private readonly seen = new Map<string, number[]>();

  constructor(
    private readonly routes: FakeRoute[],
    private readonly auth: FakeAuth,
  ) {}

  private readonly http = new LocalHttp((req, res) => this.handle(req, res));

  listen(): Promise<string> {
    return this.http.listen();
  }

  close(): Promise<void> {
    return this.http.close();
  }

  rateLimit(opts: { times: number; retryAfterSeconds?: number; path?: string }): void {
    this.faults.push({ kind: 'rate_limit', times: opts.times, path: opts.path ?? null, retryAfterSeconds: opts.retryAfterSeconds ?? 1 });
  }

  /** the next matching writes are carried out, then answered 500 (the answer is lost after the commit) */
  failAfterCommit(opts: { times: number; path?: string }): void {
    this.faults.push({ kind: 'fail_after_commit', times: opts.times, path: opts.path ?? null, retryAfterSeconds: 0 });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** true when this call is over Toast's per-restaurant limits (sliding one-second windows) */
  private overLimit(restaurant: string, path: string): boolean {
    if (!this.enforceLimits) return false;
    const now = Date.now();
    const windows: [string, number][] = [[`all:${restaurant}`, 20]];
    if (path === '/menus/v2/menus') windows.push([`menus:${restaurant}`, 1]);
    let over = false;
    for (const [key, limit] of windows) {
      const recent = (this.seen.get(key) ?? []).filter((t) => now - t < 1000);
      if (recent.length >= limit) over = true;
      this.seen.set(key, recent);
    }
    if (!over) for (const [key] of windows) this.seen.get(key)?.push(now);
    return over;
  }

  private takeFault(kind: Fault['kind'], path: string): Fault | null {
    const f = this.faults.find((x) => x.kind === kind && x.times > 0 && (x.path === null || path.startsWith(x.path)));
    if (!f) return null;
    f.times--;
    return f;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const header = req.headers['toast-restaurant-external-id'];
    const restaurant = typeof header === 'string' && header !== '' ? header : null;
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      this.requests.push({ method: req.method ?? '', path: url.pathname, status, restaurant });
      res.writeHead(status, { 'content-type': 'application/json', date: new Date().toUTCString(), ...headers });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };
    try {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const raw = Buffer.concat(chunks).toString('utf8');
      const route = this.routes.find((r) => r.method === req.method && r.path.test(url.pathname));
      if (!route) throw new ToastApiError(404, `No route for ${req.method ?? ''} ${url.pathname}`);
      if (route.scope !== null) {
        const auth = req.headers.authorization ?? '';
        const scopes = auth.startsWith('Bearer ') ? this.auth.scopesOf(auth.slice(7)) : null;
        if (!scopes) throw new ToastApiError(401, 'Unauthorized: the token is missing, expired or unknown.', 10012);
        if (route.scope !== '' && !scopes.includes(route.scope)) throw new ToastApiError(403, `Forbidden: the token lacks the scope ${route.scope}.`, 10013);
      }
      if (route.perRestaurant && (!restaurant || !this.auth.restaurantReachable(restaurant))) {
        throw new ToastApiError(401, 'Unauthorized: this restaurant has not granted access to the client.', 10014);
      }
      if (restaurant && this.overLimit(restaurant, url.pathname)) throw new ToastApiError(429, 'Too many requests for this restaurant.', 429, { 'retry-after': '1' });
      const limited = this.takeFault('rate_limit', url.pathname);
      if (limited) throw new ToastApiError(429, 'Too many requests.', 429, { 'retry-after': String(limited.retryAfterSeconds) });
      const body: unknown = raw === '' ? undefined : JSON.parse(raw);
      const match = route.path.exec(url.pathname);
      const out = route.handler({ method: req.method ?? '', path: url.pathname, params: match ? match.slice(1) : [], query: url.searchParams, body, headers: req.headers, restaurant });
      if (req.method !== 'GET' && this.takeFault('fail_after_commit', url.pathname)) throw new ToastApiError(500, 'Internal server error.');
      send(200, out);
    } catch (e) {
      if (e instanceof ToastApiError) send(e.status, { status: e.status, code: e.code, message: e.message, messageKey: null, fieldName: null }, e.headers);
      else send(500, { status: 500, code: null, message: e instanceof Error ? e.message : String(e) });
    }
  }
}
