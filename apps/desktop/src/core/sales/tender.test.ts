import fc from 'fast-check';
import { isAppError } from '@makeries/shared';
import { describe, expect, it } from 'vitest';
import { planTenders, quickCashAmounts } from './tender';

describe('planTenders', () => {
  it('takes exact card payments first and gives change only from cash', () => {
    expect(planTenders(1002, [{ kind: 'cash', tenderedCents: 1000 }, { kind: 'external_card', amountCents: 500 }], 5, 'GBP')).toEqual({
      payments: [
        { kind: 'external_card', amountCents: 500, tenderedCents: 500, changeCents: 0 },
        { kind: 'cash', amountCents: 500, tenderedCents: 1000, changeCents: 500 },
      ],
      roundingCents: -2,
      changeCents: 500,
    });
  });

  it('records a sale discounted to nothing as cash of 0', () => {
    expect(planTenders(0, [{ kind: 'cash', tenderedCents: 0 }], 5, 'GBP').payments).toEqual([
      { kind: 'cash', amountCents: 0, tenderedCents: 0, changeCents: 0 },
    ]);
  });

  it('never rounds a card payment', () => {
    expect(planTenders(1003, [{ kind: 'external_card', amountCents: 1003 }], 5, 'GBP').roundingCents).toBe(0);
  });

  it('for any total, split and cash handed over, payments add up to the total plus rounding', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 100 }),
        fc.constantFrom(0, 1, 5, 10, 50),
        fc.integer({ min: 0, max: 5_000 }),
        (total, cardPercent, increment, extra) => {
          const card = Math.floor((total * cardPercent) / 100);
          const cashDue = total - card;
          const tenders = [
            ...(card > 0 ? [{ kind: 'external_card' as const, amountCents: card }] : []),
            ...(cashDue > 0 ? [{ kind: 'cash' as const, tenderedCents: cashDue + increment + extra }] : []),
          ];
          const plan = planTenders(total, tenders, increment, 'GBP');
          const applied = plan.payments.reduce((s, p) => s + p.amountCents, 0);
          expect(applied).toBe(total + plan.roundingCents);
          expect(plan.changeCents).toBeGreaterThanOrEqual(0);
          expect(Math.abs(plan.roundingCents) * 2).toBeLessThanOrEqual(Math.max(increment, 1));
          for (const p of plan.payments) if (p.kind !== 'cash') expect(p.amountCents).toBe(card);
        },
      ),
    );
  });

  it('explains what is wrong', () => {
    const err = (fn: () => unknown) => {
      try {
        fn();
        return null;
      } catch (e) {
        return isAppError(e) ? e : null;
      }
    };
    expect(err(() => planTenders(500, [{ kind: 'external_card', amountCents: 400 }], 0, 'GBP'))?.message).toBe(
      '£1.00 is still to pay. Add cash or another card payment.',
    );
    expect(err(() => planTenders(500, [{ kind: 'external_card', amountCents: 600 }], 0, 'GBP'))?.code).toBe('BAD_INPUT');
    expect(err(() => planTenders(500, [{ kind: 'external_card', amountCents: 500 }, { kind: 'cash', tenderedCents: 100 }], 0, 'GBP'))?.message).toMatch(
      /Nothing is left to pay in cash/,
    );
  });
});

describe('quickCashAmounts', () => {
  it('offers the exact amount and the next round notes', () => {
    expect(quickCashAmounts(1234)).toEqual([1234, 1300, 1500, 2000, 5000]);
    expect(quickCashAmounts(2000)).toEqual([2000, 5000, 10_000]);
    expect(quickCashAmounts(0)).toEqual([]);
    expect(quickCashAmounts(1234, 0)).toEqual([1234, 1235, 1240, 1250, 1300]);
  });
});
