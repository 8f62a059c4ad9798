import { eq } from 'drizzle-orm';
import { discountProblem, mulCents, type Discount, type DiscountScope } from '@makeries/shared';
import type { CoreContext } from '../context';
import { cartLines, carts } from '../db/schema/index';
import { vendorSettings } from '../catalog/vendor';
import { readSettings } from '../device/settings';
import { parseInput } from '../errors';
import { lineDiscountInput, orderDiscountInput, type LineDiscountInput, type OrderDiscountInput } from '../schemas/cart';
import { logActivity } from '../staff/activity';
import { approve, requireStaff } from '../staff/auth';
import { requireOpenCart, requireOpenLine, touchCart } from './store';
import { buildCartView, cartTotals, type CartView } from './view';
import { activeLines } from './store';
import { writeTx } from '../db/open';

/** True when the discount takes more than `limitBps` of `baseCents` (1000 bps = 10%). */
function exceedsLimit(discount: Discount, baseCents: number, limitBps: number): boolean {
  if (discount.kind === 'percent') return discount.bps > limitBps;
  if (baseCents <= 0) return false;
  return discount.amountCents * 10_000 > limitBps * baseCents;
}

function describe(d: Discount): string {
  return d.kind === 'percent' ? `${d.bps / 100}%` : `${d.amountCents} off`;
}

/** Approver id when a manager had to allow it, null when within the staff limit or removing a discount. */
async function approvalFor(
  ctx: CoreContext,
  discount: Discount | null,
  baseCents: number,
  approval: OrderDiscountInput['approval'],
): Promise<string | null> {
  if (!discount) return null;
  const { discountLimitBps } = readSettings(ctx.db);
  if (!exceedsLimit(discount, baseCents, discountLimitBps)) return null;
  return approve(ctx, approval, `give a discount above ${discountLimitBps / 100}%`);
}

/** Refuses (DISCOUNT_TOO_LARGE, nothing written) a discount bigger than what it comes off; never caps it. */
function refuseTooLarge(ctx: CoreContext, discount: Discount | null, baseCents: number, scope: DiscountScope): void {
  if (!discount) return;
  const problem = discountProblem(discount, baseCents, scope, vendorSettings(ctx.db).currency);
  if (problem) throw problem;
}

function lineBase(line: { unitPriceCents: number; quantity: number; soldBy: string }): number {
  return mulCents(line.unitPriceCents, line.quantity, line.soldBy === 'weight' ? 1000 : 1);
}

function saleBase(ctx: CoreContext, cart: ReturnType<typeof requireOpenCart>): number {
  const totals = cartTotals(vendorSettings(ctx.db), cart, activeLines(ctx.db, cart.id));
  return totals.lines.reduce((s, l) => s + l.grossCents - l.lineDiscountCents, 0);
}

/** How a discount is stored on a cart or a cart line: its kind, its value (minor units or bps) and who approved it. */
function discountColumns(discount: Discount | null | undefined, approvedBy: string | null) {
  return {
    discountKind: discount?.kind ?? null,
    discountValue: discount ? (discount.kind === 'amount' ? discount.amountCents : discount.bps) : null,
    discountApprovedBy: approvedBy,
  };
}

export async function setLineDiscount(ctx: CoreContext, input: LineDiscountInput): Promise<CartView> {
  const p = parseInput(lineDiscountInput, input);
  requireStaff(ctx);
  const { line } = requireOpenLine(ctx.db, p.lineId);
  const base = lineBase(line);
  // before asking a manager: an impossible discount needs no approval
  refuseTooLarge(ctx, p.discount, base, 'line');
  const approvedBy = await approvalFor(ctx, p.discount, base, p.approval);
  const staff = requireStaff(ctx);
  const now = ctx.now();
  return writeTx(ctx.db, () => {
    const { cart, line: current } = requireOpenLine(ctx.db, p.lineId);
    // the line may have changed while a manager was approving
    refuseTooLarge(ctx, p.discount, lineBase(current), 'line');
    ctx.db.update(cartLines)
      .set(discountColumns(p.discount, approvedBy))
      .where(eq(cartLines.id, p.lineId))
      .run();
    if (p.discount) logActivity(ctx.db, now, staff.staffId, 'discount', { lineId: p.lineId, discount: describe(p.discount), approvedBy });
    touchCart(ctx.db, cart.id, now);
    return buildCartView(ctx.db, cart);
  });
}

export async function setOrderDiscount(ctx: CoreContext, input: OrderDiscountInput): Promise<CartView> {
  const p = parseInput(orderDiscountInput, input);
  requireStaff(ctx);
  const cart0 = requireOpenCart(ctx.db);
  const base = saleBase(ctx, cart0);
  refuseTooLarge(ctx, p.discount, base, 'sale');
  const approvedBy = await approvalFor(ctx, p.discount, base, p.approval);
  const staff = requireStaff(ctx);
  const now = ctx.now();
  return writeTx(ctx.db, () => {
    const cart = requireOpenCart(ctx.db);
    refuseTooLarge(ctx, p.discount, saleBase(ctx, cart), 'sale');
    ctx.db.update(carts)
      .set(discountColumns(p.discount, approvedBy))
      .where(eq(carts.id, cart.id))
      .run();
    if (p.discount) logActivity(ctx.db, now, staff.staffId, 'discount', { cartId: cart.id, discount: describe(p.discount), approvedBy });
    touchCart(ctx.db, cart.id, now);
    return buildCartView(ctx.db, requireOpenCart(ctx.db));
  });
}
