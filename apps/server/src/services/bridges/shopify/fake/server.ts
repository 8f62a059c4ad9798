import type { IncomingMessage, ServerResponse } from 'node:http';
import { LocalHttp } from '../../fake-kit/local-http';
import type { BulkStore } from './bulk';
import type { ShopifyFakeFaults } from './faults';
import type { GraphqlEndpoint } from './graphql';
import { FakeShopifyOAuth, INVALID_TOKEN_BODY, OAuthError } from './oauth';
import type { FakeState, ShopState } from './state';
import { SHOPIFY_API_VERSION } from './webhooks';

export interface ShopifyFakeRequestLog {
  method: string;
  path: string;
  status: number;
  shop: string | null;
  /** root fields of the GraphQL operation (empty for other routes) */
  rootFields: string[];
  /** `@idempotent(key:)` values of the operation's root fields */
  idempotencyKeys: string[];
  throttled: boolean;
}

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const NOT_FOUND: Reply = { status: 404, body: { errors: 'Not Found' } };

/** The HTTP side: `/shops/{shop}/admin/...` routes, bulk files, access tokens, faults and the request log. */
export class ShopifyHttpServer {
  readonly requests: ShopifyFakeRequestLog[] = [];

  constructor(
    private readonly state: FakeState,
    private readonly oauth: FakeShopifyOAuth,
    private readonly graphql: GraphqlEndpoint,
    private readonly bulk: () => BulkStore,
    private readonly faults: ShopifyFakeFaults,
  ) {}

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
    const log: ShopifyFakeRequestLog = { method, path: url.pathname, status: 0, shop: null, rootFields: [], idempotencyKeys: [], throttled: false };
    let reply: Reply;
    try {
      const raw = await readBody(req);
      reply = this.route(method, url, raw, req, log);
    } catch (err) {
      reply = err instanceof OAuthError ? { status: err.status, body: err.body } : { status: 500, body: { errors: err instanceof Error ? err.message : String(err) } };
    }
    log.status = reply.status;
    this.requests.push(log);
    const headers: Record<string, string> = { ...reply.headers };
    let payload = '';
    if (typeof reply.body === 'string') {
      payload = reply.body;
      headers['content-type'] ??= 'text/plain';
    } else if (reply.body !== undefined) {
      payload = JSON.stringify(reply.body);
      headers['content-type'] = 'application/json; charset=utf-8';
    }
    res.writeHead(reply.status, headers);
    res.end(payload);
  }

  private route(method: string, url: URL, raw: string, req: IncomingMessage, log: ShopifyFakeRequestLog): Reply {
    const bulkFile = /^\/bulk\/(\d+)\.jsonl$/.exec(url.pathname);
    if (bulkFile && method === 'GET') {
      const text = this.bulk().file(Number(bulkFile[1]));
      return text === null ? NOT_FOUND : { status: 200, body: text, headers: { 'content-type': 'application/jsonl' } };
    }
    const m = /^\/shops\/([^/]+)\/admin\/(.+)$/.exec(url.pathname);
    const shop = m ? this.state.shops.get(decodeURIComponent(m[1] ?? '')) : undefined;
    if (!m || !shop) return NOT_FOUND;
    log.shop = shop.domain;
    const rest = m[2] ?? '';
    if (rest === 'oauth/authorize' && method === 'GET') {
      return { status: 302, body: '', headers: { location: this.oauth.authorize(shop, url.searchParams) } };
    }
    if (rest === 'oauth/access_token' && method === 'POST') {
      return { status: 200, body: this.oauth.accessToken(shop, parseForm(raw, req.headers['content-type'])) };
    }
    if (rest === `api/${SHOPIFY_API_VERSION}/graphql.json` && method === 'POST') return this.graphqlRequest(shop, raw, req, log);
    return NOT_FOUND;
  }

  private graphqlRequest(shop: ShopState, raw: string, req: IncomingMessage, log: ShopifyFakeRequestLog): Reply {
    const limited = this.faults.takeRateLimit();
    if (limited) {
      return {
        status: 429,
        body: { errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.' },
        headers: { 'retry-after': String(limited.retryAfterSeconds) },
      };
    }
    if (this.faults.expireNow()) this.oauth.expireAll();
    const header = req.headers['x-shopify-access-token'];
    if (!this.oauth.check(typeof header === 'string' ? header : undefined, shop)) return { status: 401, body: INVALID_TOKEN_BODY };
    let body: unknown;
    try {
      body = raw.length > 0 ? JSON.parse(raw) : {};
    } catch {
      return { status: 400, body: { errors: 'Invalid JSON in request body' } };
    }
    const outcome = this.graphql.handle(shop, body);
    log.rootFields = outcome.rootFields;
    log.idempotencyKeys = outcome.idempotencyKeys;
    log.throttled = outcome.throttled;
    if (outcome.committed && this.faults.takeCommitFailure(outcome.rootFields)) {
      return { status: 503, body: { errors: 'Service Unavailable (injected after commit)' } };
    }
    return { status: outcome.status, body: outcome.body };
  }
}

function parseForm(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  try {
    const parsed = JSON.parse(raw || '{}') as unknown;
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    throw new OAuthError(400, { error: 'invalid_request', error_description: 'The request body is not valid JSON.' });
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
