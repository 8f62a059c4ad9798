import type { CounterDb } from '../db/open';
import type { saleLines, salePayments, sales } from '../db/schema/index';
import { outboxStatus } from '../outbox/outbox';
import { saleQueries } from './queries';

export type SaleRow = typeof sales.$inferSelect;
type SaleLineRow = typeof saleLines.$inferSelect;
type SalePaymentRow = typeof salePayments.$inferSelect;

export interface SaleLineView extends Omit<SaleLineRow, 'saleId'> {
  refundedQuantity: number;
  refundedCents: number;
}

export interface SaleView extends Omit<SaleRow, 'outboxId'> {
  lines: SaleLineView[];
  payments: SalePaymentRow[];
  /** what the customer paid: total plus cash rounding */
  paidCents: number;
  changeCents: number;
  refundedCents: number;
  /** pending → the server has not confirmed it yet; rejected → needs attention */
  syncStatus: 'pending' | 'applied' | 'rejected';
}

export function loadSale(db: CounterDb, sale: SaleRow): SaleView {
  const q = saleQueries(db);
  const lines = q.linesOf.all({ saleId: sale.id });
  const payments = q.paymentsOf.all({ saleId: sale.id });
  const refunded = new Map(q.refundedByLine.all({ saleId: sale.id }).map((r) => [r.saleLineId, r]));
  const { outboxId, ...rest } = sale;
  return {
    ...rest,
    lines: lines.map(({ saleId: _s, ...l }) => ({
      ...l,
      refundedQuantity: refunded.get(l.id)?.quantity ?? 0,
      refundedCents: refunded.get(l.id)?.cents ?? 0,
    })),
    payments,
    paidCents: sale.totalCents + sale.roundingCents,
    changeCents: payments.reduce((s, p) => s + p.changeCents, 0),
    refundedCents: q.refundedTotal.get({ saleId: sale.id })?.n ?? 0,
    syncStatus: outboxStatus(db, outboxId),
  };
}

export function saleById(db: CounterDb, id: string): SaleRow | undefined {
  return saleQueries(db).saleById.get({ id });
}

export function saleByNumber(db: CounterDb, number: string): SaleRow | undefined {
  return saleQueries(db).saleByNumber.get({ number });
}
