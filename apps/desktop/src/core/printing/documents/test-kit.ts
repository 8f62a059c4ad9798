/*
 * Test support for the printing tests: a real counter core with a shop whose names need a code page
 * (Café Müller, Crème brûlée), and a sale made through the real cart and completeSale.
 */
import { logoFromDots, uuidv7, type Change, type ReceiptLogo, type SaleReceiptDocument } from '@makeries/shared';
import { applyChanges } from '../../mirror/apply-changes';
import type { SaleView } from '../../sales/views';
import { makeCore, seedShop, signIn, type Shop, type ShopOptions, type TestCore } from '../../test/fixtures';
import { buildSaleReceipt } from './sale';
import type { StoreExtras } from './context';

export const SERVER_URL = 'https://makeries.example';

export interface PrintingShop extends Shop {
  t: TestCore;
  /** Crème brûlée, 3.25, standard rate */
  creme: string;
}

/** A 96 × 48 dot mark (a ring with a bar through it): enough to see a logo on paper and in the preview. */
export function testLogo(): ReceiptLogo {
  const dots: boolean[][] = [];
  for (let y = 0; y < 48; y++) {
    const row: boolean[] = [];
    for (let x = 0; x < 96; x++) {
      const r = Math.hypot(x - 48, y - 24);
      row.push((r >= 17 && r <= 22) || (Math.abs(y - 24) <= 2 && x >= 20 && x <= 76));
    }
    dots.push(row);
  }
  return logoFromDots(dots);
}

export const STORE: StoreExtras = {
  addressLines: ['12 Harbour Street', 'Bristol BS1 4RN'],
  phone: '0117 496 0000',
  taxNumber: 'VAT GB 123 4567 89',
  footer: ['Thank you for shopping with us!', 'Returns within 30 days with this receipt.'],
};

/** Seeds the fixture bakery, renames it Café Müller, adds Crème brûlée, signs in a cashier, opens a shift. */
export async function printingShop(opts: ShopOptions = {}): Promise<PrintingShop> {
  const t = makeCore();
  const shop = await seedShop(t.core, opts);
  const creme = uuidv7();
  const product = uuidv7();
  const changes: Change[] = [
    {
      entity: 'vendor',
      op: 'upsert',
      id: shop.vendorId,
      data: { name: 'Café Müller', currency: 'GBP', taxMode: opts.taxMode ?? 'inclusive', timezone: 'Europe/London', cashRoundingCents: opts.cashRoundingCents ?? 0, gs1Template: null, paused: false, phone: '0117 496 0000', addressLine1: '12 Harbour Street', city: 'Bristol', postcode: 'BS1 4RN' },
    },
    { entity: 'product', op: 'upsert', id: product, data: { name: 'Crème brûlée', categoryId: null } },
    { entity: 'variant', op: 'upsert', id: creme, data: { productId: product, sku: 'CREME', priceCents: 325, taxClass: 'standard', trackStock: false } },
  ];
  applyChanges(t.core.ctx.sqlite, changes);
  await signIn(t.core, shop);
  t.core.shifts.open({ floatCents: 10_000 });
  return { ...shop, t, creme };
}

/**
 * 3 croissants with 5% off, 333 g of cheddar, a loaf (zero rated), a crème brûlée, 10% off the order,
 * paid £30 cash: line and order discounts, two tax rates, a weight line, change (and rounding if asked).
 */
async function sellEverything(s: PrintingShop): Promise<SaleView> {
  const { core } = s.t;
  const cro = core.cart.addScan({ code: s.barcodes.croissant });
  core.cart.setQuantity({ lineId: cro.lineId, quantity: 3 });
  await core.cart.setLineDiscount({ lineId: cro.lineId, discount: { kind: 'percent', bps: 500 } });
  core.cart.addVariant({ variantId: s.variants.cheese, grams: 333 });
  core.cart.addScan({ code: s.barcodes.loaf });
  core.cart.addVariant({ variantId: s.creme });
  await core.cart.setOrderDiscount({ discount: { kind: 'percent', bps: 1000 } });
  return core.sales.complete({ tenders: [{ kind: 'cash', tenderedCents: 3_000 }] });
}

export async function everythingReceipt(opts: ShopOptions = {}): Promise<{ s: PrintingShop; sale: SaleView; doc: SaleReceiptDocument }> {
  const s = await printingShop(opts);
  const sale = await sellEverything(s);
  const doc = buildSaleReceipt(s.t.core.ctx.db, sale, { serverUrl: SERVER_URL, store: { ...STORE, logo: testLogo() } });
  return { s, sale, doc };
}
