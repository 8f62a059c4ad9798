import { eq } from 'drizzle-orm';
import { AppError, uuidv7 } from '@makeries/shared';
import { isoAt, type CoreContext } from '../context';
import { cartWriteTx, writeTx, type CounterDb } from '../db/open';
import { cartLines } from '../db/schema/index';
import { variantById, type SellableVariant } from '../catalog/lookup';
import { resolveScan, type ScanMeasure } from '../catalog/scan';
import { taxRatesFor } from '../catalog/vendor';
import { requireStaff } from '../staff/auth';
import { logActivity } from '../staff/activity';
import { notFound, parseInput } from '../errors';
import { addVariantInput, lineIdInput, lineNoteInput, scanInput, setQuantityInput, type AddVariantInput, type ScanInput } from '../schemas/cart';
import { cartQueries, ensureOpenCart, nextPosition, requireOpenLine, touchCart, type CartLineRow } from './store';
import { checkSoldOut } from './sold-out';
import { buildCartView, type CartView } from './view';

export interface LineChange {
  lineId: string;
  cart: CartView;
}

interface NewLine {
  variant: SellableVariant;
  quantity: number;
  soldBy: 'each' | 'weight';
  unitPriceCents: number;
  scannedCode: string | null;
  /** staff answered "sell anyway" to the sold-out question */
  sellAnyway: boolean;
}

/** Scanning the same plain item again bumps its line instead of adding a second one. */
function mergeTarget(db: CounterDb, cartId: string, n: NewLine): CartLineRow | undefined {
  if (n.soldBy !== 'each' || !n.variant.variantId) return undefined;
  return cartQueries(db).mergeTarget.get({ cartId, variantId: n.variant.variantId, price: n.unitPriceCents });
}

function insertLine(ctx: CoreContext, n: NewLine): LineChange {
  const staff = requireStaff(ctx);
  const now = ctx.now();
  return cartWriteTx(ctx.db, () => {
    checkSoldOut(ctx.db, { variant: n.variant, quantity: n.quantity, soldBy: n.soldBy, sellAnyway: n.sellAnyway, online: ctx.connectivity.online });
    const cart = ensureOpenCart(ctx.db, staff.staffId, now);
    const existing = mergeTarget(ctx.db, cart.id, n);
    let lineId: string;
    if (existing) {
      lineId = existing.id;
      cartQueries(ctx.db).setQuantity.run({ id: existing.id, quantity: existing.quantity + n.quantity });
    } else {
      lineId = uuidv7(now);
      const v = n.variant;
      cartQueries(ctx.db).insertLine.run({
        id: lineId,
        cartId: cart.id,
        position: nextPosition(ctx.db, cart.id),
        productId: v.productId,
        variantId: v.variantId,
        name: v.name,
        variantName: v.variantName === 'Default' ? '' : v.variantName,
        sku: v.sku,
        scannedCode: n.scannedCode,
        soldBy: n.soldBy,
        unitPriceCents: n.unitPriceCents,
        quantity: n.quantity,
        taxRatesBps: taxRatesFor(ctx.db, v.taxClass),
        trackStock: v.trackStock,
        createdAt: isoAt(now),
      });
    }
    touchCart(ctx.db, cart.id, now);
    return { lineId, cart: buildCartView(ctx.db, cart) };
  });
}

/** A scale label's weight or price becomes the line's quantity or price (GS1 variable measure). */
function measuredLine(variant: SellableVariant, measure: ScanMeasure, code: string, sellAnyway: boolean): NewLine {
  if (measure.kind === 'price') {
    return { variant, quantity: 1, soldBy: 'each', unitPriceCents: measure.priceCents, scannedCode: code, sellAnyway };
  }
  if (variant.soldBy !== 'weight') {
    throw new AppError('BAD_INPUT', `${variant.name} is sold by the item, but this label carries a weight. Scan its own barcode.`);
  }
  if (measure.grams <= 0) throw new AppError('BAD_INPUT', 'This label shows no weight. Weigh the item again.');
  return { variant, quantity: measure.grams, soldBy: 'weight', unitPriceCents: variant.priceCents, scannedCode: code, sellAnyway };
}

