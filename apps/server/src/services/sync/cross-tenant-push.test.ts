import { MUTATION_ARGS, MUTATION_NAMES, uuidv7, type MutationName } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { categories } from '../../db/schema/index';
import { foreignState, tenantShop, type TenantShop } from '../../test/cross-tenant-kit';
import { describeEachDb } from '../../test/harness';
import { envelope, epochOf, saleArgs } from './sync-test-kit';

const now = () => new Date().toISOString();

/**
 * For every sync mutation kind, shop X's counter aiming at shop Y's rows (or the marketplace's). A kind added to
 * the shared MUTATION_ARGS without a case here fails the first test.
 */
type Attack = (x: TenantShop, y: TenantShop, marketplaceCategoryId: string) => unknown;
const ATTACKS: { [N in MutationName]: Record<string, Attack> } = {
  'sale.complete': {
    "sells Y's variant": (x, y) =>
      saleArgs(x.counter, [[{ productId: y.productId, variantId: y.variantId, sku: 'Y' }, 1]]),
    "reuses Y's sale id": (x, y) => saleArgs(x.counter, [[own(x), 1]], { id: y.saleId }),
    "books the sale to Y's staff and shift": (x, y) => saleArgs(x.counter, [[own(x), 1]], { staffId: y.ownerId, shiftId: y.shiftId }),
  },
  'sale.refund': {
    "refunds Y's counter sale": (x, y) => ({
      id: uuidv7(),
      orderId: y.saleId,
      number: `${x.counter.registerCode}-R999991`,
      staffId: x.ownerId,
      approvedBy: x.ownerId,
      refundedAt: now(),
      restock: true,
      lines: [{ orderLineId: y.saleLineId, quantity: 1, amountCents: 250 }],
      totalCents: 250,
      tender: 'cash',
    }),
  },
  'shift.event': {
    "closes Y's shift": (x, y) => ({ id: uuidv7(), shiftId: y.shiftId, kind: 'close', staffId: x.ownerId, occurredAt: now(), countedCashCents: 0, expectedCashCents: 0 }),
    "pays out of Y's shift": (x, y) => ({ id: uuidv7(), shiftId: y.shiftId, kind: 'paid_out', staffId: x.ownerId, occurredAt: now(), amountCents: 500 }),
  },
  'stock.movement': {
    "counts Y's stock": (x, y) => ({ id: uuidv7(), variantId: y.variantId, kind: 'count', quantity: 0, occurredAt: now(), staffId: x.ownerId }),
  },
  'order.transition': {
    "accepts Y's web order": (x, y) => ({ id: uuidv7(), orderId: y.webOrderId, from: 'placed', to: 'rejected', reason: 'x', staffId: x.ownerId, occurredAt: now() }),
  },
  'order.message': {
    "writes on Y's web order": (x, y) => ({ id: uuidv7(), orderId: y.webOrderId, staffId: x.ownerId, text: 'Hello from X', sentAt: now() }),
    "signs X's reply with Y's owner": (x, y) => ({ id: uuidv7(), orderId: x.webOrderId, staffId: y.ownerId, text: 'Hello', sentAt: now() }),
  },
  'product.quickAdd': {
    "re-adds Y's product id": (x, y) => quickAdd(x, { productId: y.productId }),
    "files under Y's category": (x, y) => quickAdd(x, { categoryId: y.categoryId }),
  },
  'vendor.settings': {
    "signed by Y's owner": (_x, y) => ({ id: uuidv7(), staffId: y.ownerId, changedAt: now(), patch: { name: 'Hijacked' } }),
  },
  'vendor.pause': {
    "signed by Y's owner": (_x, y) => ({ id: uuidv7(), staffId: y.ownerId, paused: true, reason: 'x', changedAt: now() }),
  },
  'receipt.email': {
    "emails Y's receipt": (x, y) => ({ id: uuidv7(), orderId: y.saleId, to: 'thief@example.test', staffId: x.ownerId, requestedAt: now() }),
  },
  'catalog.productCreate': {
    "re-creates Y's product id": (x, y) => productCreate(x, { productId: y.productId }),
    "files under Y's category": (x, y) => productCreate(x, { categoryId: y.categoryId }),
  },
  'catalog.productUpdate': {
    "renames Y's product": (x, y) => ({ productId: y.productId, name: 'Hijacked', variants: [], staffId: x.ownerId, approvedBy: x.ownerId, occurredAt: now() }),
    "reprices Y's variant": (x, y) => ({
      productId: y.productId,
      variants: [catalogVariant({ id: y.variantId })],
      staffId: x.ownerId,
      approvedBy: x.ownerId,
      occurredAt: now(),
    }),
  },
  'catalog.categorySave': {
    'renames a marketplace category': (x, _y, mc) => ({ id: mc, slug: 'defaced', name: 'Defaced', sort: 0, ...stamp(x) }),
    "renames Y's category": (x, y) => ({ id: y.categoryId, slug: 'defaced', name: 'Defaced', sort: 0, ...stamp(x) }),
  },
  'catalog.taxRateSave': {
    "changes Y's tax rate": (x, y) => ({ id: y.taxRateId, taxClass: 'standard', name: 'Zero', rateBps: 0, ...stamp(x) }),
  },
};

