import { AppError, validateBarcode } from '@makeries/shared';
import type { CoreContext } from '../context';

export const badInput = (path: string, message: string): AppError => new AppError('BAD_INPUT', message, { issues: [{ path, message }] });

/** The canonical spelling the server stores (UPC-A as 13 digits), or INVALID_BARCODE naming the variant. */
export function canonicalBarcode(code: string | null, sku: string): string | null {
  if (code === null) return null;
  const check = validateBarcode(code);
  if (!check.ok) throw new AppError('INVALID_BARCODE', `The barcode for ${sku} is not valid: ${check.reason}`, { details: { sku, barcode: code } });
  return check.normalized;
}

/** Every spelling a mirror row could hold for a canonical barcode (EAN-13, and UPC-A's 12 digits). */
function spellings(canonical: string): string[] {
  return canonical.startsWith('0') ? [canonical, canonical.slice(1)] : [canonical];
}

interface Keyed {
  id: string;
  name: string;
  sku: string;
  barcode: string | null;
}

/**
 * SKUs and barcodes are unique per shop (archived rows too: the server's index covers them), among the
 * variants being saved and against the rest of the local catalog. The server checks again; this catches
 * what the counter already knows, before anything is queued.
 */
export function assertUniqueKeys(ctx: CoreContext, productName: string, list: readonly Keyed[]): void {
  const skus = new Map<string, Keyed>();
  const codes = new Map<string, Keyed>();
  for (const v of list) {
    const s = skus.get(v.sku);
    if (s) throw new AppError('DUPLICATE', `SKU ${v.sku} is used twice in "${productName}" (${s.name} and ${v.name}).`, { details: { field: 'sku' } });
    skus.set(v.sku, v);
    if (v.barcode) {
      const b = codes.get(v.barcode);
      if (b) throw new AppError('DUPLICATE', `Barcode ${v.barcode} is used twice in "${productName}".`, { details: { field: 'barcode' } });
      codes.set(v.barcode, v);
    }
  }
  const ids = JSON.stringify(list.map((v) => v.id));
  const owner = ctx.sqlite.prepare(
    `SELECT coalesce(p.name, v.sku) AS name FROM mirror_variants v LEFT JOIN mirror_products p ON p.id = v.product_id
     WHERE v.id NOT IN (SELECT value FROM json_each(?)) AND (v.sku = ? OR (? IS NOT NULL AND v.barcode IN (SELECT value FROM json_each(?))))
     ORDER BY (v.sku = ?) DESC LIMIT 1`,
  );
  for (const v of list) {
    const all = v.barcode ? JSON.stringify(spellings(v.barcode)) : '[]';
    const row = owner.get(ids, v.sku, v.barcode, all, v.sku) as { name: string } | undefined;
    if (!row) continue;
    const skuTaken = ctx.sqlite.prepare('SELECT 1 FROM mirror_variants WHERE sku = ? AND id NOT IN (SELECT value FROM json_each(?))').get(v.sku, ids);
    throw skuTaken
      ? new AppError('DUPLICATE', `SKU ${v.sku} is already used by "${row.name}". Each SKU must be unique in your shop.`, { details: { field: 'sku', value: v.sku } })
      : new AppError('DUPLICATE', `Barcode ${v.barcode ?? ''} already belongs to "${row.name}". Each barcode must be unique in your shop.`, {
          details: { field: 'barcode', value: v.barcode },
        });
  }
}

/** When the shop has tax rates, a variant's class must be one of theirs (else nothing would tax it). */
export function assertTaxClasses(ctx: CoreContext, classes: readonly string[]): void {
  const known = (ctx.sqlite.prepare('SELECT DISTINCT tax_class AS c FROM mirror_tax_rates ORDER BY c').all() as { c: string }[]).map((r) => r.c);
  if (known.length === 0) return;
  const missing = classes.find((c) => !known.includes(c));
  if (missing) throw badInput('taxClass', `The shop has no "${missing}" tax rate. Pick one of: ${known.join(', ')}.`);
}

export function assertCategory(ctx: CoreContext, categoryId: string | null): void {
  if (categoryId === null) return;
  if (!ctx.sqlite.prepare('SELECT 1 FROM mirror_categories WHERE id = ?').get(categoryId)) {
    throw badInput('categoryId', 'That category is not in this counter’s catalog. Pick another or add it on the Categories tab.');
  }
}
