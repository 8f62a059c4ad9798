import { z } from 'zod';
import { ANY_SCOPE, SquareApiError, badRequest, notFound, ok, parseBody, type Route } from './http';
import {
  ALL_SCOPES,
  TOKEN_LIFETIME_MS,
  iso,
  newSecret,
  newUuid,
  type FakeState,
  type MerchantState,
  type TokenRecord,
} from './state';
import type { WebhookOutbox } from './webhooks';

const CODE_LIFETIME_MS = 5 * 60 * 1000;

export interface IssuedToken {
  accessToken: string;
  refreshToken: string;
  expiresAt: string;
  merchantId: string;
}

/** Square's OAuth timestamps have no fraction: `2026-01-05T20:33:31Z`. */
function isoSeconds(ms: number): string {
  return iso(ms).replace(/\.\d{3}Z$/, 'Z');
}

function unauthorized(detail: string): SquareApiError {
  return new SquareApiError(401, 'AUTHENTICATION_ERROR', 'UNAUTHORIZED', detail);
}

export class FakeOAuth {
  constructor(
    private readonly state: FakeState,
    private readonly webhooks: WebhookOutbox,
  ) {}

  merchant(merchantId: string): MerchantState {
    const m = this.state.merchants.get(merchantId);
    if (!m) throw new Error(`square fake: unknown merchant ${merchantId}`);
    return m;
  }

  /** Issues an access token directly (tests that skip the OAuth dance). */
  issueToken(merchantId: string, opts: { expiresInMs?: number; scopes?: string[] } = {}): IssuedToken {
    const merchant = this.merchant(merchantId);
    merchant.refreshToken ??= newSecret('EQAA');
    const record: TokenRecord = {
      token: newSecret('EAAA'),
      merchantId,
      expiresAt: this.state.clock.now() + (opts.expiresInMs ?? TOKEN_LIFETIME_MS),
      revoked: false,
      scopes: opts.scopes ?? [...ALL_SCOPES],
    };
    this.state.tokens.set(record.token, record);
    return { accessToken: record.token, refreshToken: merchant.refreshToken, expiresAt: isoSeconds(record.expiresAt), merchantId };
  }

  expireToken(token: string): void {
    const record = this.state.tokens.get(token);
    if (!record) throw new Error('square fake: unknown access token');
    record.expiresAt = Math.min(record.expiresAt, this.state.clock.now());
  }

  /** Revokes every access token and the refresh token of the merchant, and tells the app by webhook. */
  revokeAll(merchantId: string, revoker: 'APPLICATION' | 'MERCHANT' | 'SQUARE'): void {
    const merchant = this.merchant(merchantId);
    for (const t of this.state.tokens.values()) if (t.merchantId === merchantId) t.revoked = true;
    merchant.refreshToken = null;
    this.webhooks.emit(merchantId, 'oauth.authorization.revoked', {
      type: 'revocation',
      id: newUuid(),
      object: { revocation: { revoked_at: iso(this.state.clock.now()), revoker_type: revoker } },
    });
  }

  routes(): Route[] {
    return [
      { method: 'GET', path: '/oauth2/authorize', scope: null, handler: (ctx) => this.authorize(ctx.query) },
      { method: 'POST', path: '/oauth2/token', scope: null, handler: (ctx) => ok(this.obtainToken(ctx.body)) },
      {
        method: 'POST',
        path: '/oauth2/revoke',
        scope: null,
        handler: (ctx) => {
          const auth = ctx.headers.authorization;
          return ok(this.revoke(typeof auth === 'string' ? auth : undefined, ctx.body));
        },
      },
      {
        method: 'POST',
        path: '/oauth2/token/status',
        scope: ANY_SCOPE,
        handler: (ctx) => {
          const t = ctx.token;
          if (!t) throw unauthorized('No access token.');
          return ok({ scopes: t.scopes, expires_at: isoSeconds(t.expiresAt), client_id: this.state.applicationId, merchant_id: t.merchantId });
        },
      },
    ];
  }