const own = (x: TenantShop) => ({ productId: x.productId, variantId: x.variantId, sku: 'X' });

function stamp(x: TenantShop) {
  return { staffId: x.ownerId, approvedBy: x.ownerId, occurredAt: now() };
}

function catalogVariant(extra: Record<string, unknown> = {}) {
  return { id: uuidv7(), name: 'Default', sku: `XT-${uuidv7().slice(-8)}`, barcode: null, priceCents: 1, taxClass: 'standard', soldBy: 'each', trackStock: true, lowStockThreshold: 0, sort: 0, archived: false, ...extra };
}

function productCreate(x: TenantShop, extra: Record<string, unknown>) {
  return { productId: uuidv7(), name: 'Stolen', description: '', categoryId: null, dietaryTags: [], onlineVisible: true, variants: [catalogVariant()], ...stamp(x), ...extra };
}

function quickAdd(x: TenantShop, extra: Record<string, unknown>) {
  return {
    productId: uuidv7(),
    variantId: uuidv7(),
    name: 'Stolen',
    categoryId: null,
    sku: `XQ-${uuidv7().slice(-8)}`,
    barcode: null,
    priceCents: 1,
    taxClass: 'standard',
    staffId: x.ownerId,
    approvedBy: x.ownerId,
    createdAt: now(),
    ...extra,
  };
}

it('every sync mutation kind has a cross-tenant case', () => {
  expect(Object.keys(ATTACKS).sort()).toEqual([...MUTATION_NAMES].sort());
  for (const name of MUTATION_NAMES) expect(Object.keys(ATTACKS[name]).length).toBeGreaterThan(0);
});

describeEachDb("sync.push: shop X's counter aiming at shop Y's rows", (get) => {
  const db = () => get().database.db;
  let x: TenantShop;
  let y: TenantShop;
  let marketplaceCategoryId: string;

  beforeAll(async () => {
    x = await tenantShop(get());
    y = await tenantShop(get());
    marketplaceCategoryId = uuidv7();
    await db().insert(categories).values({ id: marketplaceCategoryId, slug: `bread-${marketplaceCategoryId.slice(-8)}`, name: 'Bread' });
  });

  const cases = MUTATION_NAMES.flatMap((name) => Object.entries(ATTACKS[name]).map(([what, attack]) => [name, what, attack] as const));
  it.each(cases)('%s that %s is rejected and writes nothing', async (name, _what, attack) => {
    const args = attack(x, y, marketplaceCategoryId);
    // the case is well-formed: the refusal comes from tenant checks, not from a malformed argument
    expect(MUTATION_ARGS[name].safeParse(args).error?.issues ?? []).toEqual([]);
    const before = await foreignState(db(), x.vendorId);
    const me = await x.counter.caller.devices.me();
    const res = await x.counter.caller.sync.push({
      epoch: await epochOf(db()),
      mutations: [envelope(me.device.lastMutationId + 1, name, args)],
    });
    expect(res.results).toHaveLength(1);
    expect(res.results[0]).toMatchObject({ status: 'rejected' });
    expect(await foreignState(db(), x.vendorId)).toEqual(before);
  });

  it("a marketplace category stays the marketplace's; a shop's own category is the shop's to rename", async () => {
    const [mc] = await db().select().from(categories).where(eq(categories.id, marketplaceCategoryId));
    expect(mc).toMatchObject({ name: 'Bread', vendorId: null });
    const me = await x.counter.caller.devices.me();
    const res = await x.counter.caller.sync.push({
      epoch: await epochOf(db()),
      mutations: [envelope(me.device.lastMutationId + 1, 'catalog.categorySave', { id: x.categoryId, slug: 'our-loaves', name: 'Loaves', sort: 1, ...stamp(x) })],
    });
    expect(res.results.map((r) => r.status)).toEqual(['applied']);
    const [mine] = await db().select().from(categories).where(eq(categories.id, x.categoryId));
    expect(mine).toMatchObject({ name: 'Loaves', vendorId: x.vendorId });
  });
});
