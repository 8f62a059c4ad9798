import { AppError, uuidv7, validateBarcode, type CatalogVariantArgs } from '@makeries/shared';
import { vendorSettings } from '../catalog/vendor';
import type { CoreContext } from '../context';
import { parseInput } from '../errors';
import { commitEdit, type CatalogMutation, type Queued, type Stamp } from './commit';
import { readCsv, variantFromRow, type CsvRow } from './csv-rows';
import { csvImportInput, type CsvImportInput } from './inputs';
import { csvRowReason, isBridged, variantChanges } from './pos-owned';
import { bridgeOf, mirrorWrite, type MirrorProduct } from './product-save';
import { productById, type EditableProduct, type EditableVariant } from './reads';

type ImportAction = 'create' | 'update' | 'unchanged' | 'error';

interface ImportRowPreview {
  line: number;
  product: string;
  variant: string;
  sku: string;
  priceCents: number | null;
  action: ImportAction;
  errors: string[];
}

export interface ImportPreview {
  rows: ImportRowPreview[];
  counts: Record<ImportAction, number>;
  /** new products the import adds (a product can hold several new variants) */
  newProducts: number;
  ignoredColumns: string[];
}

interface Group {
  /** an existing product, or a new one (minted id) */
  productId: string;
  current: EditableProduct | undefined;
  rows: CsvRow[];
}

interface Plan {
  preview: ImportPreview;
  groups: { productId: string; product: MirrorProduct; variants: CatalogVariantArgs[]; create: boolean; rows: CsvRow[] }[];
}

/** A stored barcode in its canonical spelling, so a UPC-A kept as printed compares equal to its EAN-13. */
function canonical(code: string | null): string | null {
  if (code === null) return null;
  const v = validateBarcode(code);
  return v.ok ? v.normalized : code;
}

const asArgs = (v: EditableVariant): CatalogVariantArgs => ({
  id: v.id, name: v.name, sku: v.sku, barcode: canonical(v.barcode), priceCents: v.priceCents, taxClass: v.taxClass, soldBy: v.soldBy,
  trackStock: v.trackStock, lowStockThreshold: v.lowStockThreshold, sort: v.sort, archived: v.archived,
});

const sameVariant = (a: CatalogVariantArgs, b: CatalogVariantArgs) => (Object.keys(a) as (keyof CatalogVariantArgs)[]).every((k) => a[k] === b[k]);

/** Rows → products: a known SKU updates its variant; new SKUs join the product of the same name, or a new one. */
function groupRows(ctx: CoreContext, rows: CsvRow[], now: number): Group[] {
  const bySku = ctx.sqlite.prepare('SELECT product_id AS productId FROM mirror_variants WHERE sku = ?');
  const byName = ctx.sqlite.prepare('SELECT id FROM mirror_products WHERE lower(name) = lower(?) AND archived = 0 ORDER BY id');
  const groups = new Map<string, Group>();
  const newByName = new Map<string, string>();
  for (const r of rows) {
    let productId = (bySku.get(r.sku) as { productId: string } | undefined)?.productId;
    if (!productId) {
      const named = byName.all(r.product) as { id: string }[];
      productId = named.length === 1 ? named[0]?.id : undefined;
    }
    if (!productId) {
      const key = r.product.toLowerCase();
      productId = newByName.get(key) ?? uuidv7(now);
      newByName.set(key, productId);
    }
    const g = groups.get(productId) ?? { productId, current: productById(ctx, productId), rows: [] };
    g.rows.push(r);
    groups.set(productId, g);
  }
  return [...groups.values()];
}

/** Rows that would change what a bridged product's POS owns (its name, a variant's keys and price, new variants). */
function refuseBridgedChanges(g: Group, name: string, variants: readonly CatalogVariantArgs[]): void {
  const current = g.current;
  if (!isBridged(current)) return;
  g.rows.forEach((r, i) => {
    const v = variants[i];
    const fields = [...(name !== current.name ? ['productName'] : []), ...(v ? variantChanges(current, v) : [])];
    if (fields.length > 0) r.errors.push(csvRowReason(current, fields));
  });
}

/** Rows of one product must agree on the product's own fields. */
function agree<T>(g: Group, pick: (r: CsvRow) => T | undefined, what: string): T | undefined {
  const values = [...new Set(g.rows.map(pick).filter((v) => v !== undefined))];
  if (values.length > 1) for (const r of g.rows) r.errors.push(`Rows of "${g.rows[0]?.product}" disagree on its ${what}.`);
  return values[0];
}

/** Keys unique in the file and against the rest of the catalog (variants the import rewrites excepted). */
function checkKeys(ctx: CoreContext, planned: { rows: CsvRow[]; variants: CatalogVariantArgs[] }[]): void {
  const ids = JSON.stringify(planned.flatMap((p) => p.variants.map((v) => v.id)));
  const owner = ctx.sqlite.prepare(
    `SELECT coalesce(p.name, v.sku) AS name FROM mirror_variants v LEFT JOIN mirror_products p ON p.id = v.product_id
     WHERE v.id NOT IN (SELECT value FROM json_each(?)) AND v.barcode IN (?, ?) LIMIT 1`,
  );
  const skus = new Map<string, number>();
  const codes = new Map<string, number>();
  for (const { rows } of planned) {
    for (const r of rows) {
      const s = skus.get(r.sku);
      if (s !== undefined) r.errors.push(`SKU ${r.sku} is also on line ${s}.`);
      else skus.set(r.sku, r.line);
      if (!r.barcode) continue;
      const b = codes.get(r.barcode);
      if (b !== undefined) r.errors.push(`Barcode ${r.barcode} is also on line ${b}.`);
      else codes.set(r.barcode, r.line);
      const taken = owner.get(ids, r.barcode, r.barcode.startsWith('0') ? r.barcode.slice(1) : r.barcode) as { name: string } | undefined;
      if (taken) r.errors.push(`Barcode ${r.barcode} already belongs to "${taken.name}".`);
    }
  }
}

