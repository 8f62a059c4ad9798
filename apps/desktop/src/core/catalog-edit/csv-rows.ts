import { AppError, parseMoney, skuSchema, validateBarcode, type CatalogVariantArgs } from '@makeries/shared';
import Papa from 'papaparse';
import type { CoreContext } from '../context';
import { unguardFormula } from './csv-formula';

/** One CSV row, read and checked on its own (cross-row checks come later). */
export interface CsvRow {
  line: number;
  product: string;
  /** undefined: no variant column (or an empty cell) — a known variant keeps its name, a new one is "Default" */
  variant: string | undefined;
  sku: string;
  /** undefined: no barcode column — a known variant keeps its barcode; an empty cell clears it */
  barcode: string | null | undefined;
  priceCents: number | null;
  /** undefined: the column is absent or the cell empty (keep what the product has) */
  categoryId: string | null | undefined;
  taxClass: string | undefined;
  online: boolean | undefined;
  errors: string[];
}

const ALIASES: Record<string, string> = { name: 'product', product_name: 'product', variant_name: 'variant', tax: 'tax_class', ean: 'barcode', online_visible: 'online' };
const REQUIRED = ['product', 'sku', 'price'] as const;
const MAX_IMPORT_ROWS = 5000;

const header = (h: string): string => {
  const k = h.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return ALIASES[k] ?? k;
};

function yesNo(raw: string): boolean | undefined | 'bad' {
  const v = raw.trim().toLowerCase();
  if (v === '') return undefined;
  if (['yes', 'y', 'true', '1', 'online', 'shown'].includes(v)) return true;
  if (['no', 'n', 'false', '0', 'hidden', 'offline'].includes(v)) return false;
  return 'bad';
}

interface Lookups {
  currency: string;
  categories: Map<string, string>;
  taxClasses: Set<string>;
}

function lookups(ctx: CoreContext, currency: string): Lookups {
  const cats = ctx.sqlite.prepare('SELECT id, name FROM mirror_categories').all() as { id: string; name: string }[];
  const classes = ctx.sqlite.prepare('SELECT DISTINCT tax_class AS c FROM mirror_tax_rates').all() as { c: string }[];
  return { currency, categories: new Map(cats.map((c) => [c.name.trim().toLowerCase(), c.id])), taxClasses: new Set(classes.map((c) => c.c)) };
}

function readRow(cells: Record<string, string | undefined>, line: number, l: Lookups): CsvRow {
  const errors: string[] = [];
  // the export's formula guard (a leading apostrophe before = + - @) comes off again
  const cell = (k: string) => unguardFormula((cells[k] ?? '').trim());
  const product = cell('product');
  if (!product) errors.push('The product name is empty.');
  else if (product.length > 120) errors.push('The product name is longer than 120 characters.');
  const variant = cell('variant') || undefined;
  if (variant && variant.length > 80) errors.push('The variant name is longer than 80 characters.');
  const skuCheck = skuSchema.safeParse(cell('sku'));
  const sku = skuCheck.success ? skuCheck.data : cell('sku');
  if (!skuCheck.success) errors.push(skuCheck.error.issues[0]?.message ?? 'The SKU is not valid.');
  let barcode: string | null | undefined = cells.barcode === undefined ? undefined : null;
  const rawCode = cell('barcode').replace(/[\s-]/g, '');
  if (rawCode) {
    const v = validateBarcode(rawCode);
    if (v.ok) barcode = v.normalized;
    else errors.push(`Barcode ${rawCode}: ${v.reason}`);
  }
  let priceCents: number | null = null;
  try {
    priceCents = parseMoney(cell('price'), l.currency);
    if (priceCents < 0) {
      priceCents = null;
      errors.push('The price cannot be negative.');
    }
  } catch (e) {
    errors.push(e instanceof AppError ? e.message : 'The price is not an amount.');
  }
  let categoryId: string | null | undefined;
  const cat = cell('category');
  if (cat) {
    categoryId = l.categories.get(cat.toLowerCase());
    if (!categoryId) errors.push(`There is no category called "${cat}". Add it on the Categories tab first.`);
  }
  const taxClass = cell('tax_class') || undefined;
  if (taxClass && l.taxClasses.size > 0 && !l.taxClasses.has(taxClass)) {
    errors.push(`The shop has no "${taxClass}" tax rate. Use one of: ${[...l.taxClasses].sort().join(', ')}.`);
  }
  const online = yesNo(cell('online'));
  if (online === 'bad') errors.push('Online must be yes or no.');
  return { line, product, variant, sku, barcode, priceCents, categoryId, taxClass, online: online === 'bad' ? undefined : online, errors };
}

/** Parses the file (papaparse) and checks each row on its own. A file without the key columns is refused whole. */
export function readCsv(ctx: CoreContext, text: string, currency: string): { rows: CsvRow[]; ignoredColumns: string[] } {
  const parsed = Papa.parse<Record<string, string | undefined>>(text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: header,
  });
  const fields = parsed.meta.fields ?? [];
  const missing = REQUIRED.filter((c) => !fields.includes(c));
  if (parsed.data.length === 0 || missing.length > 0) {
    throw new AppError('BAD_INPUT', `This file is not a catalog CSV: it needs the columns ${REQUIRED.join(', ')}${missing.length ? ` (missing: ${missing.join(', ')})` : ' and at least one row'}.`, {
      issues: [{ path: 'text', message: 'Missing columns' }],
    });
  }
  if (parsed.data.length > MAX_IMPORT_ROWS) {
    throw new AppError('BAD_INPUT', `The file has ${parsed.data.length} rows; import at most ${MAX_IMPORT_ROWS} at a time.`, { issues: [{ path: 'text', message: 'Too many rows' }] });
  }
  const l = lookups(ctx, currency);
  // line 1 is the header
  const rows = parsed.data.map((cells, i) => readRow(cells, i + 2, l));
  // on_hand is exported for reading; stock changes go through Stock (receive/count), never an import
  const known = new Set(['product', 'variant', 'sku', 'barcode', 'price', 'category', 'tax_class', 'online', 'on_hand']);
  return { rows, ignoredColumns: fields.filter((f) => !known.has(f)) };
}

/** A variant as the file describes it, on top of what the catalog has (fields the file lacks are kept). */
export function variantFromRow(r: CsvRow, id: string, sort: number, base: CatalogVariantArgs | undefined): CatalogVariantArgs {
  return {
    id,
    name: r.variant ?? base?.name ?? 'Default',
    sku: r.sku,
    barcode: r.barcode === undefined ? (base?.barcode ?? null) : r.barcode,
    priceCents: r.priceCents ?? 0,
    taxClass: r.taxClass ?? base?.taxClass ?? 'standard',
    soldBy: base?.soldBy ?? 'each',
    trackStock: base?.trackStock ?? true,
    lowStockThreshold: base?.lowStockThreshold ?? 0,
    sort: base?.sort ?? sort,
    archived: false,
  };
}
