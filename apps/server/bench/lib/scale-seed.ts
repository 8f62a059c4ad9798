import { uuidv7 } from '@makeries/shared';
import { openDatabase } from '../../src/db/client';
import { runMigrations } from '../../src/db/migrate';
import { customers } from '../../src/db/schema/index';
import { addProduct, createShop } from '../../src/services/orders/test-kit';
import { hashSecret } from '../../src/services/tokens';
import { generateCatalog } from '../search/generate';
import { loadCatalog } from '../search/load-catalog';
import { sampleProductPaths } from '../web/pages';

/** A market small enough to set up in seconds: what browsers and searches hit while the counters and checkouts run. */
const VENDORS = 50;
const PRODUCTS = 5_000;

export interface CounterShop {
  vendorId: string;
  ownerToken: string;
  variantId: string;
  productId: string;
}

export interface ScaleSeed {
  shops: [CounterShop, CounterShop, CounterShop];
  customer: { email: string; password: string };
  productPaths: string[];
}

/** Migrates the empty bench database and fills it: generated catalog, three counter shops with stock, one customer. */
export async function seedScale(url: string): Promise<ScaleSeed> {
  const database = await openDatabase({ kind: 'postgres', url, max: 2 });
  try {
    await runMigrations(database);
    await loadCatalog(url, generateCatalog({ vendors: VENDORS, products: PRODUCTS, seed: 16 }));
    const shop = async (): Promise<CounterShop> => {
      const s = await createShop(database.db);
      const p = await addProduct(database.db, s.vendorId, { name: `Counter Loaf ${s.slug}`, priceCents: 450, stock: 1_000_000 });
      return { vendorId: s.vendorId, ownerToken: s.ownerToken, variantId: p.variantId, productId: p.productId };
    };
    const shops: [CounterShop, CounterShop, CounterShop] = [await shop(), await shop(), await shop()];
    const password = 'correct horse battery staple';
    const email = `scale-${uuidv7().slice(-8)}@example.test`;
    await database.db.insert(customers).values({ id: uuidv7(), email, name: 'Scale Customer', passwordHash: await hashSecret(password), emailVerifiedAt: new Date() });
    return { shops, customer: { email, password }, productPaths: await sampleProductPaths(url, 40) };
  } finally {
    await database.close();
  }
}
