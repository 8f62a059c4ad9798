import { randomBytes } from 'node:crypto';
import type { CatalogObjectWire, InventoryChangeWire, InventoryCountWire, OrderWire, PaymentWire } from './wire';

/** The fake's notion of "now" (ms since epoch); tests inject their own to move time (token expiry, codes). */
export interface FakeClock {
  now(): number;
}

export interface FakeLocation {
  id: string;
  name: string;
  currency: string;
}

export interface TokenRecord {
  token: string;
  merchantId: string;
  expiresAt: number;
  revoked: boolean;
  scopes: string[];
}

interface AuthCode {
  merchantId: string;
  scopes: string[];
  expiresAt: number;
  used: boolean;
  redirectUri: string | null;
}

export interface StoredCatalogObject {
  /** creation order: the key of list/search cursors (stable under inserts and deletes) */
  seq: number;
  /** updated_at in microseconds since epoch, strictly increasing per merchant write */
  updatedMicros: number;
  object: CatalogObjectWire;
}

/** One entry of the per (object, location) history the counts are derived from (Square orders by occurred_at). */
export interface HistoryEntry {
  seq: number;
  occurredAt: number;
  kind: 'COUNT' | 'ADJUST';
  state: string;
  /** PHYSICAL_COUNT: the absolute quantity; ADJUSTMENT: the signed delta for `state` */
  units: number;
}

interface IdempotencyRecord {
  bodyHash: string;
  status: number;
  body: unknown;
}

export interface MerchantState {
  id: string;
  locations: FakeLocation[];
  createdAt: number;
  catalog: Map<string, StoredCatalogObject>;
  catalogSeq: number;
  catalogVersion: number;
  catalogUpdatedMicros: number;
  /** item id -> its variation ids in order (Square embeds them in item_data.variations) */
  itemVariations: Map<string, string[]>;
  /** key `${objectId}|${locationId}|${state}` */
  counts: Map<string, { wire: InventoryCountWire; calculatedMicros: number }>;
  /** calculated_at of the newest count (µs), strictly increasing per merchant */
  inventoryMicros: number;
  /** key `${objectId}|${locationId}` */
  history: Map<string, HistoryEntry[]>;
  changes: InventoryChangeWire[];
  historySeq: number;
  /** key `${endpoint} ${idempotency_key}` */
  idempotency: Map<string, IdempotencyRecord>;
  /** the code-flow refresh token: multi-use, the same on every refresh, dies on revoke */
  refreshToken: string | null;
}

export interface OrderRecord {
  merchantId: string;
  order: OrderWire;
}

export interface FakeState {
  applicationId: string;
  clientSecret: string;
  redirectUrl: string;
  clock: FakeClock;
  merchants: Map<string, MerchantState>;
  tokens: Map<string, TokenRecord>;
  codes: Map<string, AuthCode>;
  orders: Map<string, OrderRecord>;
  payments: Map<string, PaymentWire & { merchant: string }>;
  signedInMerchant: string | null;
  pageSize: number;
  baseUrl: string;
}

export const TOKEN_LIFETIME_MS = 30 * 24 * 3600 * 1000;
export const ALL_SCOPES = [
  'MERCHANT_PROFILE_READ',
  'ITEMS_READ',
  'INVENTORY_READ',
  'INVENTORY_WRITE',
  'ORDERS_READ',
  'ORDERS_WRITE',
  'PAYMENTS_READ',
  'PAYMENTS_WRITE',
];

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
let idCounter = 0;

/** Square-looking ids: uppercase base32, `len` characters, unique within the process. */
export function newId(len = 24): string {
  idCounter += 1;
  const bytes = randomBytes(len);
  let out = idCounter.toString(32).toUpperCase();
  for (let i = out.length; i < len; i++) out += ALPHABET.charAt((bytes[i] ?? 0) % 32);
  return out.slice(0, len);
}

export function newSecret(prefix: string): string {
  return prefix + randomBytes(24).toString('base64url');
}

export function newUuid(): string {
  return crypto.randomUUID();
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** RFC 3339 with microseconds, like Square's catalog timestamps. */
export function isoMicros(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const base = new Date(ms).toISOString(); // ...SS.mmmZ
  return `${base.slice(0, -1)}${String(micros % 1000).padStart(3, '0')}Z`;
}

/** Parses an RFC 3339 timestamp to microseconds; null when it is not one. */
export function parseMicros(text: string): number | null {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/i.exec(text);
  if (!m) return null;
  const whole = Date.parse(`${m[1] ?? ''}${m[3] ?? 'Z'}`);
  if (Number.isNaN(whole)) return null;
  const frac = (m[2] ?? '').padEnd(6, '0').slice(0, 6);
  return whole * 1000 + Number(frac);
}

export function parseMs(text: string): number | null {
  const micros = parseMicros(text);
  return micros === null ? null : Math.floor(micros / 1000);
}

/** Square quantities are decimal strings with up to 5 decimals; the fake keeps them as integer 1e-5 units. */
export const QTY_SCALE = 100_000;

export function parseQuantity(text: string): number | null {
  const m = /^(-?)(\d{1,15})(?:\.(\d{1,5}))?$/.exec(text);
  if (!m) return null;
  const units = Number(m[2]) * QTY_SCALE + Number((m[3] ?? '').padEnd(5, '0'));
  return m[1] === '-' ? -units : units;
}

export function formatQuantity(units: number): string {
  const sign = units < 0 ? '-' : '';
  const abs = Math.abs(units);
  const whole = Math.floor(abs / QTY_SCALE);
  const frac = String(abs % QTY_SCALE).padStart(5, '0').replace(/0+$/, '');
  return frac ? `${sign}${String(whole)}.${frac}` : `${sign}${String(whole)}`;
}

export function newMerchant(id: string, locations: FakeLocation[], now: number): MerchantState {
  return {
    id,
    locations,
    createdAt: now,
    catalog: new Map(),
    catalogSeq: 0,
    catalogVersion: 0,
    catalogUpdatedMicros: now * 1000,
    itemVariations: new Map(),
    counts: new Map(),
    inventoryMicros: now * 1000,
    history: new Map(),
    changes: [],
    historySeq: 0,
    idempotency: new Map(),
    refreshToken: null,
  };
}
