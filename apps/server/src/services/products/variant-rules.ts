import { AppError, validateBarcode } from '@makeries/shared';
import { and, eq, inArray, notInArray, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { products, variants } from '../../db/schema/index';
import { uniqueViolation } from '../../db/errors';

export interface VariantKeys {
  id: string;
  name: string;
  sku: string;
  barcode: string | null;
}

/** Checks the check digit and stores the canonical form (UPC-A as 13 digits), so one code has one spelling. */
export function normaliseBarcode(barcode: string | null, sku: string): string | null {
  if (barcode === null) return null;
  const v = validateBarcode(barcode);
  if (!v.ok) {
    throw new AppError('INVALID_BARCODE', `The barcode for ${sku} is not valid: ${v.reason}`, {
      details: { sku, barcode, reason: v.reason },
    });
  }
  return v.normalized;
}

function duplicate(field: 'sku' | 'barcode', value: string, usedBy: string, existingVariantId?: string): AppError {
  const what = field === 'sku' ? `SKU ${value}` : `Barcode ${value}`;
  return new AppError('DUPLICATE', `${what} is already used by ${usedBy}. Each ${field === 'sku' ? 'SKU' : 'barcode'} must be unique in your shop.`, {
    details: { field, value, ...(existingVariantId ? { variantId: existingVariantId } : {}) },
  });
}

function label(productName: string, variantName: string): string {
  return variantName === 'Default' ? `"${productName}"` : `"${productName} (${variantName})"`;
}

/**
 * SKUs and barcodes are unique per vendor: among the variants being written and against every other
 * variant of the vendor (archived ones too — the unique index covers them). Reports which one clashes.
 */
export async function assertUniqueKeys(db: DbOrTx, vendorId: string, productName: string, list: readonly VariantKeys[]): Promise<void> {
  const seenSku = new Map<string, VariantKeys>();
  const seenBarcode = new Map<string, VariantKeys>();
  for (const v of list) {
    const s = seenSku.get(v.sku);
    if (s) throw duplicate('sku', v.sku, label(productName, s.name));
    seenSku.set(v.sku, v);
    if (v.barcode) {
      const b = seenBarcode.get(v.barcode);
      if (b) throw duplicate('barcode', v.barcode, label(productName, b.name));
      seenBarcode.set(v.barcode, v);
    }
  }
  const barcodes = [...seenBarcode.keys()];
  const [clash] = await db
    .select({ id: variants.id, sku: variants.sku, barcode: variants.barcode, name: variants.name, productName: products.name })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .where(
      and(
        eq(variants.vendorId, vendorId),
        notInArray(
          variants.id,
          list.map((v) => v.id),
        ),
        or(inArray(variants.sku, [...seenSku.keys()]), barcodes.length ? inArray(variants.barcode, barcodes) : undefined),
      ),
    )
    .limit(1);
  if (!clash) return;
  if (seenSku.has(clash.sku)) throw duplicate('sku', clash.sku, label(clash.productName, clash.name), clash.id);
  throw duplicate('barcode', clash.barcode ?? '', label(clash.productName, clash.name), clash.id);
}

/** Turns a unique-index race (two writers at once) into the same DUPLICATE a user gets from the check. */
export async function mapUniqueRace<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    const constraint = uniqueViolation(e);
    if (constraint === undefined) throw e;
    const field = constraint.includes('barcode') ? 'barcode' : constraint.includes('sku') ? 'SKU' : 'id';
    throw new AppError('DUPLICATE', `That ${field} is already in use in your shop.`, { details: { field: field.toLowerCase() } });
  }
}
