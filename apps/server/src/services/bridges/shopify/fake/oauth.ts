import { createHmac } from 'node:crypto';
import { newSecret, type FakeState, type ShopState } from './state';
import type { ShopifyWebhookOutbox } from './webhooks';

const ACCESS_TOKEN_LIFETIME_S = 3600;
const REFRESH_TOKEN_LIFETIME_S = 90 * 24 * 3600;
const CODE_LIFETIME_MS = 10 * 60 * 1000;
export const INVALID_TOKEN_BODY = { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' };

export interface AccessTokenRecord {
  token: string;
  shop: string;
  scope: string;
  /** null: a non-expiring offline token */
  expiresAt: number | null;
  revoked: boolean;
}

interface RefreshRecord {
  shop: string;
  scope: string;
  family: string;
  generation: number;
  expiresAt: number;
  dead: boolean;
}

/** What `POST /admin/oauth/access_token` answers (expiring offline token). */
export interface ShopifyTokenResponse {
  access_token: string;
  scope: string;
  expires_in?: number;
  refresh_token?: string;
  refresh_token_expires_in?: number;
}

export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(JSON.stringify(body));
  }
}

/** Shopify's OAuth query hmac: hex HMAC-SHA256 (client secret) of the query minus `hmac`, keys sorted, URL-encoded. */
function shopifyQueryHmac(secret: string, params: Record<string, string>): string {
  const sorted = Object.entries(params)
    .filter(([k]) => k !== 'hmac' && k !== 'signature')
    .sort(([a], [b]) => a.localeCompare(b));
  return createHmac('sha256', secret).update(new URLSearchParams(sorted).toString()).digest('hex');
}

/** The authorization-code grant with expiring offline tokens and rotating refresh tokens. */
export class FakeShopifyOAuth {
  readonly tokens = new Map<string, AccessTokenRecord>();
  private readonly refreshTokens = new Map<string, RefreshRecord>();
  private readonly codes = new Map<string, { shop: string; scope: string; expiresAt: number; used: boolean }>();

  constructor(
    private readonly state: FakeState,
    private readonly webhooks: ShopifyWebhookOutbox,
  ) {}

  /** `GET /admin/oauth/authorize`: the seller approves at once; returns the redirect Location. */
  authorize(shop: ShopState, query: URLSearchParams): string {
    const redirectUri = query.get('redirect_uri') ?? '';
    if (query.get('client_id') !== this.state.clientId) throw new OAuthError(400, { error: 'invalid_request', error_description: 'Unknown client_id.' });
    if (redirectUri !== this.state.redirectUrl) {
      throw new OAuthError(400, { error: 'invalid_request', error_description: 'The redirect_uri is not whitelisted' });
    }
    shop.installed = true;
    const code = newSecret('');
    const now = this.state.clock.now();
    this.codes.set(code, { shop: shop.domain, scope: query.get('scope') ?? '', expiresAt: now + CODE_LIFETIME_MS, used: false });
    const params: Record<string, string> = {
      code,
      host: Buffer.from(`admin.shopify.com/store/${shop.domain.replace('.myshopify.com', '')}`).toString('base64url'),
      shop: shop.domain,
      state: query.get('state') ?? '',
      timestamp: String(Math.floor(now / 1000)),
    };
    const url = new URL(redirectUri);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    url.searchParams.set('hmac', shopifyQueryHmac(this.state.clientSecret, params));
    return url.toString();
  }

  /** `POST /admin/oauth/access_token`: a code (once) or a refresh token (rotating) for a new token pair. */
  accessToken(shop: ShopState, body: Record<string, unknown>): ShopifyTokenResponse {
    if (body.client_id !== this.state.clientId || body.client_secret !== this.state.clientSecret) {
      throw new OAuthError(400, { error: 'invalid_client', error_description: 'Client credentials are invalid' });
    }
    const now = this.state.clock.now();
    if (body.grant_type === 'refresh_token') {
      const presented = typeof body.refresh_token === 'string' ? body.refresh_token : '';
      const record = this.refreshTokens.get(presented);
      if (!record || record.dead || record.shop !== shop.domain || record.expiresAt <= now || !shop.installed) {
        throw new OAuthError(400, { error: 'invalid_grant', error_description: 'The refresh token is invalid or has expired.' });
      }
      // the token before this one dies now that its successor is used; this one lives until its own successor is
      for (const r of this.refreshTokens.values()) if (r.family === record.family && r.generation < record.generation) r.dead = true;
      return this.issue(shop, record.scope, true, { family: record.family, generation: record.generation + 1 });
    }
    const code = typeof body.code === 'string' ? this.codes.get(body.code) : undefined;
    if (!code || code.used || code.shop !== shop.domain || code.expiresAt <= now) {
      throw new OAuthError(400, { error: 'invalid_request', error_description: 'The authorization code was not found or was already used' });
    }
    code.used = true;
    return this.issue(shop, code.scope, body.expiring === '1' || body.expiring === 1, { family: newSecret(''), generation: 0 });
  }

  /** A token pair without the browser dance (tests). */
  issue(shop: ShopState, scope: string, expiring: boolean, chain = { family: newSecret(''), generation: 0 }): ShopifyTokenResponse {
    const now = this.state.clock.now();
    const token = newSecret('shpat_');
    this.tokens.set(token, { token, shop: shop.domain, scope, expiresAt: expiring ? now + ACCESS_TOKEN_LIFETIME_S * 1000 : null, revoked: false });
    if (!expiring) return { access_token: token, scope };
    const refresh = newSecret('shprt_');
    this.refreshTokens.set(refresh, { shop: shop.domain, scope, ...chain, expiresAt: now + REFRESH_TOKEN_LIFETIME_S * 1000, dead: false });
    return { access_token: token, scope, expires_in: ACCESS_TOKEN_LIFETIME_S, refresh_token: refresh, refresh_token_expires_in: REFRESH_TOKEN_LIFETIME_S };
  }

  /** The shop of a live access token, or null (unknown, expired, revoked, other shop). */
  check(token: string | undefined, shop: ShopState): AccessTokenRecord | null {
    const record = token === undefined ? undefined : this.tokens.get(token);
    if (!record || record.revoked || record.shop !== shop.domain) return null;
    if (record.expiresAt !== null && record.expiresAt <= this.state.clock.now()) return null;
    return record;
  }

  expireAll(): void {
    const now = this.state.clock.now();
    for (const t of this.tokens.values()) if (t.expiresAt === null || t.expiresAt > now) t.expiresAt = now;
  }

  /** The seller uninstalls the app: every token of the shop dies and app/uninstalled is sent. */
  uninstall(shop: ShopState): void {
    shop.installed = false;
    for (const t of this.tokens.values()) if (t.shop === shop.domain) t.revoked = true;
    for (const r of this.refreshTokens.values()) if (r.shop === shop.domain) r.dead = true;
    this.webhooks.emit(shop.domain, 'app/uninstalled', {
      id: shop.id,
      name: shop.name,
      email: `owner@${shop.domain}`,
      domain: shop.domain,
      myshopify_domain: shop.domain,
      currency: shop.currency,
      iana_timezone: shop.ianaTimezone,
    });
  }
}
