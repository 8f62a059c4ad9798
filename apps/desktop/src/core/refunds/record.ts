import { asc, eq } from 'drizzle-orm';
import { uuidv7, type SaleRefundArgs } from '@makeries/shared';
import type { CounterDb } from '../db/open';
import { refundLines, refunds, sales, stockMovements } from '../db/schema/index';
import { notFound } from '../errors';
import type { SaleLineView } from '../sales/views';

/** The local record of a refund: the same rows whether the sale was made here or on another register. */

type RefundRow = typeof refunds.$inferSelect;

export interface RefundView extends Omit<RefundRow, 'outboxId'> {
  saleNumber: string;
  /** what left the drawer or went back to the card: total + cash rounding */
  paidOutCents: number;
  lines: (typeof refundLines.$inferSelect)[];
}

export function loadRefund(db: CounterDb, id: string): RefundView {
  const r = db.select().from(refunds).where(eq(refunds.id, id)).get();
  if (!r) throw notFound('No refund with that id.');
  const sale = db.select({ number: sales.number }).from(sales).where(eq(sales.id, r.saleId)).get();
  const lines = db.select().from(refundLines).where(eq(refundLines.refundId, id)).orderBy(asc(refundLines.id)).all();
  const { outboxId: _o, ...rest } = r;
  return { ...rest, saleNumber: sale?.number ?? '', paidOutCents: r.totalCents + r.roundingCents, lines };
}

export function refundExists(db: CounterDb, id: string): boolean {
  return db.select({ id: refunds.id }).from(refunds).where(eq(refunds.id, id)).get() !== undefined;
}

export interface PlannedLine {
  line: Pick<SaleLineView, 'id' | 'variantId' | 'trackStock'>;
  quantity: number;
  amountCents: number;
}

/** What the outbox (and the server) is told of a refund: the same shape wherever the sale was made. */
export function refundArgs(a: {
  id: string;
  saleId: string;
  number: string;
  staffId: string;
  approvedBy: string | null;
  refundedAt: string;
  p: { reason: string; restock: boolean };
  planned: readonly PlannedLine[];
  totalCents: number;
  tender: SaleRefundArgs['tender'];
}): SaleRefundArgs {
  return {
    id: a.id,
    orderId: a.saleId,
    number: a.number,
    staffId: a.staffId,
    approvedBy: a.approvedBy,
    refundedAt: a.refundedAt,
    reason: a.p.reason,
    restock: a.p.restock,
    lines: a.planned.map((l) => ({ orderLineId: l.line.id, quantity: l.quantity, amountCents: l.amountCents })),
    totalCents: a.totalCents,
    tender: a.tender,
  };
}

/** The refund, its lines and (restocked) the stock movements, all tied to the outbox row that tells the server. */
export function writeRefund(db: CounterDb, args: SaleRefundArgs, planned: readonly PlannedLine[], extra: { shiftId: string | null; roundingCents: number; outboxId: string }): void {
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
