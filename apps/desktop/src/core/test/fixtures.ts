import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gtinCheckDigit, isAppError, uuidv7, type Change, type ErrorCode, type GS1Template } from '@makeries/shared';
import { createCounterCore, type CounterCore } from '../index';
import { hashPin } from '../staff/pin-hash';
import { saveProof } from '../staff/proofs';

/** A wall clock tests can step, including backwards. */
export interface TestClock {
  t: number;
  now: () => number;
  advance(ms: number): void;
}

function testClock(start = Date.parse('2025-05-01T09:00:00.000Z')): TestClock {
  const c: TestClock = {
    t: start,
    now: () => c.t,
    advance: (ms: number) => {
      c.t += ms;
    },
  };
  return c;
}

export interface TestCore {
  core: CounterCore;
  dir: string;
  clock: TestClock;
  /** closes and opens the same database file, like an app restart (or a crash, since SQLite commits are durable) */
  reopen(): CounterCore;
  cleanup(): void;
}

export function makeCore(clock = testClock()): TestCore {
  const dir = mkdtempSync(join(tmpdir(), 'counter-core-'));
  const t: TestCore = {
    core: createCounterCore({ dataDir: dir, clock: clock.now }),
    dir,
    clock,
    reopen() {
      t.core.close();
      t.core = createCounterCore({ dataDir: dir, clock: clock.now });
      return t.core;
    },
    cleanup() {
      try {
        t.core.close();
      } catch {
        // already closed by the test
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return t;
}

/** An EAN-13 with a correct check digit from 12 digits. */
export function ean13(first12: string): string {
  return `${first12}${gtinCheckDigit(first12)}`;
}

export const PINS = { owner: '1111', manager: '2222', cashier: '3333', cashier2: '4444' } as const;
type Who = keyof typeof PINS;

// cheap scrypt parameters keep tests fast; the format (and so verifyPin) is the server's
const FAST = { N: 1024, r: 8, p: 1 };
let hashes: Promise<Record<Who, string>> | null = null;
function pinHashes(): Promise<Record<Who, string>> {
  hashes ??= (async () => {
    const entries = await Promise.all(Object.entries(PINS).map(async ([k, pin]) => [k, await hashPin(pin, FAST)] as const));
    return Object.fromEntries(entries) as Record<Who, string>;
  })();
  return hashes;
}

const GS1_WEIGHT: GS1Template = {
  prefixes: ['21'],
  itemRefLength: 5,
  valueKind: 'weight',
  valueLength: 5,
  decimals: 3,
  hasVerifierDigit: false,
};

export interface Shop {
  vendorId: string;
  deviceId: string;
  staff: Record<Who, string>;
  categories: { bread: string; deli: string };
  variants: { loaf: string; croissant: string; cheese: string; jam: string; bag: string };
  /** jam carries a 12-digit UPC-A, stored as printed */
  barcodes: { loaf: string; croissant: string; jam: string };
}

export interface ShopOptions {
  taxMode?: 'inclusive' | 'exclusive';
  cashRoundingCents?: number;
  gs1Template?: GS1Template | null;
  /** the shop's default is 'warn' */
  soldOutPolicy?: 'warn' | 'block' | 'allow';
  /** the shop's default is on; this bakery counts openly unless a test asks (its tests read the expected cash) */
  blindClose?: boolean;
  /**
   * The owner and manager hold staff proofs from the marketplace (they unlocked here online earlier), so role
   * edits pass the counter's proof check; false for a counter that never reached the marketplace.
   */
  proofs?: boolean;
  /** what the marketplace says with the pull (a British marketplace unless a test configures another) */
  market?: { locale: string; currency: string };
}

function up(entity: Change['entity'], id: string, data: Record<string, unknown>): Change {
  return { entity, op: 'upsert', id, data };
}

/** Pairs the counter and feeds it a small bakery through the same path the sync client uses. */
export async function seedShop(core: CounterCore, opts: ShopOptions = {}): Promise<Shop> {
  const h = await pinHashes();
  const vendorId = uuidv7();
  const deviceId = uuidv7();
  const id = () => uuidv7();
  const staff: Record<Who, string> = { owner: id(), manager: id(), cashier: id(), cashier2: id() };
  const categories = { bread: id(), deli: id() };
  const products = { loaf: id(), croissant: id(), cheese: id(), jam: id(), bag: id() };
  const variants = { loaf: id(), croissant: id(), cheese: id(), jam: id(), bag: id() };
  const barcodes = { loaf: ean13('501234500001'), croissant: ean13('501234500002'), jam: '036000291452' };
  core.device.pair({ deviceId, vendorId, registerCode: 'A1', name: 'Front till' });
  const v = (productId: string, sku: string, priceCents: number, extra: Record<string, unknown> = {}) => ({
    productId, vendorId, name: 'Default', sku, barcode: null, priceCents, taxClass: 'standard', soldBy: 'each', trackStock: true, lowStockThreshold: 0, sort: 0, archived: false, ...extra,
  });
  const changes: Change[] = [
    up('vendor', vendorId, {
      id: vendorId, slug: 'crumb', name: 'Crumb Bakery', currency: 'GBP', taxMode: opts.taxMode ?? 'inclusive', timezone: 'Europe/London',
      cashRoundingCents: opts.cashRoundingCents ?? 0, gs1Template: opts.gs1Template === undefined ? GS1_WEIGHT : opts.gs1Template, paused: false,
      phone: '0117 496 0000', addressLine1: '3 Mill Lane', city: 'Bristol', postcode: 'BS3 1AA',
      soldOutPolicy: opts.soldOutPolicy ?? 'warn', blindClose: opts.blindClose ?? false,
    }),
    up('tax_rate', id(), { taxClass: 'standard', name: 'VAT', rateBps: 2000 }),
    up('tax_rate', id(), { taxClass: 'zero', name: 'VAT zero', rateBps: 0 }),
    up('category', categories.bread, { slug: 'bread', name: 'Bread', sort: 1 }),
    up('category', categories.deli, { slug: 'deli', name: 'Deli', sort: 2 }),
    up('product', products.loaf, { name: 'Sourdough Loaf', categoryId: categories.bread, archived: false }),
    up('product', products.croissant, { name: 'Butter Croissant', categoryId: categories.bread }),
    up('product', products.cheese, { name: 'Mature Cheddar', categoryId: categories.deli }),
    up('product', products.jam, { name: 'Strawberry Jam', categoryId: categories.deli }),
    up('product', products.bag, { name: 'Paper Bag', categoryId: null }),
    up('variant', variants.loaf, v(products.loaf, 'LOAF-1', 450, { barcode: barcodes.loaf, taxClass: 'zero' })),
    up('variant', variants.croissant, v(products.croissant, 'CRO-1', 195, { barcode: barcodes.croissant })),
    up('variant', variants.cheese, v(products.cheese, '01234', 2400, { soldBy: 'weight' })),
    up('variant', variants.jam, v(products.jam, 'JAM-1', 399, { barcode: barcodes.jam })),
    up('variant', variants.bag, v(products.bag, 'BAG', 10, { trackStock: false })),
    up('stock_level', variants.loaf, { variantId: variants.loaf, onHand: 20, reserved: 0 }),
    up('stock_level', variants.croissant, { variantId: variants.croissant, onHand: 5, reserved: 0 }),
    up('staff', staff.owner, { name: 'Olive Owner', role: 'owner', pinHash: h.owner, active: true }),
    up('staff', staff.manager, { name: 'Mo Manager', role: 'manager', pinHash: h.manager, active: true }),
    up('staff', staff.cashier, { name: 'Cas Cashier', role: 'cashier', pinHash: h.cashier, active: true }),
    up('staff', staff.cashier2, { name: 'Cy Cashier', role: 'cashier', pin_hash: h.cashier2, active: true }),
  ];
  core.mirror.applyPage({ changes, nextCursor: '1', epoch: 'epoch-1', market: opts.market ?? { locale: 'en-GB', currency: 'GBP' } });
  if (opts.proofs !== false) {
    const until = new Date(core.ctx.now() + 365 * 24 * 3600_000).toISOString();
    for (const who of ['owner', 'manager'] as const) {
      saveProof(core.ctx, staff[who], { token: `fixture-proof-${who}-${'x'.repeat(24)}`, expiresAt: until, syncExpiresAt: until });
    }
  }
  return { vendorId, deviceId, staff, categories, variants, barcodes };
}

export async function signIn(core: CounterCore, shop: Shop, who: Who = 'cashier') {
  return core.staff.login({ staffId: shop.staff[who], pin: PINS[who] });
}

export function managerApproval(shop: Shop) {
  return { staffId: shop.staff.manager, pin: PINS.manager };
}

/** Row count of a table, for "nothing was written" assertions. */
export function count(core: CounterCore, table: string): number {
  return (core.ctx.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

const WRITE_TABLES = ['sales', 'sale_lines', 'sale_payments', 'stock_movements', 'outbox', 'refunds', 'refund_lines', 'shift_events', 'register_sequences'];

export function snapshotCounts(core: CounterCore, tables: readonly string[] = WRITE_TABLES): Record<string, number> {
  return Object.fromEntries(tables.map((t) => [t, count(core, t)]));
}

/** The AppError code a synchronous core call throws, or 'none' when it succeeds. */
export function codeOf(fn: () => unknown): ErrorCode | 'none' {
  try {
    fn();
    return 'none';
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
}
