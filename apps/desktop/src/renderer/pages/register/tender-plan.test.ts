import { describe, expect, it } from 'vitest';
import { addCard, addCash, cardAmount, outstanding, settle, toSaleTenders, withReaderPayments, type Due, type UiTender } from './tender-plan';

const due: Due = { totalCents: 840, cashIncrementCents: 0, currency: 'GBP' };
const rounded: Due = { totalCents: 842, cashIncrementCents: 5, currency: 'CHF' };

describe('paying at the till', () => {
  it('cash of £20 for £8.40 completes with £11.60 change', () => {
    const step = addCash(due, [], 2000);
    expect(step).toMatchObject({ done: true, changeCents: 1160, sale: [{ kind: 'cash', tenderedCents: 2000 }] });
  });

  it('exact cash completes with no change; not enough cash is a part payment', () => {
    expect(addCash(due, [], 840)).toMatchObject({ done: true, changeCents: 0 });
    const part = addCash(due, [], 500);
    expect(part).toMatchObject({ done: false });
    if (!('done' in part) || part.done) throw new Error('expected a part payment');
    expect(outstanding(due, part.tenders).leftCents).toBe(340);
  });

  it('splits: £5 cash then the rest by card sends the card first and one cash tender', () => {
    const part = addCash(due, [], 500);
    if (!('done' in part)) throw new Error(part.error);
    const step = addCard(due, part.tenders, 340);
    expect(step).toMatchObject({
      done: true,
      changeCents: 0,
      sale: [
        { kind: 'external_card', amountCents: 340 },
        { kind: 'cash', tenderedCents: 500 },
      ],
    });
  });

  it('refuses a card for more than is left (cards give no change), and nothing left to pay', () => {
    expect(addCard(due, [], 900)).toEqual({ error: 'A card cannot pay more than the £8.40 left: cards give no change.' });
    const paid: UiTender[] = [{ kind: 'external_card', amountCents: 840 }];
    expect(addCard(due, paid, 1)).toEqual({ error: 'Nothing is left to pay.' });
    expect(addCash(due, [], 0)).toHaveProperty('error');
  });

  it('rounds the cash part, all cash or after a card, as the counter does when it records the sale', () => {
    expect(outstanding(rounded, []).cashLeftCents).toBe(840);
    expect(addCash(rounded, [], 1000)).toMatchObject({ done: true, changeCents: 160 });
    const card: UiTender[] = [{ kind: 'external_card', amountCents: 442 }];
    expect(outstanding(rounded, card)).toEqual({ leftCents: 400, cashLeftCents: 400 });
    // CHF 8.42, CHF 4.41 on the card: 4.01 is left and the customer hands over 4.00 (no 1-rappen coin)
    const odd: UiTender[] = [{ kind: 'external_card', amountCents: 441 }];
    expect(outstanding(rounded, odd)).toEqual({ leftCents: 401, cashLeftCents: 400 });
    expect(addCash(rounded, odd, 400)).toMatchObject({ done: true, changeCents: 0, sale: [{ kind: 'external_card', amountCents: 441 }, { kind: 'cash', tenderedCents: 400 }] });
    // 4.03 left rounds up to 4.05: a 5-franc note gives 0.95 back
    const up: UiTender[] = [{ kind: 'external_card', amountCents: 439 }];
    expect(addCash(rounded, up, 500)).toMatchObject({ done: true, changeCents: 95 });
  });

  it('adds several handfuls of cash into one cash tender', () => {
    expect(toSaleTenders([{ kind: 'cash', amountCents: 500 }, { kind: 'cash', amountCents: 500 }])).toEqual([{ kind: 'cash', tenderedCents: 1000 }]);
  });
});

describe('card payments on the Stripe reader', () => {
  const reader = (amountCents: number, id = 'a1'): UiTender => ({ kind: 'stripe_terminal', amountCents, attemptId: id });

  it('takes all that is left unless an amount is typed, and never more than is left', () => {
    expect(cardAmount(due, [], null)).toEqual({ amountCents: 840 });
    expect(cardAmount(due, [{ kind: 'cash', amountCents: 500 }], null)).toEqual({ amountCents: 340 });
    expect(cardAmount(due, [], 300)).toEqual({ amountCents: 300 });
    expect(cardAmount(due, [], 900)).toEqual({ error: 'A card cannot pay more than the £8.40 left: cards give no change.' });
    expect(cardAmount(due, [reader(840)], null)).toEqual({ error: 'Nothing is left to pay.' });
  });

  it('a reader payment of the whole total completes the sale with no tenders of its own to send', () => {
    expect(settle(due, [reader(840)])).toMatchObject({ done: true, sale: [], changeCents: 0 });
  });

  it('split: £3 on the reader, then £10 cash for the £5.40 left gives £4.60 change and sends only the cash', () => {
    const tenders = withReaderPayments([{ id: 'a1', amountCents: 300 }], []);
    expect(settle(due, tenders)).toMatchObject({ done: false });
    expect(outstanding(due, tenders)).toEqual({ leftCents: 540, cashLeftCents: 540 });
    expect(addCash(due, tenders, 1000)).toMatchObject({ done: true, changeCents: 460, sale: [{ kind: 'cash', tenderedCents: 1000 }] });
  });

  it('cash first, then the reader pays the rest: done, and the cash is sent', () => {
    const part = addCash(due, [], 500);
    if (!('done' in part)) throw new Error(part.error);
    const tenders = withReaderPayments([{ id: 'a1', amountCents: 340 }], part.tenders);
    expect(settle(due, tenders)).toMatchObject({ done: true, changeCents: 0, sale: [{ kind: 'cash', tenderedCents: 500 }] });
  });

  it('uses the exact (unrounded) total once a reader payment is part of the sale', () => {
    expect(outstanding(rounded, [reader(442)])).toEqual({ leftCents: 400, cashLeftCents: 400 });
  });
});
