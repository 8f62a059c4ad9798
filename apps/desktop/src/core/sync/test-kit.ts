import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7, type OrderView } from '@makeries/shared';
import { createTRPCClient, httpLink } from '@trpc/client';
import type { AppRouter } from '@makeries/server/router';
import { createCounterCore, type CounterCore, type SaleView } from '../index';
import { createSyncClient, type SyncClientOptions } from './client';
import type { SyncController, SyncStatus } from './types';

/**
 * Test helpers for the sync client against a real server process: set a shop up through the marketplace's
 * public API (as its owner would) and run counters in temp directories. Not used by the app.
 */
type ServerClient = ReturnType<typeof serverClient>;

export function serverClient(url: string, bearer?: string) {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${url}/trpc`, headers: () => (bearer ? { authorization: `Bearer ${bearer}` } : {}) })],
  });
}

const ALWAYS_OPEN = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '00:00', close: '24:00' }));

export interface ShopVariant {
  id: string;
  productId: string;
  name: string;
  sku: string;
  priceCents: number;
}

export interface ServerShop {
  vendorId: string;
  name: string;
  owner: ServerClient;
  cashier: { id: string; name: string; pin: string };
  loaf: ShopVariant;
  bun: ShopVariant;
  pairingCode(): Promise<string>;
}

let shops = 0;

async function addProduct(owner: ServerClient, name: string, sku: string, priceCents: number, stock: number): Promise<ShopVariant> {
  const p = await owner.products.create.mutate({ name, variants: [{ sku, priceCents, taxClass: 'standard', barcode: null }] });
  const v = p.variants[0];
  if (!v) throw new Error(`${name} was created without a variant`);
  await owner.inventory.receive.mutate({ variantId: v.id, quantity: stock, note: 'Opening stock' });
  return { id: v.id, productId: p.id, name, sku, priceCents };
}

/** A shop with an owner, VAT, two stocked products and a cashier with a PIN, all made through the public API. */
export async function createServerShop(url: string, label: string): Promise<ServerShop> {
  shops++;
  const slug = `${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${shops}-${uuidv7().slice(-6)}`;
  const email = `owner@${slug}.example`;
  const password = 'correct horse battery';
  const anon = serverClient(url);
  const { vendor } = await anon.vendors.register.mutate({
    slug,
    name: `${label} ${shops}`,
    email: `hello@${slug}.example`,
    addressLine1: '1 High Street',
    city: 'Bristol',
    postcode: 'BS1 1AA',
    country: 'GB',
    lat: 51.4545,
    lng: -2.5879,
    timezone: 'Europe/London',
    currency: 'GBP',
    taxMode: 'inclusive',
    openingHours: ALWAYS_OPEN,
    owner: { name: `${label} Owner`, email, password },
  });
  const { token } = await anon.auth.staffLogin.mutate({ email, password });
  const owner = serverClient(url, token);
  await owner.catalog.taxRates.create.mutate({ taxClass: 'standard', name: 'VAT 20%', rateBps: 2000 });
  const loaf = await addProduct(owner, `${label} Sourdough`, `LOAF-${shops}`, 450, 20);
  const bun = await addProduct(owner, `${label} Bun`, `BUN-${shops}`, 120, 50);
  const pin = String(4000 + shops);
  const cashier = await owner.staff.create.mutate({ role: 'cashier', name: `${label} Cashier`, pin });
  return {
    vendorId: vendor.id,
    name: vendor.name,
    owner,
    cashier: { id: cashier.id, name: cashier.name, pin },
    loaf,
    bun,
    pairingCode: async () => (await owner.devices.createPairingCode.mutate({ deviceName: `${label} till` })).code,
  };
}

/** Every counter-channel order of the shop, as the owner sees them (all pages). */
export async function counterOrders(shop: ServerShop): Promise<OrderView[]> {
  const all: OrderView[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await shop.owner.orders.listForVendor.query({ channel: 'counter', limit: 100, ...(cursor ? { cursor } : {}) });
    all.push(...page.items);
    if (!page.nextCursor) return all;
    cursor = page.nextCursor;
  }
}

export async function onHandOnServer(shop: ServerShop, variantId: string): Promise<number> {
  const levels = await shop.owner.inventory.levels.query({ variantIds: [variantId] });
  const level = levels.items.find((l) => l.variantId === variantId);
  if (!level) throw new Error(`no stock level for ${variantId}`);
  return level.onHand;
}

export interface TestCounter {
  core: CounterCore;
  sync: SyncController;
  dir: string;
  cleanup(): Promise<void>;
}

export function makeCounter(serverUrl: string, opts: Omit<SyncClientOptions, 'core' | 'serverUrl'> & { clock?: () => number } = {}): TestCounter {
  const dir = mkdtempSync(join(tmpdir(), 'counter-sync-'));
  const { clock, ...syncOpts } = opts;
  const core = createCounterCore({ dataDir: dir, ...(clock ? { clock } : {}) });
  const sync = createSyncClient({ core, serverUrl, ...syncOpts });
  return {
    core,
    sync,
    dir,
    async cleanup() {
      await sync.stop();
      core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs the cashier in (PIN checked offline against the synced hash) and opens a shift if none is open. */
export async function readyToSell(core: CounterCore, shop: ServerShop): Promise<void> {
  if (!core.staff.current()) await core.staff.login({ staffId: shop.cashier.id, pin: shop.cashier.pin });
  if (!core.shifts.current()) core.shifts.open({ floatCents: 5_000 });
}

/** One cash sale of `quantity` × variant, exact money; the register never needs the network for this. */
export function sell(core: CounterCore, variant: ShopVariant, quantity = 1): SaleView {
  // sync tests sell past the stock on purpose (oversold alerts): the cashier answers "sell anyway"
  const line = core.cart.addVariant({ variantId: variant.id, quantity, sellAnyway: true });
  const cart = core.cart.current();
  if (!cart || !line) throw new Error('no open cart after adding a line');
  return core.sales.complete({ cartId: cart.id, tenders: [{ kind: 'cash', tenderedCents: cart.totals.totalCents }] });
}

/** Polls until `check` passes (or throws with the last status after `timeoutMs`). */
export async function eventually<T>(what: string, check: () => T | Promise<T>, sync?: SyncController, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      return await check();
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const status: SyncStatus | undefined = sync?.status();
  throw new Error(`${what} did not happen within ${timeoutMs} ms: ${String(last)}${status ? `\nsync status: ${JSON.stringify(status)}` : ''}`);
}

/**
 * Syncs until `check` passes. A change committed on the server can stay unreadable for a moment: the feed
 * only releases rows below the oldest transaction still running anywhere on the database server.
 */
export function syncUntil<T>(sync: SyncController, what: string, check: () => T): Promise<T> {
  return eventually(
    what,
    async () => {
      await sync.syncNow();
      return check();
    },
    sync,
  );
}

/** The URL a fetch was called with (`String(input)` would print a Request as "[object Request]"). */
export function urlOf(input: string | URL | Request): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}
