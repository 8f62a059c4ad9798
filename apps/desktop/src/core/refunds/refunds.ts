import { asc, eq } from 'drizzle-orm';
import { cashRounding, uuidSchema, uuidv7, type SaleRefundArgs } from '@makeries/shared';
import { isoAt, type CoreContext } from '../context';
import { writeTx, type CounterDb } from '../db/open';
import { refundLines, refunds, sales, stockMovements } from '../db/schema/index';
import { vendorSettings } from '../catalog/vendor';
import { requirePaired } from '../device/device';
import { conflict, notFound, parseInput } from '../errors';
import { enqueue } from '../outbox/outbox';
import { nextReceiptNumber } from '../sales/receipt-seq';
import { loadSale } from '../sales/views';
import { refundInput, type RefundInput } from '../schemas/refund';
import { requireOpenShift, openShift } from '../shifts/store';
import { logActivity } from '../staff/activity';
import { approve, requireStaff } from '../staff/auth';
import type { CardRefunder } from '../payments/card-refunds';
import { planRefundLines, resolveRefundTender, type PlannedRefundLine } from './refund-plan';

export type RefundRow = typeof refunds.$inferSelect;

export interface RefundView extends Omit<RefundRow, 'outboxId'> {
  saleNumber: string;
  /** what left the drawer or went back to the card: total + cash rounding */
  paidOutCents: number;
  lines: (typeof refundLines.$inferSelect)[];
}

function loadRefund(db: CounterDb, id: string): RefundView {
  const r = db.select().from(refunds).where(eq(refunds.id, id)).get();
  if (!r) throw notFound('No refund with that id.');
  const sale = db.select({ number: sales.number }).from(sales).where(eq(sales.id, r.saleId)).get();
  const lines = db.select().from(refundLines).where(eq(refundLines.refundId, id)).orderBy(asc(refundLines.id)).all();
  const { outboxId: _o, ...rest } = r;
  return { ...rest, saleNumber: sale?.number ?? '', paidOutCents: r.totalCents + r.roundingCents, lines };
}

function writeRefund(db: CounterDb, args: SaleRefundArgs, planned: readonly PlannedRefundLine[], extra: { shiftId: string | null; roundingCents: number; outboxId: string }): void {
  db.insert(refunds)
    .values({
      id: args.id,
      saleId: args.orderId,
      number: args.number,
      shiftId: extra.shiftId,
      staffId: args.staffId,
      approvedBy: args.approvedBy,
      reason: args.reason,
      restock: args.restock,
      tender: args.tender,
      totalCents: args.totalCents,
      roundingCents: extra.roundingCents,
      refundedAt: args.refundedAt,
      outboxId: extra.outboxId,
    })
    .run();
  for (const p of planned) {
    db.insert(refundLines).values({ id: uuidv7(), refundId: args.id, saleLineId: p.line.id, quantity: p.quantity, amountCents: p.amountCents }).run();
    if (args.restock && p.line.variantId && p.line.trackStock) {
      db.insert(stockMovements)
        .values({
          id: uuidv7(),
          variantId: p.line.variantId,
          kind: 'refund',
          quantity: p.quantity,
          occurredAt: args.refundedAt,
          referenceId: args.id,
          staffId: args.staffId,
          outboxId: extra.outboxId,
        })
        .run();
    }
  }
}

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
  planRefund(ctx, p, device.registerCode);
  const approvedBy = await approve(ctx, p.approval, 'refund a sale');
  const staff = requireStaff(ctx);
  const toCard = planRefund(ctx, p, device.registerCode);
  if (toCard.tender === 'stripe_terminal') {
    // the money goes back to the card first; the refund is recorded only once Stripe has it
    if (!opts.toCard) throw conflict('This counter cannot refund to a card. Refund in cash.');
    await opts.toCard({ sale: toCard.sale, amountCents: toCard.totalCents });
  }
  const now = ctx.now();
  return writeTx(ctx.db, () => {
    // again inside the transaction: another refund may have landed while the manager typed their PIN
    const { sale, planned, tender, shift, totalCents, rounding } = planRefund(ctx, p, device.registerCode);
    const receipt = nextReceiptNumber(ctx.db, device.registerCode);
    const args: SaleRefundArgs = {
      id: uuidv7(now),
      orderId: sale.id,
      number: receipt.number,
      staffId: staff.staffId,
      approvedBy,
      refundedAt: isoAt(now),
      reason: p.reason,
      restock: p.restock,
      lines: planned.map((l) => ({ orderLineId: l.line.id, quantity: l.quantity, amountCents: l.amountCents })),
      totalCents,
      tender,
    };
    const queued = enqueue(ctx.db, now, 'sale.refund', args);
    writeRefund(ctx.db, args, planned, { shiftId: shift?.id ?? null, roundingCents: rounding, outboxId: queued.id });
    logActivity(ctx.db, now, staff.staffId, 'refund', { refundId: args.id, saleNumber: sale.number, totalCents, approvedBy });
    return loadRefund(ctx.db, args.id);
  });
}

export interface RefundOptions {
  /** sends a refund back to the Stripe card(s) of the sale; absent, card refunds are refused */
  toCard?: CardRefunder;
}

export function createRefundModule(ctx: CoreContext, opts: RefundOptions = {}) {
  return {
    refund: (input: RefundInput): Promise<RefundView> => refundSale(ctx, input, opts),
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
