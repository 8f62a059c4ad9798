import { describe, expect, it } from 'vitest';
import { addCard, addCash, outstanding, toSaleTenders, type Due, type UiTender } from './tender-plan';

const due: Due = { totalCents: 840, cashDueCents: 840, currency: 'GBP' };
const rounded: Due = { totalCents: 842, cashDueCents: 840, currency: 'CHF' };

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

  it('uses the rounded cash total only when the whole sale is cash', () => {
    expect(outstanding(rounded, []).cashLeftCents).toBe(840);
    expect(addCash(rounded, [], 1000)).toMatchObject({ done: true, changeCents: 160 });
    const card: UiTender[] = [{ kind: 'external_card', amountCents: 442 }];
    expect(outstanding(rounded, card)).toEqual({ leftCents: 400, cashLeftCents: 400 });
  });

  it('adds several handfuls of cash into one cash tender', () => {
    expect(toSaleTenders([{ kind: 'cash', amountCents: 500 }, { kind: 'cash', amountCents: 500 }])).toEqual([{ kind: 'cash', tenderedCents: 1000 }]);
  });
});
