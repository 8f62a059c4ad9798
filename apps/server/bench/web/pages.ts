import pg from 'pg';

/** Product pages a customer could land on: online, not archived, from approved vendors; spread over the catalog. */
export async function sampleProductPaths(url: string, count: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `SELECT p.id FROM products p JOIN vendors v ON v.id = p.vendor_id
       WHERE p.online_visible AND NOT p.archived AND v.status = 'approved'
       ORDER BY md5(p.id::text) LIMIT $1`,
      [count],
    );
    if (rows.length === 0) throw new Error('no visible product to render');
    return rows.map((r) => `/p/${r.id}`);
  } finally {
    await client.end();
  }
}

export interface PageCheck {
  pages: number;
  /** raw and gzip HTML size of the first page, as a browser receives it */
  htmlBytes: number;
  gzipBytes: number;
}

/** Every page must render (200, HTML with its canonical link) before it is timed. */
export async function checkPages(base: string, paths: string[], headers: Record<string, string>): Promise<PageCheck> {
  let htmlBytes = 0;
  let gzipBytes = 0;
  for (const [i, path] of paths.entries()) {
    const res = await fetch(base + path, { headers, redirect: 'manual' });
    const html = await res.text();
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${html.slice(0, 300)}`);
    if (path.startsWith('/p/') && !html.includes(`${path}">`)) {
      throw new Error(`${path} rendered without its canonical link`);
    }
    if (i === 0) {
      htmlBytes = Buffer.byteLength(html);
      const gz = await fetch(base + path, { headers: { ...headers, 'accept-encoding': 'gzip' } });
      gzipBytes = Number(gz.headers.get('content-length') ?? 0) || (await gz.arrayBuffer()).byteLength;
    }
  }
  return { pages: paths.length, htmlBytes, gzipBytes };
}

/**
 * A visitor's cart as the storefront keeps it in localStorage (apps/web lib/cart: `makeries.cart.v1`): one item
 * each of two products from one shop that sells them online, so the cart page has real lines to quote.
 */
export async function sampleCartStorage(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{
      variantId: string; productId: string; vendorId: string; vendorSlug: string; vendorName: string;
      productName: string; variantName: string; unitPriceCents: number; currency: string;
    }>(
      `WITH shop AS (
         SELECT v.id FROM vendors v JOIN products p ON p.vendor_id = v.id
         WHERE v.status = 'approved' AND p.online_visible AND NOT p.archived AND p.in_stock
         GROUP BY v.id HAVING count(*) >= 2 ORDER BY v.id LIMIT 1)
       SELECT va.id AS "variantId", p.id AS "productId", v.id AS "vendorId", v.slug AS "vendorSlug", v.name AS "vendorName",
              p.name AS "productName", va.name AS "variantName", va.price_cents AS "unitPriceCents", v.currency
       FROM shop JOIN vendors v ON v.id = shop.id JOIN products p ON p.vendor_id = v.id
       JOIN LATERAL (SELECT * FROM variants x WHERE x.product_id = p.id AND NOT x.archived AND x.sold_by = 'each' ORDER BY x.sort LIMIT 1) va ON true
       WHERE p.online_visible AND NOT p.archived AND p.in_stock ORDER BY p.id LIMIT 2`,
    );
    if (rows.length < 2) throw new Error('no shop with two products to put in a cart');
    const lines = rows.map((r) => ({ ...r, soldBy: 'each', imageThumb: null, quantity: 1 }));
    return { 'makeries.cart.v1': JSON.stringify({ lines, choices: {} }) };
  } finally {
    await client.end();
  }
}

/** A search page a visitor would see: the first word of a visible product's name, so it has results. */
export async function sampleSearchPath(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ word: string }>(
      `SELECT lower(split_part(p.name, ' ', 1)) AS word FROM products p
       WHERE p.online_visible AND NOT p.archived AND length(split_part(p.name, ' ', 1)) >= 4 ORDER BY md5(p.id::text) LIMIT 1`,
    );
    return `/search?q=${encodeURIComponent(rows[0]?.word ?? 'bread')}`;
  } finally {
    await client.end();
  }
}