function planImport(ctx: CoreContext, text: string, now: number): Plan {
  const { rows, ignoredColumns } = readCsv(ctx, text, vendorSettings(ctx.db).currency);
  const actions = new Map<CsvRow, ImportAction>();
  const planned: Plan['groups'] = [];
  for (const g of groupRows(ctx, rows, now)) {
    const name = agree(g, (r) => r.product || undefined, 'product name') ?? g.current?.name ?? '';
    const categoryId = agree(g, (r) => r.categoryId, 'category');
    const online = agree(g, (r) => r.online, 'online setting');
    const existing = new Map((g.current?.variants ?? []).map((v) => [v.sku, asArgs(v)]));
    let next = (g.current?.variants.length ?? 0);
    const variants = g.rows.map((r) => {
      const base = existing.get(r.sku);
      return variantFromRow(r, base?.id ?? uuidv7(now), base ? base.sort : next++, base);
    });
    const product: MirrorProduct = {
      name,
      categoryId: categoryId === undefined ? (g.current?.categoryId ?? null) : categoryId,
      onlineVisible: online ?? g.current?.onlineVisible ?? false,
      archived: g.current?.archived ?? false,
      ...bridgeOf(g.current),
    };
    refuseBridgedChanges(g, name, variants);
    const productChanged = !g.current || g.current.name !== product.name || g.current.categoryId !== product.categoryId || g.current.onlineVisible !== product.onlineVisible;
    g.rows.forEach((r, i) => {
      const base = existing.get(r.sku);
      const v = variants[i];
      actions.set(r, !base ? 'create' : productChanged || !v || !sameVariant(base, v) ? 'update' : 'unchanged');
    });
    planned.push({ productId: g.productId, product, variants, create: !g.current, rows: g.rows });
  }
  checkKeys(ctx, planned);
  const previews: ImportRowPreview[] = rows.map((r) => ({
    line: r.line,
    product: r.product,
    variant: r.variant ?? 'Default',
    sku: r.sku,
    priceCents: r.priceCents,
    action: r.errors.length > 0 ? 'error' : (actions.get(r) ?? 'unchanged'),
    errors: r.errors,
  }));
  const counts: Record<ImportAction, number> = { create: 0, update: 0, unchanged: 0, error: 0 };
  for (const p of previews) counts[p.action]++;
  const newProducts = planned.filter((p) => p.create).length;
  return { preview: { rows: previews, counts, newProducts, ignoredColumns }, groups: planned };
}

/** What the import would do, row by row, writing nothing. Any staff member may look. */
export function previewImport(ctx: CoreContext, input: CsvImportInput): ImportPreview {
  const p = parseInput(csvImportInput, input);
  return planImport(ctx, p.text, ctx.now()).preview;
}

function mutationFor(g: Plan['groups'][number], stamp: Stamp): CatalogMutation {
  const changed = g.variants;
  if (g.create) {
    return {
      name: 'catalog.productCreate',
      args: { productId: g.productId, name: g.product.name, description: '', categoryId: g.product.categoryId, dietaryTags: [], onlineVisible: g.product.onlineVisible, variants: changed, ...stamp },
    };
  }
  return {
    name: 'catalog.productUpdate',
    args: {
      productId: g.productId,
      // a bridged product's name is its POS's: not sent (unchanged, or the row was refused)
      ...(g.product.posProvider === null ? { name: g.product.name } : {}),
      categoryId: g.product.categoryId,
      onlineVisible: g.product.onlineVisible,
      variants: changed,
      ...stamp,
    },
  };
}

/**
 * Applies the import: every row must be valid, then every product edit is queued in ONE transaction with its
 * optimistic mirror rows — all or nothing. Unchanged products queue nothing.
 */
export async function applyImport(ctx: CoreContext, input: CsvImportInput): Promise<Queued & { preview: ImportPreview }> {
  const p = parseInput(csvImportInput, input);
  const now = ctx.now();
  const first = planImport(ctx, p.text, now);
  if (first.preview.counts.error > 0) {
    const bad = first.preview.rows.filter((r) => r.action === 'error');
    throw new AppError('BAD_INPUT', `${bad.length} row${bad.length === 1 ? ' has' : 's have'} problems. Fix the file and import it again; nothing was changed.`, {
      issues: bad.slice(0, 50).map((r) => ({ path: `line ${r.line}`, message: r.errors.join(' ') })),
    });
  }
  return commitEdit(ctx, p.approval, 'import the catalog', (stamp) => {
    // planned again inside the transaction, against the catalog as it is now
    const plan = planImport(ctx, p.text, now);
    if (plan.preview.counts.error > 0) throw new AppError('CONFLICT', 'The catalog changed while importing. Check the preview again.');
    const work = plan.groups.filter((g) => g.rows.some((r) => plan.preview.rows.find((x) => x.line === r.line)?.action !== 'unchanged'));
    return {
      queue: work.map((g) => mutationFor(g, stamp)),
      mirror: () => {
        for (const g of work) mirrorWrite(ctx, g.productId, g.product, g.variants);
      },
      result: { preview: plan.preview },
    };
  });
}
