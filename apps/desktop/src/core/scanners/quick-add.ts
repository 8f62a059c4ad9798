import { AppError, isVariableMeasure, skuSchema, uuidv7, validateBarcode, type ProductQuickAddArgs } from '@makeries/shared';
import { isoAt, type CoreContext } from '../context';
import { writeTx } from '../db/open';
import { vendorSettings } from '../catalog/vendor';
import { requirePaired } from '../device/device';
import { parseInput } from '../errors';
import { upsertEntity } from '../mirror/upsert';
import { enqueue } from '../outbox/outbox';
import { approve, requireStaff } from '../staff/auth';
import { requireSyncProof } from '../staff/proofs';
import { quickAddInput, type QuickAddInput } from './inputs';

type Parsed = ReturnType<typeof quickAddInput.parse>;

export interface QuickAdded {
  productId: string;
  variantId: string;
  name: string;
  sku: string;
  barcode: string | null;
  priceCents: number;
  /** the outbox row that tells the server */
  mutationId: number;
}

interface Keys {
  sku: string;
  barcode: string | null;
  /** every spelling a catalog row could hold for this barcode (as scanned, EAN-13, UPC-A's 12 digits) */
  spellings: string[];
}

const bad = (path: string, message: string) => new AppError('BAD_INPUT', message, { issues: [{ path, message }] });

/** A retail code becomes the variant's barcode (canonical spelling); any other code is its SKU. */
function keysFor(ctx: CoreContext, p: Parsed): Keys {
  const digits = p.code.replace(/[\s-]/g, '');
  const code = /^\d+$/.test(digits) ? digits : p.code;
  const retailShape = /^\d+$/.test(code) && [8, 12, 13].includes(code.length);
  if (!retailShape) {
    if (p.sku !== undefined && p.sku !== code) throw bad('sku', `${code} is not a retail barcode, so it is the SKU itself: leave the SKU empty.`);
    const sku = skuSchema.safeParse(code);
    if (!sku.success) throw bad('code', `${code} cannot be a SKU: ${sku.error.issues[0]?.message ?? 'invalid'}.`);
    return { sku: sku.data, barcode: null, spellings: [] };
  }
  const check = validateBarcode(code);
  if (!check.ok) throw new AppError('INVALID_BARCODE', check.reason, { details: { code } });
  const template = vendorSettings(ctx.db).gs1Template;
  if (template && isVariableMeasure(code, template)) {
    throw bad('code', 'This is a scale label (weight or price printed in the barcode). Set its item up by PLU in the back office.');
  }
  const spellings = new Set([code, check.normalized]);
  if (check.normalized.startsWith('0')) spellings.add(check.normalized.slice(1));
  return { sku: p.sku ?? code, barcode: check.normalized, spellings: [...spellings] };
}

function usedBy(ctx: CoreContext, sql: string, ...params: string[]): string | null {
  const row = ctx.sqlite.prepare(sql).get(...params) as { name: string } | undefined;
  return row ? row.name : null;
}

/** Everything checked before anything is written; run again inside the transaction (the PIN took a while). */
function plan(ctx: CoreContext, p: Parsed): Keys {
  requirePaired(ctx.db);
  const keys = keysFor(ctx, p);
  const owner = (column: 'barcode' | 'sku', values: string[]) =>
    values.length === 0
      ? null
      : usedBy(
          ctx,
          // archived rows too: the server's unique index covers them
          `SELECT coalesce(p.name, v.sku) AS name FROM mirror_variants v LEFT JOIN mirror_products p ON p.id = v.product_id
           WHERE v.${column} IN (${values.map(() => '?').join(', ')}) LIMIT 1`,
          ...values,
        );
  const barcodeOwner = owner('barcode', keys.spellings);
  if (barcodeOwner) throw new AppError('DUPLICATE', `Barcode ${keys.barcode} already belongs to "${barcodeOwner}". Scan it to sell it.`, { details: { field: 'barcode' } });
  const skuOwner = owner('sku', [keys.sku]);
  if (skuOwner) throw new AppError('DUPLICATE', `SKU ${keys.sku} is already used by "${skuOwner}". Pick another SKU.`, { details: { field: 'sku' } });
  const classes = ctx.sqlite.prepare('SELECT DISTINCT tax_class AS c FROM mirror_tax_rates ORDER BY c').all() as { c: string }[];
  if (classes.length > 0 && !classes.some((r) => r.c === p.taxClass)) {
    throw bad('taxClass', `The shop has no "${p.taxClass}" tax rate. Pick one of: ${classes.map((r) => r.c).join(', ')}.`);
  }
  if (p.categoryId && !usedBy(ctx, 'SELECT name FROM mirror_categories WHERE id = ?', p.categoryId)) {
    throw bad('categoryId', 'That category is not in this counter’s catalog.');
  }
  return keys;
}

/**
 * Quick-add (DESIGN §5): a product for a barcode nobody set up, created at the till so the sale goes on. The
 * product and variant land in the local catalog at once (searchable and scannable; the FTS triggers index the
 * mirror rows) and `product.quickAdd` is queued in the same transaction. The server creates them with the same
 * ids, so its copy, pulled back, simply replaces these optimistic rows. A manager, or a cashier with a
 * manager's PIN, may do it.
 */
export async function quickAdd(ctx: CoreContext, input: QuickAddInput): Promise<QuickAdded> {
  const p = parseInput(quickAddInput, input);
  requireStaff(ctx);
  plan(ctx, p);
  const approvedBy = await approve(ctx, p.approval, 'quick-add a product');
  // without it the marketplace would refuse the product, and then the sale of it
  await requireSyncProof(ctx, approvedBy, 'Quick-add');
  const staff = requireStaff(ctx);
  const now = ctx.now();
  return writeTx(ctx.db, () => {
    const keys = plan(ctx, p);
    const args: ProductQuickAddArgs = {
      productId: uuidv7(now),
      variantId: uuidv7(now),
      name: p.name,
      categoryId: p.categoryId,
      sku: keys.sku,
      barcode: keys.barcode,
      priceCents: p.priceCents,
      taxClass: p.taxClass,
      trackStock: p.trackStock,
      staffId: staff.staffId,
      approvedBy,
      createdAt: isoAt(now),
    };
    // the same row shapes the change feed delivers, through the same upsert
    upsertEntity(ctx.sqlite, 'product', args.productId, { name: args.name, categoryId: args.categoryId, onlineVisible: false, archived: false });
    upsertEntity(ctx.sqlite, 'variant', args.variantId, {
      productId: args.productId,
      name: 'Default',
      sku: args.sku,
      barcode: args.barcode,
      priceCents: args.priceCents,
      taxClass: args.taxClass,
      soldBy: 'each',
      trackStock: args.trackStock,
      lowStockThreshold: 0,
      sort: 0,
      archived: false,
    });
    const queued = enqueue(ctx.db, now, 'product.quickAdd', args);
    return { productId: args.productId, variantId: args.variantId, name: args.name, sku: args.sku, barcode: args.barcode, priceCents: args.priceCents, mutationId: queued.mutationId };
  });
}
