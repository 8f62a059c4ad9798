import type { Env } from '../../../env';
import { PosError } from '../types';
import { RateLimiter } from './limiter';

export type ToastEnv = Pick<
  Env,
  'TOAST_CLIENT_ID' | 'TOAST_CLIENT_SECRET' | 'TOAST_API_BASE' | 'TOAST_WEBHOOK_SECRET' | 'TOAST_DINING_OPTION_GUID' | 'TOAST_OTHER_PAYMENT_GUID' | 'POS_TIMEOUT_MS'
>;

interface Token {
  accessToken: string;
  expiresAt: number;
  scopes: string[];
}

/** One partner token per machine client (Toast: one token serves every restaurant), shared by every connector of the process. */
interface TokenSlot {
  current: Token | null;
  pending: Promise<Token> | null;
  /** when the last sign-ins happened: Toast allows about two an hour */
  logins: number[];
}

const slots = new Map<string, TokenSlot>();
const RENEW_BEFORE_MS = 60_000;
const LOGINS_PER_HOUR = 2;
const HOUR_MS = 3_600_000;

/** The scopes Toast puts in the token's JWT payload: `scope` (space-separated, what the fake issues) or `scopes` (a list). */
function scopesOfJwt(jwt: string): string[] {
  const payload = jwt.split('.')[1];
  if (!payload) return [];
  try {
    const json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { scope?: unknown; scopes?: unknown };
    const raw = json.scope ?? json.scopes;
    if (typeof raw === 'string') return raw.split(/[\s,]+/).filter((s) => s !== '');
    if (Array.isArray(raw)) return raw.filter((s): s is string => typeof s === 'string');
  } catch {
    return [];
  }
  return [];
}

