import { AppError, refundAmount } from '@makeries/shared';
import type { SaleLineView, SaleView } from '../sales/views';

export interface PlannedRefundLine {
  line: SaleLineView;
  quantity: number;
  amountCents: number;
}

export function planRefundLines(sale: SaleView, wanted: readonly { saleLineId: string; quantity: number }[] | undefined): PlannedRefundLine[] {
  const requests = wanted ?? sale.lines.map((l) => ({ saleLineId: l.id, quantity: l.quantity - l.refundedQuantity })).filter((r) => r.quantity > 0);
  if (requests.length === 0) throw new AppError('CONFLICT', `Receipt ${sale.number} has already been refunded in full.`);
  const seen = new Set<string>();
  return requests.map((r, i) => {
    const line = sale.lines.find((l) => l.id === r.saleLineId);
    if (!line) {
      throw new AppError('BAD_INPUT', `Line ${i + 1} is not on receipt ${sale.number}.`, { issues: [{ path: `lines.${i}.saleLineId`, message: 'Not on this receipt' }] });
    }
    if (seen.has(line.id)) {
      throw new AppError('BAD_INPUT', `${line.name} is listed twice; refund it once with the total quantity.`, { issues: [{ path: `lines.${i}`, message: 'Duplicate line' }] });
    }
    seen.add(line.id);
    const left = line.quantity - line.refundedQuantity;
    if (r.quantity > left) {
      throw new AppError('BAD_INPUT', `Only ${left} of ${line.name} can still be refunded on ${sale.number}.`, {
        issues: [{ path: `lines.${i}.quantity`, message: `At most ${left}` }],
      });
    }
    return { line, quantity: r.quantity, amountCents: refundAmount(line, r.quantity) };
  });
}

/** "original" means the one way the customer paid; a split-tender sale must say which. */
export function resolveRefundTender(sale: SaleView, tender: 'original' | 'cash' | 'external_card' | 'stripe_terminal'): 'cash' | 'external_card' | 'stripe_terminal' {
  if (tender === 'stripe_terminal' && !sale.payments.some((p) => p.kind === 'stripe_terminal')) {
    throw new AppError('BAD_INPUT', `Receipt ${sale.number} was not paid on the card reader. Choose cash or the card machine.`, {
      issues: [{ path: 'tender', message: 'Not paid by card on the reader' }],
    });
  }
  if (tender !== 'original') return tender;
  const kinds = [...new Set(sale.payments.filter((p) => p.amountCents > 0).map((p) => p.kind))];
  const only = kinds[0];
  if (kinds.length !== 1 || !only) {
    throw new AppError('BAD_INPUT', `Receipt ${sale.number} was paid several ways. Choose cash or card for the refund.`, {
      issues: [{ path: 'tender', message: 'Choose cash, external_card or stripe_terminal' }],
    });
  }
  return only;
}
