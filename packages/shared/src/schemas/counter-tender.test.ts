import { describe, expect, it } from 'vitest';
import { tenderFormSchema } from './counter-tender';

const issues = (v: unknown) => tenderFormSchema.safeParse(v).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('the payment dialog form', () => {
  it('takes keypad digits and part payments in cash, on the card machine and on the reader', () => {
    const tenders = [
      { kind: 'stripe_terminal', amountCents: 500, attemptId: 'a1' },
      { kind: 'external_card', amountCents: 199 },
      { kind: 'cash', amountCents: 0 },
    ];
    expect(issues({ digits: '', tenders })).toEqual([]);
    expect(issues({ digits: '2000', tenders: [] })).toEqual([]);
  });

  it('refuses a card payment of nothing, fractions of a cent, more part payments than the counter takes (9) and typed letters', () => {
    expect(issues({ digits: '', tenders: [{ kind: 'external_card', amountCents: 0 }] })).toEqual(['tenders.0.amountCents: A card payment must be more than 0']);
    expect(issues({ digits: '', tenders: [{ kind: 'cash', amountCents: 1.5 }] })).toEqual(['tenders.0.amountCents: Amounts are whole minor units (cents)']);
    expect(issues({ digits: '', tenders: Array.from({ length: 10 }, () => ({ kind: 'cash', amountCents: 100 })) })).toEqual(['tenders: At most 10 payments per sale']);
    expect(issues({ digits: '4.50', tenders: [] })).toEqual(['digits: Type the amount with the keypad']);
  });
});
