import { eq } from 'drizzle-orm';
import { AppError, formatMoney } from '@makeries/shared';
import type { CoreContext } from '../context';
import { refunds } from '../db/schema/index';
import { conflict } from '../errors';
import type { SaleView } from '../sales/views';
import { isUnreachable, type PaymentsGateway } from './gateway';
import { stableUuid } from './stable-id';

interface CardRefundPart {
  paymentIntentId: string;
  amountCents: number;
}

/** Gives `amountCents` of a sale back to the card(s) it was paid with; throws (nothing refunded) when it cannot. */
export type CardRefunder = (r: { sale: SaleView; amountCents: number; staffIds?: readonly string[] }) => Promise<void>;

/**
 * Which card payments a refund goes back to. Earlier card refunds used the payments in order, so they are
 * taken off the first payments first; the new refund continues from there. A card gets back at most what it paid.
 */
function planCardRefund(sale: SaleView, alreadyRefundedCents: number, amountCents: number): CardRefundPart[] {
  const cards = sale.payments.filter((p) => p.kind === 'stripe_terminal' && p.reference);
  const paidByCard = cards.reduce((s, p) => s + p.amountCents, 0);
  if (amountCents > paidByCard - alreadyRefundedCents) {
    const left = Math.max(0, paidByCard - alreadyRefundedCents);
    throw new AppError('BAD_INPUT', `Only ${formatMoney(left, sale.currency)} of receipt ${sale.number} can still go back to the card. Refund the rest in cash.`, {
      issues: [{ path: 'tender', message: 'More than was paid by card' }],
    });
  }
  let skip = alreadyRefundedCents;
  let want = amountCents;
  const parts: CardRefundPart[] = [];
  for (const p of cards) {
    const used = Math.min(skip, p.amountCents);
    skip -= used;
    const take = Math.min(want, p.amountCents - used);
    if (take > 0 && p.reference) parts.push({ paymentIntentId: p.reference, amountCents: take });
    want -= take;
  }
  return parts;
}

function refundedToCard(ctx: CoreContext, saleId: string): number {
  return ctx.db
    .select({ total: refunds.totalCents, tender: refunds.tender })
    .from(refunds)
    .where(eq(refunds.saleId, saleId))
    .all()
    .filter((r) => r.tender === 'stripe_terminal')
    .reduce((s, r) => s + r.total, 0);
}

/**
 * Refunds through `payments.terminal.refund` before the counter writes its refund record. Refund ids derive from
 * the sale and what was refunded before, so a retry after no answer (or after a crash before the record was
 * written) repeats the same Stripe refund instead of making a second one.
 */
export function createCardRefunder(ctx: CoreContext, gateway: PaymentsGateway): CardRefunder {
  return async ({ sale, amountCents, staffIds = [] }) => {
    if (!ctx.connectivity.online) {
      throw conflict('Refunds to a card need a connection. Refund in cash, or try again when online.', { offline: true });
    }
    const before = refundedToCard(ctx, sale.id);
    for (const part of planCardRefund(sale, before, amountCents)) {
      const refundId = stableUuid(`refund:${sale.id}:${part.paymentIntentId}:${before}:${part.amountCents}`);
      try {
        await gateway.refund({ ...part, refundId }, staffIds);
      } catch (e) {
        if (isUnreachable(e)) {
          throw conflict('Could not reach the card service, so the refund may not have gone through. Try again (it will not refund twice), or refund in cash.', {
            cardService: 'unreachable',
          });
        }
        throw e;
      }
    }
  };
}
