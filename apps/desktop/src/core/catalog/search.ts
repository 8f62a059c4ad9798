import type Database from 'better-sqlite3';
import type { CounterDb } from '../db/open';
import type { SellableVariant } from './lookup';
import { onHandFor } from './stock';

export interface SearchHit extends SellableVariant {
  /** null when the server has not sent a level for this variant */
  onHand: number | null;
}

const MAX_TERMS = 8;
/**
 * bm25 is computed for at most this many matches per tier. It keeps a one-letter search over 50k products
 * within the latency budget; queries with fewer matches (anything specific) are ranked exactly.
 */
const RANK_WINDOW = 100;

/**
 * Turns what staff type into an FTS5 query: every word must match as a prefix ("sour do" finds
 * "Sourdough loaf"). Each word is quoted, so FTS syntax characters in it are literal; words with no letter
 * or digit are dropped since they can match nothing.
 */
export function ftsQuery(text: string): string | null {
  const words = text
    .trim()
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
    .slice(0, MAX_TERMS);
  if (words.length === 0) return null;
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ');
}

interface Row {
  seq: number;
  variantId: string;
  productId: string;
  name: string;
  variantName: string;
  sku: string;
  barcode: string | null;
  priceCents: number;
  soldBy: 'each' | 'weight';
  trackStock: number;
  taxClass: string;
  categoryId: string | null;
  categoryName: string | null;
  posProvider: string | null;
}

const COLUMNS = `v.seq AS seq, v.id AS variantId, v.product_id AS productId, coalesce(p.name, v.sku) AS name,
  v.name AS variantName, v.sku AS sku, v.barcode AS barcode, v.price_cents AS priceCents, v.sold_by AS soldBy,
  v.track_stock AS trackStock, v.tax_class AS taxClass, p.category_id AS categoryId, c.name AS categoryName,
  p.pos_provider AS posProvider`;

const SEARCH_SQL = `
  WITH hits AS MATERIALIZED (
    SELECT rowid AS seq, bm25(variant_fts, 10.0, 4.0, 4.0, 2.0) AS score
    FROM variant_fts WHERE variant_fts MATCH @match LIMIT ${RANK_WINDOW}
  )
  SELECT ${COLUMNS}
  FROM hits h
  JOIN mirror_variants v ON v.seq = h.seq
  LEFT JOIN mirror_products p ON p.id = v.product_id
  LEFT JOIN mirror_categories c ON c.id = p.category_id
  WHERE v.archived = 0 AND coalesce(p.archived, 0) = 0
  ORDER BY h.score, h.seq
  LIMIT @limit`;

/**
 * A code typed by hand (one word with a digit: "SKU-04", "5012345") is looked up as a prefix of SKUs and
 * barcodes, each walked in index order so the LIMIT stops early. FTS would expand such a prefix into
 * thousands of unique terms.
 */
const codeSql = (column: 'sku' | 'barcode') => `
  SELECT ${COLUMNS}
  FROM mirror_variants v
  LEFT JOIN mirror_products p ON p.id = v.product_id
  LEFT JOIN mirror_categories c ON c.id = p.category_id
  WHERE v.${column} >= @lo AND v.${column} < @hi AND v.archived = 0 AND coalesce(p.archived, 0) = 0
  ORDER BY v.${column}
  LIMIT @limit`;

interface Statements {
  fts: Database.Statement;
  sku: Database.Statement;
  barcode: Database.Statement;
}

const statements = new WeakMap<Database.Database, Statements>();

function searchStatements(sqlite: Database.Database): Statements {
  let st = statements.get(sqlite);
  if (!st) {
    st = { fts: sqlite.prepare(SEARCH_SQL), sku: sqlite.prepare(codeSql('sku')), barcode: sqlite.prepare(codeSql('barcode')) };
    statements.set(sqlite, st);
  }
  return st;
}

function isCodeLike(text: string): boolean {
  const t = text.trim();
  return t.length >= 2 && !/\s/.test(t) && /\d/.test(t);
}

function codeMatches(sqlite: Database.Database, text: string, limit: number): Row[] {
  const st = searchStatements(sqlite);
  const typed = text.trim();
  // U+FFFF sorts after every character a SKU or barcode holds, closing the prefix range
  const range = (lo: string) => ({ lo, hi: `${lo}\uffff`, limit });
  const found = new Map<number, Row>();
  const add = (rows: Row[]) => rows.forEach((r) => found.size < limit && !found.has(r.seq) && found.set(r.seq, r));
  add(st.sku.all(range(typed)) as Row[]);
  if (typed.toUpperCase() !== typed) add(st.sku.all(range(typed.toUpperCase())) as Row[]);
  if (/^\d+$/.test(typed)) add(st.barcode.all(range(typed)) as Row[]);
  return [...found.values()];
}

function ftsMatches(sqlite: Database.Database, match: string, limit: number): Row[] {
  const st = searchStatements(sqlite).fts;
  const rows = st.all({ match: `{name} : (${match})`, limit }) as Row[];
  if (rows.length < limit) {
    const seen = new Set(rows.map((r) => r.seq));
    for (const r of st.all({ match, limit: limit + rows.length }) as Row[]) {
      if (rows.length >= limit) break;
      if (!seen.has(r.seq)) rows.push(r);
    }
  }
  return rows;
}

/**
 * Sellable variants matching `text`, best first, ready to add to the cart. A typed code matches SKU and
 * barcode prefixes; anything else (or a code that matches none) goes to FTS in two tiers: products whose
 * NAME matches every word, then matches through SKU, barcode or category, each tier ranked by bm25.
 */
export function searchVariants(sqlite: Database.Database, db: CounterDb, text: string, limit = 20): SearchHit[] {
  const match = ftsQuery(text);
  if (match === null) return [];
  const max = Math.max(1, Math.min(limit, 100));
  const byCode = isCodeLike(text) ? codeMatches(sqlite, text, max) : [];
  const rows = byCode.length > 0 ? byCode : ftsMatches(sqlite, match, max);
  const stock = onHandFor(
    db,
    rows.map((r) => r.variantId),
  );
  return rows.map(({ seq: _seq, ...r }) => ({ ...r, trackStock: r.trackStock === 1, onHand: stock.get(r.variantId) ?? null }));
}
