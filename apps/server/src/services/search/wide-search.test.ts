import { searchProductsInput, type SearchProductItem, type SearchProductsInputRaw } from '@makeries/shared';
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { describeEachDb } from '../../test/harness';
import { planProductSearch, searchProducts } from './products';
import { productSearchSql, wideSearchSql, type SearchLimits } from './product-query';
import { addCategory, addProduct, addVendor, type TestCategory, type TestVendor } from './test-catalog';

/** Tiny limits so a catalog of a few hundred rows is already "wide" for the search. */
const LIMITS: SearchLimits = { sample: 20, pool: 8 };
/** ~2 kB of description per product spreads the rows over many heap blocks, as in a real catalog. */
const PADDING = 'lorem '.repeat(330);
const BUNS = 120;
const BULK = 20_000;

describeEachDb('search — wide match sets: bounded work, relevance, paging, estimated facets', (get) => {
  const db = () => get().database.db;
  let shop: TestVendor;
  let buns: TestCategory;
  const namedBun: string[] = [];

  const run = async (raw: SearchProductsInputRaw, limits: SearchLimits = LIMITS) =>
    searchProducts(db(), searchProductsInput.parse(raw), new Date(), limits);

  async function allPages(raw: SearchProductsInputRaw): Promise<SearchProductItem[]> {
    const items: SearchProductItem[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 200; page++) {
      const res = await run({ ...raw, ...(cursor ? { cursor } : {}) });
      items.push(...res.items);
      if (!res.nextCursor) return items;
      cursor = res.nextCursor;
    }
    throw new Error('pagination did not end');
  }

  beforeAll(async () => {
    buns = await addCategory(db(), 'Buns');
    const other = await addCategory(db(), 'Loaves');
    shop = await addVendor(db(), { name: 'Corner Bakery' });
    for (let i = 0; i < BUNS; i++) {
      // every 4th product has "bun" in its name; the others only mention it in the description
      const inName = i % 4 === 0;
      const id = await addProduct(db(), shop, {
        name: inName ? `Sticky Bun ${i}` : `Teacake ${i}`,
        description: `${inName ? '' : 'a kind of bun '}${PADDING}`,
        category: i % 3 === 0 ? buns : other,
        popularity: (i * 37) % 101,
        prices: [100 + 10 * i],
      });
      if (inName) namedBun.push(id);
    }
  });

  it('estimates the total and the facets from a bounded sample, and says so', async () => {
    const res = await run({ q: 'bun' });
    expect(res.totalEstimated).toBe(true);
    // an estimate from heap position: near the truth, never the exact count of every match
    expect(res.total).toBeGreaterThan(BUNS * 0.5);
    expect(res.total).toBeLessThan(BUNS * 2);
    const cats = res.facets?.categories ?? [];
    expect(cats.map((c) => c.slug).sort()).toEqual(['buns', 'loaves']);
    const sum = cats.reduce((a, c) => a + c.count, 0);
    expect(Math.abs(sum - (res.total ?? 0))).toBeLessThanOrEqual(cats.length);
    // a narrow search stays exact
    const exact = await run({ q: 'sticky', categorySlug: buns.slug }, { sample: 400, pool: 8 });
    expect(exact.totalEstimated).toBeUndefined();
    expect(exact.total).toBe(10);
  });

  it('ranks the most popular matches by relevance (name matches first), and pages through every match exactly once', async () => {
    const first = await run({ q: 'bun', limit: LIMITS.pool });
    const inName = first.items.map((i) => i.name.startsWith('Sticky Bun'));
    expect(inName).toContain(true);
    expect(inName).toEqual([...inName].sort((a, b) => Number(b) - Number(a)));
    const popular = await run({ q: 'bun', sort: 'popularity', limit: LIMITS.pool });
    expect(new Set(first.items.map((i) => i.id))).toEqual(new Set(popular.items.map((i) => i.id)));
    const paged = await allPages({ q: 'bun', limit: 3 });
    expect(paged).toHaveLength(BUNS);
    expect(new Set(paged.map((i) => i.id)).size).toBe(BUNS);
    // the same order as one big page of the first results
    const big = await run({ q: 'bun', limit: 30 });
    expect(paged.slice(0, 30).map((i) => i.id)).toEqual(big.items.map((i) => i.id));
  });

  it('pages through price and popularity sorts of a wide match set in order', async () => {
    const asc = (await allPages({ q: 'bun', sort: 'price_asc', limit: 7 })).map((i) => i.minPriceCents);
    expect(asc).toHaveLength(BUNS);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    const pop = await allPages({ q: 'bun', sort: 'popularity', limit: 9 });
    expect(new Set(pop.map((i) => i.id)).size).toBe(BUNS);
  });

  it('reads a bounded number of product rows for a global text search, however many match', async () => {
    // a catalog where "bun" matches a fifth of 20k products
    await queryRows(
      db(),
      sql`INSERT INTO products (id, vendor_id, category_id, name, description, popularity, search_extra)
          SELECT gen_random_uuid(), ${shop.id}::uuid, ${buns.id}::uuid,
            CASE WHEN i % 5 = 0 THEN 'Iced Bun ' ELSE 'Flapjack ' END || i, 'baked today', (i * 7919) % 1000, 'Buns Corner Bakery'
          FROM generate_series(1, ${BULK}::int) AS i`,
    );
    await queryRows(db(), sql`ANALYZE products`);
    const plan = await planProductSearch(db(), searchProductsInput.parse({ q: 'bun' }));
    const explain = async (statement: ReturnType<typeof productSearchSql>) => {
      const [row] = await queryRows<{ 'QUERY PLAN': unknown }>(db(), sql`EXPLAIN (ANALYZE, FORMAT JSON) ${statement}`);
      const raw = row?.['QUERY PLAN'];
      const tree = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
      return productScans(tree[0]?.Plan);
    };
    const rowsRead = (scans: { rows: number }[]) => scans.reduce((a, s) => a + s.rows, 0);
    // every match is ~4,000 rows; the sample, the pool and one page need a fraction of that
    const first = await explain(productSearchSql(plan));
    expect(first.length).toBeGreaterThan(0);
    expect(rowsRead(first), JSON.stringify(first)).toBeLessThan(1_000);
    const [meta] = await queryRows<{ meta: { n: number; est: number; table_rows: number } }>(db(), productSearchSql(plan));
    expect(meta?.meta.n).toBeGreaterThan(plan.limits.sample);
    const second = await explain(wideSearchSql(plan, { est: meta?.meta.est ?? 0, tableRows: meta?.meta.table_rows ?? 0 }));
    const scans = [...first, ...second];
    expect(rowsRead(second)).toBeGreaterThan(0);
    expect(rowsRead(scans), JSON.stringify(scans)).toBeLessThan(1_000);
    const res = await searchProducts(db(), plan.input);
    expect(res.items).toHaveLength(24);
    expect(res.totalEstimated).toBe(true);
  });
});

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

/** Every scan of `products` in the plan with the rows it read (returned + filtered out, over all loops). */
function productScans(node: PlanNode | undefined): { type: string; rows: number }[] {
  if (!node) return [];
  const own =
    node['Relation Name'] === 'products'
      ? [{ type: node['Node Type'], rows: ((node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0)) * (node['Actual Loops'] ?? 1) }]
      : [];
  return [...own, ...(node.Plans ?? []).flatMap(productScans)];
}
