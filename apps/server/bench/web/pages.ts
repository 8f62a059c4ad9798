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
