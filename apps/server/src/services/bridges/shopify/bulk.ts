import { PosError, type CatalogPage, type ConnContext } from '../types';
import { checkUserErrors, gql, type ShopifyEnv, type UserError } from './client';
import { gidType, productsPage, type ProductNode, type ShopInfo, type VariantNode } from './mapping';
import { BULK_CURRENT_QUERY, BULK_PRODUCTS_QUERY, BULK_RUN_MUTATION, BULK_STATUS_QUERY, SHOP_QUERY } from './queries';
import { sleep } from './throttle';

/**
 * The first import reads the whole catalog through one bulk operation (a JSONL file Shopify writes in the background)
 * instead of paging products through the cost limit. The engine persists each page's cursor, so the cursor carries
 * the whole state: `bulk:<operation id>:wait[:r<restarts>]` while Shopify works, `bulk:<operation id>:<product index>`
 * while reading the file. A server restarted mid-import resumes at that product (the file is read again; it is
 * kept 7 days), and pages overwrite their own staged rows, so nothing is duplicated.
 */

const BULK_PAGE_SIZE = 250;
/** pauses between polls of a running operation within one call (then the job loop calls again with the same cursor) */
const POLL_DELAYS_MS = [250, 500, 1_000, 2_000, 2_000];
/** a failed, cancelled or expired operation is started again this many times before the import gives up */
const MAX_RESTARTS = 3;

interface BulkOperation {
  id: string;
  status: string;
  errorCode?: string | null;
  url?: string | null;
  partialDataUrl?: string | null;
}

type Cursor = { id: string; wait: true; restarts: number } | { id: string; wait: false; offset: number };

const BULK_GID = 'gid://shopify/BulkOperation/';

export function parseBulkCursor(cursor: string): Cursor {
  const m = /^bulk:(\d+):(?:(wait)(?::r(\d+))?|(\d+))$/.exec(cursor);
  if (!m) throw new PosError('rejected', 'The Shopify import position is unreadable; start the import again.');
  const id = `${BULK_GID}${m[1] ?? ''}`;
  return m[2] ? { id, wait: true, restarts: Number(m[3] ?? '0') } : { id, wait: false, offset: Number(m[4]) };
}

function numeric(id: string): string {
  return id.startsWith(BULK_GID) ? id.slice(BULK_GID.length) : id;
}

export function waitCursor(id: string, restarts = 0): string {
  return `bulk:${numeric(id)}:wait${restarts > 0 ? `:r${String(restarts)}` : ''}`;
}

export function offsetCursor(id: string, offset: number): string {
  return `bulk:${numeric(id)}:${String(offset)}`;
}

function emptyPage(next: string | null): CatalogPage {
  return { products: [], taxes: [], categories: [], images: [], deleted: [], next };
}

/** Starts the bulk query, or adopts the one already running for this app (Shopify allows only so many at once). */
async function start(env: ShopifyEnv, conn: ConnContext): Promise<string> {
  const r = await gql<{ bulkOperationRunQuery: { bulkOperation: BulkOperation | null; userErrors: UserError[] } | null }>(env, conn, BULK_RUN_MUTATION, { query: BULK_PRODUCTS_QUERY });
  const run = r.bulkOperationRunQuery;
  const errors = run?.userErrors ?? [];
  if (errors.some((e) => e.code === 'OPERATION_IN_PROGRESS' || e.code === 'LIMIT_REACHED')) {
    const current = await gql<{ currentBulkOperation: (BulkOperation & { query?: string }) | null }>(env, conn, BULK_CURRENT_QUERY);
    const op = current.currentBulkOperation;
    if (op && (op.status === 'RUNNING' || op.status === 'CREATED' || op.status === 'COMPLETED')) return op.id;
    throw new PosError('transient', 'Shopify is still busy with an earlier catalog export; trying again shortly.');
  }
  checkUserErrors(errors, 'the catalog export');
  if (!run?.bulkOperation?.id) throw new PosError('transient', 'Shopify did not start the catalog export.');
  return run.bulkOperation.id;
}

async function status(env: ShopifyEnv, conn: ConnContext, id: string): Promise<BulkOperation> {
  const r = await gql<{ node: BulkOperation | null }>(env, conn, BULK_STATUS_QUERY, { id });
  if (!r.node?.id) return { id, status: 'EXPIRED' };
  return r.node;
}

interface BulkFile {
  key: string;
  products: ProductNode[];
}

/** the last files read (a resumed import reads its file again; pages of one import read it once) */
const files: BulkFile[] = [];

