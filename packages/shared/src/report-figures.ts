/**
 * What a takings report means by its figures — one definition for the X/Z reports, the back-office reports
 * and any other channel's totals, so "net" never means two things (DESIGN §3):
 *
 *   gross      Σ line prices before any discount, as shelf-priced: tax INCLUDED when the shop prices
 *              tax-inclusive, tax EXCLUDED when it prices tax-exclusive (`grossBasis` says which)
 *   discounts  Σ line and order discounts, on the same basis as gross
 *   net        sales before tax: gross − discounts, less the tax those prices contain (inclusive mode only)
 *   tax        Σ line taxes
 *   delivery   delivery fees (web orders; untaxed, DESIGN §3). Always 0 at the counter
 *   total      what customers paid for their orders: net + tax + delivery. Cash rounding is shown beside it
 *              (`takenCents` = total + rounding), never hidden in it
 *   refunds    reported on their own, never netted into sales; `afterRefundsCents` = total − refunds
 *
 * Inputs are stored per-sale (or summed per tax mode) snapshots from computeTotals, so these figures are
 * derived only from what the receipts printed.
 */
import { AppError } from './errors';
import { subCents, sumCents, type Cents } from './money';
import type { TaxMode } from './schemas/vendors';

export const GROSS_BASES = ['tax_inclusive', 'tax_exclusive', 'mixed'] as const;
/** tax_inclusive / tax_exclusive: every sale of the period was priced that way; mixed: the shop switched mid-period */
export type GrossBasis = (typeof GROSS_BASES)[number];

/** Stored sale totals of one sale, or summed over the sales of one tax mode. */
export interface SaleSums {
  taxMode: TaxMode;
  count: number;
  /** Σ line gross (unit price × quantity) at shelf prices */
  subtotalCents: number;
  discountCents: number;
  taxCents: number;
  deliveryFeeCents?: number;
  /** cash rounding added to the cash tender */
  roundingCents?: number;
}

/** Stored refund totals (one refund or a sum). `totalCents` is what the refunded lines were worth. */
export interface RefundSums {
  count: number;
  totalCents: number;
  roundingCents?: number;
}

export interface SalesFigures {
  count: number;
  grossBasis: GrossBasis;
  grossCents: Cents;
  discountCents: Cents;
  /** before tax */
  netCents: Cents;
  taxCents: Cents;
  deliveryFeeCents: Cents;
  /** net + tax + delivery: what customers paid, before cash rounding */
  totalCents: Cents;
  roundingCents: Cents;
  /** total + cash rounding: what the tenders took in */
  takenCents: Cents;
}

export interface RefundFigures {
  count: number;
  /** the refunded lines' worth (tax included), before cash rounding */
  totalCents: Cents;
  roundingCents: Cents;
  /** total + rounding: what went back to customers */
  paidOutCents: Cents;
}

export interface ReportFigures {
  sales: SalesFigures;
  refunds: RefundFigures;
  /** sales total − refunds total */
  afterRefundsCents: Cents;
}

function whole(v: number | undefined, what: string, min = 0): number {
  const n = v ?? 0;
  if (!Number.isSafeInteger(n) || n < min) throw new AppError('BAD_INPUT', `${what} must be a whole number of at least ${min}; got ${String(v)}.`);
  return n;
}

/** Net before tax of one group of sales: only inclusive prices carry their tax inside gross. */
function netOf(s: SaleSums): number {
  const afterDiscounts = whole(s.subtotalCents, 'A gross amount') - whole(s.discountCents, 'A discount');
  if (s.taxMode === 'exclusive') return afterDiscounts;
  if (s.taxMode === 'inclusive') return afterDiscounts - whole(s.taxCents, 'A tax amount');
  throw new AppError('BAD_INPUT', `Tax mode must be inclusive or exclusive; got "${String(s.taxMode)}".`);
}

function basisOf(modes: ReadonlySet<TaxMode>, shopMode: TaxMode): GrossBasis {
  if (modes.size > 1) return 'mixed';
  const only = modes.size === 1 ? [...modes][0] : shopMode;
  return only === 'exclusive' ? 'tax_exclusive' : 'tax_inclusive';
}

export interface ReportFiguresInput {
  /** the shop's tax mode now: states the gross basis of a period with no sales */
  taxMode: TaxMode;
  sales: readonly SaleSums[];
  refunds?: readonly RefundSums[];
}

export function reportFigures(input: ReportFiguresInput): ReportFigures {
  const sales = input.sales.filter((s) => whole(s.count, 'A sales count') > 0);
  const refunds = (input.refunds ?? []).filter((r) => whole(r.count, 'A refunds count') > 0);
  const net = sumCents(sales.map(netOf));
  const tax = sumCents(sales.map((s) => s.taxCents));
  const delivery = sumCents(sales.map((s) => whole(s.deliveryFeeCents, 'A delivery fee')));
  const total = sumCents([net, tax, delivery]);
  const rounding = sumCents(sales.map((s) => whole(s.roundingCents, 'A cash rounding', Number.MIN_SAFE_INTEGER)));
  const refundTotal = sumCents(refunds.map((r) => whole(r.totalCents, 'A refund amount')));
  const refundRounding = sumCents(refunds.map((r) => whole(r.roundingCents, 'A refund rounding', Number.MIN_SAFE_INTEGER)));
  return {
    sales: {
      count: sales.reduce((n, s) => n + s.count, 0),
      grossBasis: basisOf(new Set(sales.map((s) => s.taxMode)), input.taxMode),
      grossCents: sumCents(sales.map((s) => s.subtotalCents)),
      discountCents: sumCents(sales.map((s) => s.discountCents)),
      netCents: net,
      taxCents: tax,
      deliveryFeeCents: delivery,
      totalCents: total,
      roundingCents: rounding,
      takenCents: sumCents([total, rounding]),
    },
    refunds: {
      count: refunds.reduce((n, r) => n + r.count, 0),
      totalCents: refundTotal,
      roundingCents: refundRounding,
      paidOutCents: sumCents([refundTotal, refundRounding]),
    },
    afterRefundsCents: subCents(total, refundTotal),
  };
}

/** The words every report prints beside these figures, so paper and screen say the same thing. */
export const FIGURE_LABELS = {
  discounts: 'Discounts',
  net: 'Net sales (before tax)',
  tax: 'Tax',
  delivery: 'Delivery fees',
  total: 'Total paid (net + tax)',
  totalWithDelivery: 'Total paid (net + tax + delivery)',
  rounding: 'Cash rounding',
  afterRefunds: 'Total after refunds',
} as const;

/** Gross is always shelf prices before discounts; the label says whether those prices included tax. */
export function grossLabel(basis: GrossBasis): string {
  if (basis === 'tax_exclusive') return 'Gross (before tax)';
  if (basis === 'tax_inclusive') return 'Gross (incl. tax)';
  return 'Gross (mixed tax modes)';
}
