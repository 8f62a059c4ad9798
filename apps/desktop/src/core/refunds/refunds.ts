import { asc, eq } from 'drizzle-orm';
import { AppError, cashRounding, uuidSchema, uuidv7, type SaleRefundArgs } from '@makeries/shared';
import { isoAt, type CoreContext } from '../context';
import { writeTx } from '../db/open';
import { refunds, sales } from '../db/schema/index';
import { vendorSettings } from '../catalog/vendor';
import { requirePaired } from '../device/device';
import { conflict, notFound, parseInput } from '../errors';
import { enqueue } from '../outbox/outbox';
import { nextReceiptNumber } from '../sales/receipt-seq';
import { loadSale, type SaleView } from '../sales/views';
import { refundInput, type RefundInput } from '../schemas/refund';
import { saleLookupInput } from '../schemas/sale';
import { requireOpenShift, openShift } from '../shifts/store';
import { logActivity } from '../staff/activity';
import { approve, requireStaff } from '../staff/auth';
import { requireSyncProof } from '../staff/proofs';
import type { CardRefunder } from '../payments/card-refunds';
import { planRefundLines, resolveRefundTender } from './refund-plan';
import { loadRefund, refundArgs, refundExists, writeRefund, type RefundView } from './record';
import { findForRefund, recordOnServer } from './remote';
import { noRemoteSales, type RemoteSales } from './remote-gateway';
import { refundOtherRegisterSale } from './remote-refund';

export type { RefundView } from './record';

type ParsedRefund = ReturnType<typeof refundInput.parse>;

/** What the refund would be, or the reason it cannot be: checked before a manager is asked, and again in the write. */
function planRefund(ctx: CoreContext, p: ParsedRefund, registerCode: string) {
  const row = ctx.db.select().from(sales).where(eq(sales.id, p.saleId)).get();
  if (!row) throw notFound('That receipt was not sold at this counter, so it cannot be refunded here.');
  const sale = loadSale(ctx.db, row);
  const planned = planRefundLines(sale, p.lines);
  const tender = resolveRefundTender(sale, p.tender);
  if (tender === 'stripe_terminal' && !ctx.connectivity.online) {
    throw conflict('Refunds to a Stripe card need a connection. Refund in cash, or try again when online.', { offline: true });
  }
  const shift = tender === 'cash' ? requireOpenShift(ctx.db, registerCode) : openShift(ctx.db, registerCode);
  const totalCents = planned.reduce((s, l) => s + l.amountCents, 0);
  const rounding = tender === 'cash' ? cashRounding(totalCents, vendorSettings(ctx.db).cashRoundingCents).roundingCents : 0;
  return { sale, planned, tender, shift, totalCents, rounding };
}

/**
 * Refunds (part of) a local receipt. Always needs a manager (their PIN, or a manager signed in); cash
 * refunds come out of the open shift's drawer and are cash-rounded like cash sales.
 */
async function refundSale(ctx: CoreContext, input: RefundInput, opts: RefundOptions): Promise<RefundView> {
  const p = parseInput(refundInput, input);
  requireStaff(ctx);
  const device = requirePaired(ctx.db);
  // a retry of a refund that was recorded (the answer got lost on the way to the screen) records nothing more
  if (p.refundId && refundExists(ctx.db, p.refundId)) return loadRefund(ctx.db, p.refundId);
  const own = ctx.db.select({ remote: sales.remote }).from(sales).where(eq(sales.id, p.saleId)).get();
  if (!own || own.remote) return refundOtherRegisterSale(ctx, p, { remote: opts.remote ?? noRemoteSales, recorded: opts.recorded });
  planRefund(ctx, p, device.registerCode);
  const approvedBy = await approve(ctx, p.approval, 'refund a sale');
  await requireSyncProof(ctx, approvedBy, 'Refunds');
  const staff = requireStaff(ctx);
  const toCard = planRefund(ctx, p, device.registerCode);
  if (toCard.tender === 'stripe_terminal') {
    // the money goes back to the card first; the refund is recorded only once Stripe has it
    if (!opts.toCard) throw conflict('This counter cannot refund to a card. Refund in cash.');
    await opts.toCard({ sale: toCard.sale, amountCents: toCard.totalCents, staffIds: [staff.staffId, approvedBy] });
  }
  const now = ctx.now();
  const id = p.refundId ?? uuidv7(now);
  const reserved = await arbitrate(ctx, opts.remote ?? noRemoteSales, { p, id, now, staffId: staff.staffId, approvedBy, registerCode: device.registerCode });
  return writeTx(ctx.db, () => {
    // again inside the transaction: another refund may have landed while the manager typed their PIN
    const { sale, planned, tender, shift, totalCents, rounding } = planRefund(ctx, p, device.registerCode);
    const number = reserved ?? nextReceiptNumber(ctx.db, device.registerCode).number;
    const args = refundArgs({ id, saleId: sale.id, number, staffId: staff.staffId, approvedBy, refundedAt: isoAt(now), p, planned, totalCents, tender });
    const queued = enqueue(ctx.db, now, 'sale.refund', args);
    writeRefund(ctx.db, args, planned, { shiftId: shift?.id ?? null, roundingCents: rounding, outboxId: queued.id });
    logActivity(ctx.db, now, staff.staffId, 'refund', { refundId: args.id, saleNumber: sale.number, totalCents, tender, approvedBy });
    const view = loadRefund(ctx.db, args.id);
    opts.recorded?.(view);
    return view;
  });
}