/** JSONL rows → products with their variants: children name their parent in `__parentId`, in any order. */
export function assembleBulk(jsonl: string): ProductNode[] {
  const products = new Map<string, ProductNode & { variants: { nodes: VariantNode[] } }>();
  const orphans: (VariantNode & { __parentId: string })[] = [];
  for (const line of jsonl.split('\n')) {
    if (line.trim() === '') continue;
    let row: { id?: unknown; __parentId?: unknown };
    try {
      row = JSON.parse(line) as { id?: unknown; __parentId?: unknown };
    } catch {
      throw new PosError('transient', 'Shopify’s catalog export is damaged; it is read again.');
    }
    if (typeof row.id !== 'string') continue;
    const type = gidType(row.id);
    if (type === 'Product') products.set(row.id, { ...(row as ProductNode), variants: { nodes: [] } });
    else if (type === 'ProductVariant' && typeof row.__parentId === 'string') orphans.push(row as VariantNode & { __parentId: string });
  }
  for (const v of orphans) products.get(v.__parentId)?.variants.nodes.push(v);
  return [...products.values()];
}

async function readFile(env: ShopifyEnv, conn: ConnContext, op: BulkOperation): Promise<ProductNode[]> {
  const key = `${conn.connectionKey} ${op.id}`;
  const cached = files.find((f) => f.key === key);
  if (cached) return cached.products;
  let text = '';
  if (op.url) {
    let res: Response;
    try {
      // a signed storage URL: no Shopify token goes with it
      res = await fetch(op.url, { signal: AbortSignal.timeout(env.POS_TIMEOUT_MS * 6) });
      text = await res.text();
    } catch (e) {
      throw new PosError('transient', `Shopify’s catalog export could not be downloaded (${e instanceof Error ? e.message : String(e)}).`);
    }
    if (!res.ok) throw new PosError('transient', `Shopify’s catalog export could not be downloaded (HTTP ${String(res.status)}).`);
  }
  // a shop without products completes with no file at all
  const products = assembleBulk(text);
  files.unshift({ key, products });
  files.length = Math.min(files.length, 2);
  return products;
}

async function shopInfo(env: ShopifyEnv, conn: ConnContext): Promise<ShopInfo> {
  const r = await gql<{ shop: { currencyCode: string; taxesIncluded: boolean } }>(env, conn, SHOP_QUERY, {}, { cost: 1 });
  return { shop: conn.connectionKey, currencyCode: r.shop.currencyCode, taxesIncluded: r.shop.taxesIncluded };
}

async function restart(env: ShopifyEnv, conn: ConnContext, op: BulkOperation, restarts: number): Promise<CatalogPage> {
  if (op.errorCode === 'ACCESS_DENIED') throw new PosError('auth', 'Shopify refused the catalog export: Makeries lacks the read_products permission.', null, 'ACCESS_DENIED');
  if (restarts >= MAX_RESTARTS) throw new PosError('rejected', `Shopify’s catalog export kept failing (${op.errorCode ?? op.status}).`, null, op.errorCode ?? op.status);
  return emptyPage(waitCursor(await start(env, conn), restarts + 1));
}

/** One page of the first import (see the comment at the top). */
export async function bulkCatalogPage(env: ShopifyEnv, conn: ConnContext, cursor: string | null): Promise<CatalogPage> {
  if (cursor === null) return emptyPage(waitCursor(await start(env, conn)));
  const c = parseBulkCursor(cursor);
  let op = await status(env, conn, c.id);
  if (c.wait) {
    for (const ms of POLL_DELAYS_MS) {
      if (op.status !== 'CREATED' && op.status !== 'RUNNING') break;
      await sleep(ms);
      op = await status(env, conn, c.id);
    }
    if (op.status === 'CREATED' || op.status === 'RUNNING' || op.status === 'CANCELING') return emptyPage(cursor);
    if (op.status !== 'COMPLETED') return restart(env, conn, op, c.restarts);
  } else if (op.status !== 'COMPLETED') {
    // the file expired (7 days) or vanished under a resumed import: export again, the staged rows are overwritten
    return restart(env, conn, op, 0);
  }
  const offset = c.wait ? 0 : c.offset;
  const all = await readFile(env, conn, op);
  const info = await shopInfo(env, conn);
  const slice = all.slice(offset, offset + BULK_PAGE_SIZE);
  const page = productsPage(slice, info);
  const end = offset + slice.length;
  return { ...page, categories: [], deleted: [], next: end < all.length ? offsetCursor(op.id, end) : null };
}