function retryAfterMs(res: Response): number | null {
  const v = res.headers.get('retry-after');
  if (!v) return null;
  const s = Number(v);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

async function messageOf(res: Response): Promise<{ message: string; code: string | null }> {
  const text = await res.text().catch(() => '');
  try {
    const j = JSON.parse(text) as { message?: unknown; code?: unknown; messageKey?: unknown };
    const message = typeof j.message === 'string' ? j.message : `HTTP ${String(res.status)}`;
    const code = typeof j.code === 'string' || typeof j.code === 'number' ? String(j.code) : typeof j.messageKey === 'string' ? j.messageKey : null;
    return { message, code };
  } catch {
    return { message: text.slice(0, 200) || `HTTP ${String(res.status)}`, code: null };
  }
}

/** A Toast answer that is not a success, in the engine's terms (401 is handled by the caller: sign in again once). */
async function toastFailure(res: Response): Promise<PosError> {
  const { message, code } = await messageOf(res);
  const s = res.status;
  if (s === 429) return new PosError('rate_limited', `Toast asked us to slow down: ${message}`, retryAfterMs(res), code);
  if (s === 401) return new PosError('auth', `Toast refused Makeries’ sign-in: ${message}`, null, code);
  if (s === 403) return new PosError('auth', `Toast refused Makeries’ access: ${message}`, null, code);
  if (s >= 500 || s === 408) return new PosError('transient', `Toast had a problem: ${message}`, null, code);
  if (s === 409) return new PosError('conflict', `Toast: ${message}`, null, code);
  return new PosError('rejected', `Toast refused it: ${message}`, null, code);
}

/**
 * When Toast answered, on Toast's clock: its `Date` header counts whole seconds, so our own clock gives the
 * milliseconds when it falls inside that second (clamped to it otherwise). A count we just wrote must order after a
 * stock webhook Toast stamped earlier in the same second, or the monotonic guard would drop it as stale.
 */
export function answeredAt(dateHeader: number, now: number): Date {
  if (Number.isNaN(dateHeader)) return new Date(now);
  return new Date(Math.min(Math.max(now, dateHeader), dateHeader + 999));
}

export interface ToastCall {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  /** the restaurant the call is for (`Toast-Restaurant-External-ID`); null for partner-level calls */
  restaurant: string | null;
  query?: Record<string, string>;
  body?: unknown;
}

export interface ToastAnswer<T> {
  data: T;
  /** Toast's clock at the answer (`Date` header, see answeredAt), else ours: the time of a stock read or write */
  at: string;
}

/** Toast limits: 20 requests a second per restaurant, `/menus` 1 a second per restaurant. Shared by the process. */
const limiter = new RateLimiter();

/**
 * Plain fetch against TOAST_API_BASE (Toast has no SDK): the app signs in as a machine client, keeps that one token
 * for all restaurants, and names the restaurant of each call in a header.
 */
export class ToastApi {
  private readonly base: string;
  private readonly slot: TokenSlot;

  constructor(private readonly env: ToastEnv) {
    this.base = (env.TOAST_API_BASE ?? '').replace(/\/$/, '');
    const key = `${this.base}|${env.TOAST_CLIENT_ID ?? ''}`;
    const existing = slots.get(key);
    this.slot = existing ?? { current: null, pending: null, logins: [] };
    if (!existing) slots.set(key, this.slot);
  }

  private async fetch(path: string, init: RequestInit): Promise<Response> {
    if (!this.base) throw new PosError('auth', 'Toast is not set up on this marketplace (TOAST_API_BASE is missing).');
    try {
      return await fetch(`${this.base}${path}`, { ...init, signal: AbortSignal.timeout(this.env.POS_TIMEOUT_MS) });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      throw new PosError('transient', `Toast could not be reached (${message}).`);
    }
  }

  private async login(): Promise<Token> {
    const now = Date.now();
    this.slot.logins = this.slot.logins.filter((t) => now - t < HOUR_MS);
    const oldest = this.slot.logins[0];
    if (this.slot.logins.length >= LOGINS_PER_HOUR && oldest !== undefined) {
      throw new PosError('rate_limited', 'Toast allows only a couple of sign-ins an hour; trying again later.', oldest + HOUR_MS - now);
    }
    this.slot.logins.push(now);
    const res = await this.fetch('/authentication/v1/authentication/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: this.env.TOAST_CLIENT_ID, clientSecret: this.env.TOAST_CLIENT_SECRET, userAccessType: 'TOAST_MACHINE_CLIENT' }),
    });
    if (!res.ok) throw await toastFailure(res);
    const body = (await res.json()) as { token?: { accessToken?: unknown; expiresIn?: unknown } };
    const accessToken = body.token?.accessToken;
    const expiresIn = Number(body.token?.expiresIn);
    if (typeof accessToken !== 'string' || !Number.isFinite(expiresIn)) throw new PosError('auth', 'Toast did not hand over an access token.');
    return { accessToken, expiresAt: now + expiresIn * 1000, scopes: scopesOfJwt(accessToken) };
  }

  /** The partner token: reused until its last minute; concurrent callers share one sign-in. */
  async token(): Promise<Token> {
    const cur = this.slot.current;
    if (cur && cur.expiresAt - Date.now() > RENEW_BEFORE_MS) return cur;
    if (!this.slot.pending) {
      this.slot.pending = this.login()
        .then((t) => {
          this.slot.current = t;
          return t;
        })
        .finally(() => {
          this.slot.pending = null;
        });
    }
    return this.slot.pending;
  }

  /** The scopes Toast granted the integration (inside the token). */
  async scopes(): Promise<string[]> {
    return (await this.token()).scopes;
  }

  private async send(call: ToastCall, token: Token): Promise<Response> {
    if (call.restaurant) await limiter.acquire(call.restaurant, call.path.startsWith('/menus/v2/menus') ? 'menus' : 'default');
    const q = call.query ? `?${new URLSearchParams(call.query).toString()}` : '';
    const headers: Record<string, string> = { authorization: `Bearer ${token.accessToken}`, accept: 'application/json' };
    if (call.restaurant) headers['toast-restaurant-external-id'] = call.restaurant;
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    return this.fetch(`${call.path}${q}`, { method: call.method, headers, ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}) });
  }

  /** One call; a 401 drops the cached token and signs in once more (Toast tokens can die before their time). */
  async call<T>(call: ToastCall): Promise<ToastAnswer<T>> {
    let token = await this.token();
    let res = await this.send(call, token);
    if (res.status === 401) {
      if (this.slot.current === token) this.slot.current = null;
      token = await this.token();
      res = await this.send(call, token);
      if (res.status === 401 && call.restaurant && !(await this.stillConnected(call.restaurant))) {
        throw new PosError('revoked', 'The restaurant removed Makeries in Toast.');
      }
    }
    if (!res.ok) throw await toastFailure(res);
    const text = await res.text();
    const date = Date.parse(res.headers.get('date') ?? '');
    let data: T;
    try {
      data = (text === '' ? null : JSON.parse(text)) as T;
    } catch {
      throw new PosError('transient', 'Toast answered with something that is not JSON.');
    }
    return { data, at: answeredAt(date, Date.now()).toISOString() };
  }

  /** Whether the restaurant still has Makeries among its integrations (a 401 with a fresh token means it may not). */
  private async stillConnected(restaurant: string): Promise<boolean> {
    try {
      const list = await this.partnerRestaurants();
      return list.some((r) => r.restaurantGuid === restaurant && r.deleted !== true);
    } catch {
      return true;
    }
  }

  async partnerRestaurants(): Promise<PartnerRestaurant[]> {
    const r = await this.call<PartnerRestaurant[] | null>({ method: 'GET', path: '/partners/v1/restaurants', restaurant: null });
    return Array.isArray(r.data) ? r.data : [];
  }
}

export interface PartnerRestaurant {
  restaurantGuid: string;
  restaurantName?: string | null;
  locationName?: string | null;
  createdByEmailAddress?: string | null;
  deleted?: boolean | null;
}
