import { AppError, cashPartDue, formatMoney, sumCents } from '@makeries/shared';
import type { TenderInput } from '../schemas/sale';

interface PlannedPayment {
  kind: 'cash' | 'external_card' | 'stripe_terminal';
  /** applied to the sale; for cash this is after rounding */
  amountCents: number;
  tenderedCents: number;
  changeCents: number;
  reference?: string;
}

export interface TenderPlan {
  payments: PlannedPayment[];
  /** cash rounding (rounded − exact); 0 unless part of the sale is paid in cash */
  roundingCents: number;
  changeCents: number;
}

function bad(message: string, details?: Record<string, unknown>): AppError {
  return new AppError('BAD_INPUT', message, details ? { details } : {});
}

/**
 * Splits the total over the tenders. Cards pay exact amounts first; cash covers what is left. The vendor's
 * cash rounding applies only to that cash part (DESIGN §3), so a card never pays a rounded amount.
 */
export function planTenders(
  totalCents: number,
  tenders: readonly TenderInput[],
  cashIncrementCents: number,
  currency: string,
): TenderPlan {
  const money = (c: number) => formatMoney(c, currency);
  const cash = tenders.filter((t) => t.kind === 'cash');
  if (cash.length > 1) throw bad('Enter the cash handed over once, as one amount.');
  const cards = tenders.flatMap((t) => (t.kind === 'cash' ? [] : [t]));
  const cardTotal = sumCents(cards.map((c) => c.amountCents));
  if (cardTotal > totalCents) {
    throw bad(`Card payments (${money(cardTotal)}) add up to more than the total (${money(totalCents)}). Cards cannot give change.`, {
      totalCents,
      cardTotal,
    });
  }
  const payments: PlannedPayment[] = cards.map((c) => ({
    kind: c.kind,
    amountCents: c.amountCents,
    tenderedCents: c.amountCents,
    changeCents: 0,
    ...(c.reference ? { reference: c.reference } : {}),
  }));
  const left = totalCents - cardTotal;
  const cashTender = cash[0];
  if (!cashTender) {
    if (left !== 0) throw bad(`${money(left)} is still to pay. Add cash or another card payment.`, { dueCents: left });
    return { payments, roundingCents: 0, changeCents: 0 };
  }
  // a sale discounted to nothing still needs one payment on record (the server requires it): cash of 0
  if (left === 0 && cards.length > 0) throw bad('Nothing is left to pay in cash; remove the cash payment.');
  const { roundedCents, roundingCents } = cashPartDue(totalCents, cardTotal, cashIncrementCents);
  if (cashTender.tenderedCents < roundedCents) {
    throw bad(`Cash handed over (${money(cashTender.tenderedCents)}) is less than the ${money(roundedCents)} due.`, { dueCents: roundedCents });
  }
  const change = cashTender.tenderedCents - roundedCents;
  payments.push({ kind: 'cash', amountCents: roundedCents, tenderedCents: cashTender.tenderedCents, changeCents: change });
  return { payments, roundingCents, changeCents: change };
}

const NOTE_STEPS_2DP = [100, 500, 1000, 2000, 5000, 10_000];

/**
 * Buttons for the cash screen: the exact amount, then the next round sums a customer is likely to hand over
 * (next 1, 5, 10, 20, 50, 100 in major units). `minorDigits` scales the steps for currencies like JPY.
 */
export function quickCashAmounts(dueCents: number, minorDigits = 2, max = 5): number[] {
  if (!Number.isSafeInteger(dueCents) || dueCents <= 0) return [];
  const scale = 10 ** Math.max(0, minorDigits - 2);
  const steps = NOTE_STEPS_2DP.map((s) => (minorDigits >= 2 ? s * scale : Math.max(1, s / 10 ** (2 - minorDigits))));
  const amounts = new Set<number>([dueCents]);
  for (const step of steps) {
    const next = Math.ceil(dueCents / step) * step;
    if (next > dueCents) amounts.add(next);
  }
  return [...amounts].sort((a, b) => a - b).slice(0, max);
}
