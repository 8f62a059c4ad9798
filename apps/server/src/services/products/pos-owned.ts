import {
  changedFields,
  POS_OWNED_PRODUCT_FIELDS,
  POS_OWNED_STOCK_KINDS,
  POS_OWNED_VARIANT_FIELDS,
  posOwnedError,
  type MovementKind,
  type PosProvider,
} from '@makeries/shared';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { products, variants } from '../../db/schema/index';

/*
 * The one rule for products bridged from a point of sale (products.pos_provider not null; POS-BRIDGES §6):
 * the POS owns names, SKUs, barcodes, prices, tax assignment, archive state, the set of variants and stock
 * counts; Makeries owns online visibility, category, dietary tags, description and photos. Every write path a
 * shop uses (catalog and inventory routers, counter pushes) goes through the services below, which call these
 * checks before writing anything. A refusal is CONFLICT with the words staff see (shared `posOwnedError`).
 *
 * The bridge engine (services/bridges) is the one writer of POS-owned fields: it passes `{ bridge: true }` to
 * createProduct / updateProduct / upsertVariant / archiveProduct, which skips these checks and leaves
 * description_edited alone; with `pos` it also sets or clears the product's provider and edit link.
 */

export interface ProductWriteOptions {
  /** set only by the POS bridge engine: it writes the POS-owned fields itself */
  bridge?: boolean;
  /** with `bridge`: the product's POS and where its owner edits it there (null unbridges it) */
  pos?: { provider: PosProvider; editUrl: string | null } | null;
}

interface ProductNow {
  id: string;
  name: string;
  archived: boolean;
  description: string;
  posProvider: PosProvider | null;
}

interface VariantNow {
  name: string;
  sku: string;
  barcode: string | null;
  priceCents: number;
  taxClass: string;
  trackStock: boolean;
  archived: boolean;
}

function bridged(p: ProductNow, opts: ProductWriteOptions): p is ProductNow & { posProvider: PosProvider } {
  return p.posProvider !== null && opts.bridge !== true;
}

/** A product patch: refuses changes of its name or archive state. */
export function assertProductPatch(current: ProductNow, next: { name?: string; archived?: boolean }, opts: ProductWriteOptions): void {
  if (!bridged(current, opts)) return;
  const fields = changedFields(current, next, POS_OWNED_PRODUCT_FIELDS);
  if (fields.length > 0) throw posOwnedError('edit', current, fields);
}

/** A description typed here on a bridged product is ours from now on: the import stops overwriting it. */
export function marksDescriptionEdited(current: ProductNow, description: string | undefined, opts: ProductWriteOptions): boolean {
  return bridged(current, opts) && description !== undefined && description !== current.description;
}

/** A variant written whole: refuses new variants and changes of POS-owned fields (soldBy, threshold and sort stay ours). */
export function assertVariantWrite(product: ProductNow, existing: VariantNow | undefined, next: VariantNow, opts: ProductWriteOptions): void {
  if (!bridged(product, opts)) return;
  if (!existing) throw posOwnedError('edit', product, ['variants']);
  const fields = changedFields(existing, next, POS_OWNED_VARIANT_FIELDS);
  if (fields.length > 0) throw posOwnedError('edit', product, fields.map((f) => `variants.${next.sku}.${f}`));
}

/**
 * Receive, count and adjust of a bridged product's variant are refused (stock is counted in the POS); sales,
 * refunds and transfers pass. Back office and counter pushes call this before recordMovements.
 */
export async function assertStockEditable(db: DbOrTx, vendorId: string, movements: readonly { variantId: string; kind: MovementKind }[]): Promise<void> {
  const counted = movements.filter((m) => (POS_OWNED_STOCK_KINDS as readonly string[]).includes(m.kind)).map((m) => m.variantId);
  if (counted.length === 0) return;
  const [row] = await db
    .select({ id: products.id, name: products.name, posProvider: products.posProvider })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .where(and(eq(variants.vendorId, vendorId), inArray(variants.id, [...new Set(counted)]), isNotNull(products.posProvider)))
    .limit(1);
  if (row?.posProvider) throw posOwnedError('stock', { id: row.id, name: row.name, posProvider: row.posProvider }, ['quantity']);
}
