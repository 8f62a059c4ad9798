import {
  changedFields,
  POS_OWNED_STOCK_KINDS,
  POS_OWNED_VARIANT_FIELDS,
  posOwnedEditMessage,
  posOwnedError,
  validateBarcode,
  type CatalogVariantArgs,
} from '@makeries/shared';
import type Database from 'better-sqlite3';
import type { EditableProduct } from './reads';

/*
 * The counter's copy of the server's rule for products bridged from a point of sale (server:
 * services/products/pos-owned.ts; words and field lists shared in @makeries/shared `pos-owned`). Checked before
 * anything is written or queued, so staff read the reason at once, offline too; the server checks again.
 */

type Bridged = EditableProduct & { posProvider: string };

export function isBridged(p: EditableProduct | undefined): p is Bridged {
  return p?.posProvider != null;
}

type VariantKeys = Pick<CatalogVariantArgs, (typeof POS_OWNED_VARIANT_FIELDS)[number]>;

/** The POS-owned fields a listed variant would change ('variants' for a variant the POS does not have). */
/** A stored barcode in its canonical spelling, so a UPC-A kept as printed compares equal to its EAN-13. */
function canonical(code: string | null): string | null {
  if (code === null) return null;
  const v = validateBarcode(code);
  return v.ok ? v.normalized : code;
}

export function variantChanges(current: Bridged, v: VariantKeys & { id: string }): string[] {
  const base = current.variants.find((x) => x.id === v.id);
  if (!base) return ['variants'];
  return changedFields({ ...base, barcode: canonical(base.barcode) }, v, POS_OWNED_VARIANT_FIELDS);
}

/**
 * A whole-form save of a bridged product: its name and each listed variant's POS-owned fields must stay as the
 * POS has them. Returns the variants worth sending (those whose Makeries-owned fields changed), so an edit of
 * online visibility does not resend prices the POS may have changed meanwhile.
 */
export function checkBridgedSave(current: Bridged, name: string, variants: readonly CatalogVariantArgs[]): CatalogVariantArgs[] {
  const fields = [
    ...(name !== current.name ? ['name'] : []),
    ...variants.flatMap((v) => variantChanges(current, v).map((f) => (f === 'variants' ? f : `variants.${v.sku}.${f}`))),
  ];
  if (fields.length > 0) throw posOwnedError('edit', current, fields);
  return variants.filter((v) => {
    const base = current.variants.find((x) => x.id === v.id);
    return base && (base.soldBy !== v.soldBy || base.lowStockThreshold !== v.lowStockThreshold || base.sort !== v.sort);
  });
}

const FIELD_WORDS: Record<string, string> = {
  productName: 'product name',
  name: 'variant name',
  sku: 'SKU',
  barcode: 'barcode',
  priceCents: 'price',
  taxClass: 'tax class',
  trackStock: 'stock tracking',
  archived: 'archive state',
  variants: 'variants (new variant)',
};

/** The reason a CSV row is refused: the shared words plus what the row would change. */
export function csvRowReason(current: Bridged, fields: readonly string[]): string {
  const what = fields.map((f) => FIELD_WORDS[f] ?? f).join(', ');
  return `${posOwnedEditMessage(current.name, current.posProvider)} This row would change its ${what}.`;
}

interface BridgedOfVariant {
  id: string;
  name: string;
  posProvider: string | null;
}

/** Receive, count and adjust of a bridged product's variant are refused: its stock is counted in the POS. */
export function assertStockEditable(sqlite: Database.Database, variantId: string, kind: string): void {
  if (!(POS_OWNED_STOCK_KINDS as readonly string[]).includes(kind)) return;
  const p = sqlite
    .prepare(
      `SELECT p.id, p.name, p.pos_provider AS posProvider FROM mirror_variants v JOIN mirror_products p ON p.id = v.product_id WHERE v.id = ?`,
    )
    .get(variantId) as BridgedOfVariant | undefined;
  if (p?.posProvider) throw posOwnedError('stock', { id: p.id, name: p.name, posProvider: p.posProvider }, ['quantity']);
}