  /** The seller is "signed in" to Square and approves at once: redirect back with a single-use code. */
  private authorize(query: URLSearchParams) {
    if (query.get('client_id') !== this.state.applicationId) throw badRequest('INVALID_VALUE', 'Unknown client_id.', 'client_id');
    const redirectUri = query.get('redirect_uri');
    if (redirectUri !== null && redirectUri !== this.state.redirectUrl) {
      throw badRequest('INVALID_VALUE', 'redirect_uri does not match the application settings.', 'redirect_uri');
    }
    const merchantId = this.state.signedInMerchant ?? this.state.merchants.keys().next().value;
    if (merchantId === undefined) throw badRequest('BAD_REQUEST', 'No seller is signed in to the fake.');
    const scopes = (query.get('scope') ?? '').split(/[\s+]+/).filter((s) => s.length > 0);
    const code = newSecret('sq0cgp-');
    this.state.codes.set(code, {
      merchantId,
      scopes: scopes.length > 0 ? scopes : [...ALL_SCOPES],
      expiresAt: this.state.clock.now() + CODE_LIFETIME_MS,
      used: false,
      redirectUri,
    });
    const target = new URL(this.state.redirectUrl);
    target.searchParams.set('code', code);
    const st = query.get('state');
    if (st !== null) target.searchParams.set('state', st);
    return { status: 302, body: '', headers: { location: target.toString() } };
  }

  private obtainToken(body: unknown) {
    const req = parseBody(
      z.object({
        client_id: z.string(),
        client_secret: z.string().optional(),
        grant_type: z.string(),
        code: z.string().optional(),
        redirect_uri: z.string().optional(),
        refresh_token: z.string().optional(),
      }),
      body,
    );
    if (req.client_id !== this.state.applicationId || req.client_secret !== this.state.clientSecret) {
      throw unauthorized('Invalid client credentials.');
    }
    let merchantId: string;
    let scopes: string[] | undefined;
    if (req.grant_type === 'authorization_code') {
      const grant = req.code === undefined ? undefined : this.state.codes.get(req.code);
      if (!grant) throw unauthorized('Invalid authorization code.');
      if (grant.used) throw unauthorized('Authorization code is already redeemed.');
      if (grant.expiresAt <= this.state.clock.now()) throw unauthorized('Authorization code has expired.');
      if (grant.redirectUri !== null && req.redirect_uri !== grant.redirectUri) {
        throw badRequest('INVALID_VALUE', 'redirect_uri does not match the authorize request.', 'redirect_uri');
      }
      grant.used = true;
      merchantId = grant.merchantId;
      scopes = grant.scopes;
    } else if (req.grant_type === 'refresh_token') {
      const merchant = [...this.state.merchants.values()].find(
        (m) => m.refreshToken !== null && m.refreshToken === req.refresh_token,
      );
      if (!merchant) throw unauthorized('Invalid refresh token.');
      merchantId = merchant.id;
      scopes = this.latestScopes(merchantId);
    } else {
      throw badRequest('INVALID_VALUE', `Unsupported grant_type ${req.grant_type}.`, 'grant_type');
    }
    const issued = this.issueToken(merchantId, scopes ? { scopes } : {});
    return {
      access_token: issued.accessToken,
      token_type: 'bearer',
      expires_at: issued.expiresAt,
      merchant_id: merchantId,
      refresh_token: issued.refreshToken,
      short_lived: false,
    };
  }

  private latestScopes(merchantId: string): string[] | undefined {
    let latest: TokenRecord | undefined;
    for (const t of this.state.tokens.values()) if (t.merchantId === merchantId && !t.revoked) latest = t;
    return latest?.scopes;
  }

  /** `Authorization: Client <secret>`; revokes all the seller's tokens (or only one access token). */
  private revoke(authorization: string | undefined, body: unknown) {
    const req = parseBody(
      z.object({
        client_id: z.string(),
        access_token: z.string().optional(),
        merchant_id: z.string().optional(),
        revoke_only_access_token: z.boolean().optional(),
      }),
      body,
    );
    if (authorization !== `Client ${this.state.clientSecret}` || req.client_id !== this.state.applicationId) {
      throw unauthorized('Invalid client credentials.');
    }
    let merchantId = req.merchant_id;
    if (req.access_token !== undefined) {
      const t = this.state.tokens.get(req.access_token);
      if (!t) throw notFound('Unknown access token.', 'access_token');
      if (req.revoke_only_access_token === true) {
        t.revoked = true;
        return { success: true };
      }
      merchantId = t.merchantId;
    }
    if (merchantId === undefined || !this.state.merchants.has(merchantId)) {
      throw notFound('Unknown merchant.', 'merchant_id');
    }
    this.revokeAll(merchantId, 'APPLICATION');
    return { success: true };
  }
}