/**
 * This register's own sale, once the server has it, may have been refunded at another register since: while
 * online, the server records the refund first and refuses what is gone (nothing is handed over). Offline, or
 * with no answer, the refund is recorded here only, as always; the outbox still carries it (the server ignores
 * a refund id it already has). Card-reader refunds keep to the card flow. Returns the refund number used.
 */
async function arbitrate(
  ctx: CoreContext,
  remote: RemoteSales,
  r: { p: ParsedRefund; id: string; now: number; staffId: string; approvedBy: string; registerCode: string },
): Promise<string | null> {
  if (!ctx.connectivity.online) return null;
  const plan = planRefund(ctx, r.p, r.registerCode);
  if (plan.tender === 'stripe_terminal' || plan.sale.syncStatus !== 'applied') return null;
  const number = writeTx(ctx.db, () => nextReceiptNumber(ctx.db, r.registerCode)).number;
  const args: SaleRefundArgs = {
    id: r.id,
    orderId: plan.sale.id,
    number,
    staffId: r.staffId,
    approvedBy: r.approvedBy,
    refundedAt: isoAt(r.now),
    reason: r.p.reason,
    restock: r.p.restock,
    lines: plan.planned.map((l) => ({ orderLineId: l.line.id, quantity: l.quantity, amountCents: l.amountCents })),
    totalCents: plan.totalCents,
    tender: plan.tender,
  };
  try {
    return (await recordOnServer(remote, args)).refund.number;
  } catch (e) {
    if (e instanceof AppError && (e.details?.unreachable === true || e.code === 'NOT_FOUND')) return number;
    throw e;
  }
}

export interface RefundOptions {
  /** the server's view of every register's sales; absent, only this register's sales can be refunded */
  remote?: RemoteSales;
  /** sends a refund back to the Stripe card(s) of the sale; absent, card refunds are refused */
  toCard?: CardRefunder;
  /** runs inside the refund's transaction once it is written (printing queues a cash refund's drawer kick) */
  recorded?: (refund: RefundView) => void;
}

export function createRefundModule(ctx: CoreContext, opts: RefundOptions = {}) {
  return {
    refund: (input: RefundInput): Promise<RefundView> => refundSale(ctx, input, opts),
    /** a receipt brought back: this register's (offline too) or, online, any register's of the shop */
    find(input: { number: string }): Promise<SaleView> {
      const p = parseInput(saleLookupInput, input);
      requireStaff(ctx);
      return findForRefund(ctx, opts.remote ?? noRemoteSales, p.number);
    },
    forSale(saleId: string): RefundView[] {
      parseInput(uuidSchema, saleId);
      requireStaff(ctx);
      return ctx.db
        .select({ id: refunds.id })
        .from(refunds)
        .where(eq(refunds.saleId, saleId))
        .orderBy(asc(refunds.refundedAt))
        .all()
        .map((r) => loadRefund(ctx.db, r.id));
    },
  };
}

export type RefundModule = ReturnType<typeof createRefundModule>;