/** `sellAnyway` answers the sold-out question (an OUT_OF_STOCK error with details.soldOut) for this code. */
export function addScan(ctx: CoreContext, input: ScanInput): LineChange {
  const { code, sellAnyway = false } = parseInput(scanInput, input);
  requireStaff(ctx);
  const match = resolveScan(ctx.db, code);
  if (match.measure) return insertLine(ctx, measuredLine(match.variant, match.measure, match.code, sellAnyway));
  if (match.variant.soldBy === 'weight') {
    throw new AppError('BAD_INPUT', `${match.variant.name} is sold by weight. Weigh it, then enter the grams.`, {
      details: { variantId: match.variant.variantId, needsWeight: true },
    });
  }
  return insertLine(ctx, { variant: match.variant, quantity: 1, soldBy: 'each', unitPriceCents: match.variant.priceCents, scannedCode: match.code, sellAnyway });
}

export function addVariant(ctx: CoreContext, input: AddVariantInput): LineChange {
  const p = parseInput(addVariantInput, input);
  const sellAnyway = p.sellAnyway ?? false;
  requireStaff(ctx);
  const variant = variantById(ctx.db, p.variantId);
  if (!variant) throw notFound('That product is not in this counter’s catalog (or is archived).');
  if (variant.soldBy === 'weight') {
    if (p.grams === undefined) throw new AppError('BAD_INPUT', `${variant.name} is sold by weight: enter the grams.`, { issues: [{ path: 'grams', message: 'Required for weighed goods' }] });
    return insertLine(ctx, { variant, quantity: p.grams, soldBy: 'weight', unitPriceCents: variant.priceCents, scannedCode: null, sellAnyway });
  }
  if (p.grams !== undefined) throw new AppError('BAD_INPUT', `${variant.name} is sold by the item, not by weight.`, { issues: [{ path: 'grams', message: 'Only for weighed goods' }] });
  return insertLine(ctx, { variant, quantity: p.quantity ?? 1, soldBy: 'each', unitPriceCents: variant.priceCents, scannedCode: null, sellAnyway });
}

function editLine(ctx: CoreContext, lineId: string, edit: (line: CartLineRow, staffId: string, now: number) => void): LineChange {
  const staff = requireStaff(ctx);
  const now = ctx.now();
  return writeTx(ctx.db, () => {
    const { cart, line } = requireOpenLine(ctx.db, lineId);
    edit(line, staff.staffId, now);
    touchCart(ctx.db, cart.id, now);
    return { lineId, cart: buildCartView(ctx.db, cart) };
  });
}

export function setQuantity(ctx: CoreContext, input: { lineId: string; quantity: number }): LineChange {
  const p = parseInput(setQuantityInput, input);
  return editLine(ctx, p.lineId, (line) => {
    ctx.db.update(cartLines).set({ quantity: p.quantity }).where(eq(cartLines.id, line.id)).run();
  });
}

/** Voiding keeps the line (with who and when) for the audit trail; it just stops counting. */
export function voidLine(ctx: CoreContext, input: { lineId: string }): LineChange {
  const p = parseInput(lineIdInput, input);
  return editLine(ctx, p.lineId, (line, staffId, now) => {
    ctx.db.update(cartLines).set({ voidedAt: isoAt(now), voidedBy: staffId }).where(eq(cartLines.id, line.id)).run();
    logActivity(ctx.db, now, staffId, 'void_line', { cartId: line.cartId, lineId: line.id, name: line.name, quantity: line.quantity });
  });
}

export function setLineNote(ctx: CoreContext, input: { lineId: string; note: string }): LineChange {
  const p = parseInput(lineNoteInput, input);
  return editLine(ctx, p.lineId, (line) => {
    ctx.db.update(cartLines).set({ note: p.note }).where(eq(cartLines.id, line.id)).run();
  });
}
