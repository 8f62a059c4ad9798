import { randomBytes } from 'node:crypto';
import type { EventRecord } from './events';

/** The fake's notion of "now" (ms since epoch); tests inject their own to move time (token expiry, bucket refill). */
export interface FakeClock {
  now(): number;
}

interface FakeShopLocation {
  /** numeric id (the GID is `gid://shopify/Location/<id>`) */
  id: number;
  name: string;
  currency?: string;
}

export interface FakeShopInput {
  /** `<name>.myshopify.com` */
  domain: string;
  name?: string;
  currency?: string;
  ianaTimezone?: string;
  taxesIncluded?: boolean;
  locations: FakeShopLocation[];
}

export interface VariantRecord {
  id: number;
  productId: number;
  title: string;
  sku: string | null;
  barcode: string | null;
  /** decimal string, Shopify's Money scalar ("24.00") */
  price: string;
  compareAtPrice: string | null;
  taxable: boolean;
  inventoryPolicy: 'DENY' | 'CONTINUE';
  options: { name: string; value: string }[];
  position: number;
  inventoryItemId: number;
  createdAt: number;
  updatedAt: number;
}

export interface ProductRecord {
  id: number;
  title: string;
  handle: string;
  status: 'ACTIVE' | 'DRAFT' | 'ARCHIVED';
  descriptionHtml: string;
  vendor: string;
  productType: string;
  tags: string[];
  createdAt: number;
  updatedAt: number;
  variantIds: number[];
}

export interface LevelRecord {
  available: number;
  committed: number;
  /** on_hand = available + committed (the fake has no reserved/damaged/... stock) */
  updatedAt: number;
}

export interface InventoryItemRecord {
  id: number;
  variantId: number;
  tracked: boolean;
  createdAt: number;
  updatedAt: number;
  /** location id -> level; every item is stocked at every location of its shop */
  levels: Map<number, LevelRecord>;
}

export interface ShopState {
  domain: string;
  id: number;
  name: string;
  currency: string;
  ianaTimezone: string;
  taxesIncluded: boolean;
  createdAt: number;
  locations: FakeShopLocation[];
  products: Map<number, ProductRecord>;
  variants: Map<number, VariantRecord>;
  items: Map<number, InventoryItemRecord>;
  /** `${rootField} ${key}` -> the stored outcome of an @idempotent mutation */
  idempotency: Map<string, { inputHash: string; result: unknown }>;
  orderNumber: number;
  /** product create/update/destroy, for `events` */
  events: EventRecord[];
  installed: boolean;
  bucket: { available: number; at: number };
}

export interface FakeState {
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
  clock: FakeClock;
  shops: Map<string, ShopState>;
  baseUrl: string;
  bucket: { maximumAvailable: number; restoreRate: number };
}

let counter = 1_000_000;

/** A new numeric Shopify id, unique within the process (safe integer; real ids are bigger). */
export function newNumericId(): number {
  counter += 1 + Math.floor(Math.random() * 7);
  return 7_000_000_000_000 + counter;
}

export function newSecret(prefix: string): string {
  return prefix + randomBytes(16).toString('hex');
}

export function gid(type: string, id: number): string {
  return `gid://shopify/${type}/${String(id)}`;
}

/** The numeric id of `gid://shopify/<type>/<n>`, or null when the GID is not one of that type. */
export function parseGid(type: string, value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = new RegExp(`^gid://shopify/${type}/(\\d+)$`).exec(value);
  return m ? Number(m[1]) : null;
}

/** GraphQL DateTime as Shopify prints it: UTC, whole seconds, `Z`. */
export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** REST timestamps in webhook bodies: the shop's local time with its offset ("2026-11-21T05:00:00-05:00"). */
export function restTime(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'longOffset',
  }).formatToParts(new Date(ms));
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  const zone = get('timeZoneName').replace('GMT', '') || '+00:00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}${zone}`;
}

/** Money as integer minor units <-> Shopify's decimal string, without floating point. */
export function parseDecimal(text: string): number | null {
  const m = /^(-?)(\d+)(?:\.(\d{1,2})\d*)?$/.exec(text.trim());
  if (!m) return null;
  const minor = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -minor : minor;
}

export function formatDecimal(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${String(Math.floor(abs / 100))}.${String(abs % 100).padStart(2, '0')}`;
}

export function newShop(input: FakeShopInput, now: number, maximumAvailable: number): ShopState {
  if (!/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(input.domain)) {
    throw new Error(`shopify fake: ${input.domain} is not a <name>.myshopify.com domain`);
  }
  if (input.locations.length === 0) throw new Error('shopify fake: a shop needs at least one location');
  const currency = input.currency ?? 'USD';
  return {
    domain: input.domain,
    id: newNumericId(),
    name: input.name ?? input.domain.replace('.myshopify.com', ''),
    currency,
    ianaTimezone: input.ianaTimezone ?? 'America/New_York',
    taxesIncluded: input.taxesIncluded ?? false,
    createdAt: now,
    locations: input.locations.map((l) => ({ ...l, currency: l.currency ?? currency })),
    products: new Map(),
    variants: new Map(),
    items: new Map(),
    idempotency: new Map(),
    orderNumber: 1000,
    events: [],
    installed: true,
    bucket: { available: maximumAvailable, at: now },
  };
}

/** The thrown error of a seller action or a lookup the test got wrong (not a Shopify answer). */
export function fakeError(message: string): Error {
  return new Error(`shopify fake: ${message}`);
}
