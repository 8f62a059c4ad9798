/**
 * Tax on one line (DESIGN §3): computed per line, rounded half-up to the minor unit. The counter, the server
 * and the storefront all call this, so a receipt printed offline matches the order the server stores.
 */
import { AppError } from './errors';
import { allocate, cents, roundHalfUp, sumCents, type Cents } from './money';
import type { TaxMode } from './schemas/vendors';

export interface LineTax {
  /** total tax on the line */
  taxCents: Cents;
  /** tax per rate, in the order of `ratesBps`; sums to `taxCents` exactly */
  perRate: Cents[];
  /** amount excluding tax */
  netCents: Cents;
  /** amount including tax */
  grossCents: Cents;
}

export const MAX_TAX_RATE_BPS = 10_000;

/** Throws BAD_INPUT unless every rate is a whole number of basis points between 0 and 10 000 (0–100%). */
export function assertTaxRates(ratesBps: readonly number[], path = 'taxRatesBps'): void {
  ratesBps.forEach((r, i) => {
    if (!Number.isInteger(r) || r < 0 || r > MAX_TAX_RATE_BPS) {
      throw new AppError('BAD_INPUT', `Tax rates are whole basis points from 0 to 10000 (100%); got ${String(r)}.`, {
        issues: [{ path: `${path}.${i}`, message: 'Tax rate must be 0–10000 basis points' }],
      });
    }
  });
}

/**
 * exclusive: `amount` is before tax; each rate is rounded on its own and added on top.
 * inclusive: `amount` already contains tax; the total tax is extracted once with the combined rate (so the
 *   shelf price never moves) and split over the rates by `allocate`.
 * Negative amounts (refunds) mirror positive ones exactly.
 */
export function taxForAmount(amount: number, ratesBps: readonly number[], mode: TaxMode): LineTax {
  const a = cents(amount);
  assertTaxRates(ratesBps);
  if (mode === 'exclusive') {
    const perRate = ratesBps.map((r) => cents(roundHalfUp(BigInt(a) * BigInt(r), 10_000)));
    const tax = sumCents(perRate);
    return { taxCents: tax, perRate, netCents: a, grossCents: sumCents([a, tax]) };
  }
  if (mode === 'inclusive') {
    const combined = ratesBps.reduce((s, r) => s + r, 0);
    const tax = cents(roundHalfUp(BigInt(a) * BigInt(combined), 10_000 + combined));
    const perRate = ratesBps.length === 0 ? [] : allocate(tax, ratesBps);
    return { taxCents: tax, perRate, netCents: cents(a - tax), grossCents: a };
  }
  throw new AppError('BAD_INPUT', `Tax mode must be "inclusive" or "exclusive"; got "${String(mode)}".`);
}
