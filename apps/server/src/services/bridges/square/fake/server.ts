import type { IncomingMessage, ServerResponse } from 'node:http';
import { LocalHttp } from '../../fake-kit/local-http';
import type { FakeFaults } from './faults';
import { ANY_SCOPE, SquareApiError, type HandlerResult, type Route, type RouteContext } from './http';
import { canonicalJson } from '../../fake-kit/local-http';
import { type FakeState, type MerchantState, type TokenRecord } from './state';

export interface FakeRequestLog {
  method: string;
  path: string;
  status: number;
  idempotencyKey: string | null;
  merchantId: string | null;
}

interface CompiledRoute {
  route: Route;
  regex: RegExp;
  names: string[];
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const pattern = route.path.replace(/:([a-z_]+)/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, regex: new RegExp(`^${pattern}$`), names };
}

/** The HTTP side: routing, bearer auth, scopes, fault injection, idempotent replay and the request log. */
export class FakeHttpServer {
  readonly requests: FakeRequestLog[] = [];
  private readonly compiled: CompiledRoute[];

  constructor(
    private readonly state: FakeState,
    private readonly faults: FakeFaults,
    routes: Route[],
  ) {
    this.compiled = routes.map(compile);
  }

  private readonly http = new LocalHttp((req, res) => this.handle(req, res));

  listen(): Promise<string> {
    return this.http.listen();
  }

  close(): Promise<void> {
    return this.http.close();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const log: FakeRequestLog = { method, path: url.pathname, status: 0, idempotencyKey: null, merchantId: null };
    let result: HandlerResult;
    try {
      const raw = await readBody(req);
      result = await this.dispatch(method, url, raw, req, log);
    } catch (err) {
      result = errorResult(err);
    }
    log.status = result.status;
    this.requests.push(log);
    const headers: Record<string, string> = { ...result.headers };
    let payload: string | Buffer;
    if (typeof result.body === 'string' || Buffer.isBuffer(result.body)) {
      payload = result.body;
      headers['content-type'] = result.contentType ?? 'text/plain';
    } else {
      payload = result.body === undefined ? '' : JSON.stringify(result.body);
      headers['content-type'] = 'application/json';
    }
    res.writeHead(result.status, headers);
    res.end(payload);
  }

  private async dispatch(
    method: string,
    url: URL,
    raw: string,
    req: IncomingMessage,
    log: FakeRequestLog,
  ): Promise<HandlerResult> {
    const match = this.match(method, url.pathname);
    if (!match) throw new SquareApiError(404, 'INVALID_REQUEST_ERROR', 'NOT_FOUND', `No route ${method} ${url.pathname} in the fake.`);
    const { route, params } = match;
    let body: unknown = undefined;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw) as unknown;
      } catch {
        throw new SquareApiError(400, 'INVALID_REQUEST_ERROR', 'EXPECTED_JSON_BODY', 'The request body is not valid JSON.');
      }
    }
    const key = idempotencyKeyOf(body);
    log.idempotencyKey = key;
    this.faults.beforeRequest(url.pathname);
    let merchant: MerchantState | null = null;
    let token: TokenRecord | null = null;
    if (route.scope !== null) {
      token = this.authenticate(req.headers.authorization, route.scope);
      merchant = this.state.merchants.get(token.merchantId) ?? null;
      log.merchantId = token.merchantId;
    }
    const ctx: RouteContext = { params, query: url.searchParams, body, headers: req.headers, merchant, token };
    const result = route.idempotent && merchant && key !== null
      ? await this.replayable(merchant, `${method} ${url.pathname} ${key}`, body, () => route.handler(ctx))
      : await route.handler(ctx);
    if (result.status < 300 && method !== 'GET' && this.faults.failThisCommit(url.pathname)) {
      throw new SquareApiError(500, 'API_ERROR', 'INTERNAL_SERVER_ERROR', 'An internal error occurred (injected after commit).');
    }
    return result;
  }

  private match(method: string, path: string): { route: Route; params: Record<string, string> } | null {
    for (const c of this.compiled) {
      if (c.route.method !== method) continue;
      const m = c.regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      c.names.forEach((name, i) => {
        params[name] = decodeURIComponent(m[i + 1] ?? '');
      });
      return { route: c.route, params };
    }
    return null;
  }

  private authenticate(header: string | undefined, scope: string): TokenRecord {
    const now = this.state.clock.now();
    if (this.faults.expireNow()) {
      for (const t of this.state.tokens.values()) t.expiresAt = Math.min(t.expiresAt, now);
    }
    const m = /^Bearer (.+)$/.exec(header ?? '');
    const record = m ? this.state.tokens.get(m[1] ?? '') : undefined;
    if (!record) throw authError('UNAUTHORIZED', 'This request could not be authorized.');
    if (record.revoked) throw authError('ACCESS_TOKEN_REVOKED', 'The access token has been revoked.');
    if (record.expiresAt <= now) throw authError('ACCESS_TOKEN_EXPIRED', 'The access token has expired.');
    if (scope !== ANY_SCOPE && !record.scopes.includes(scope)) {
      throw new SquareApiError(403, 'AUTHENTICATION_ERROR', 'INSUFFICIENT_SCOPES', `The merchant has not given your application sufficient permissions to do that. The ${scope} permission is required.`);
    }
    return record;
  }

  /** Same key + same body: the first (successful) answer again; same key + other body: IDEMPOTENCY_KEY_REUSED. */
  private async replayable(
    merchant: MerchantState,
    slot: string,
    body: unknown,
    run: () => HandlerResult | Promise<HandlerResult>,
  ): Promise<HandlerResult> {
    const hash = canonicalJson(body);
    const seen = merchant.idempotency.get(slot);
    if (seen) {
      if (seen.bodyHash !== hash) {
        throw new SquareApiError(400, 'INVALID_REQUEST_ERROR', 'IDEMPOTENCY_KEY_REUSED', 'The idempotency key can only be retried with the same request data.', 'idempotency_key');
      }
      return { status: seen.status, body: seen.body };
    }
    const result = await run();
    if (result.status < 300) merchant.idempotency.set(slot, { bodyHash: hash, status: result.status, body: result.body });
    return result;
  }
}

function authError(code: string, detail: string): SquareApiError {
  return new SquareApiError(401, 'AUTHENTICATION_ERROR', code, detail);
}

function idempotencyKeyOf(body: unknown): string | null {
  if (body === null || typeof body !== 'object') return null;
  const key = (body as Record<string, unknown>).idempotency_key;
  return typeof key === 'string' ? key : null;
}

function errorResult(err: unknown): HandlerResult {
  if (err instanceof SquareApiError) return { status: err.status, body: err.toWire(), headers: err.headers };
  const detail = err instanceof Error ? err.message : String(err);
  return { status: 500, body: { errors: [{ category: 'API_ERROR', code: 'INTERNAL_SERVER_ERROR', detail }] } };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
