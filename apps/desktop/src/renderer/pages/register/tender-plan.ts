import { formatMoney } from '@makeries/shared';

/*
 * The payment dialog's arithmetic, before anything is sent. Cards pay exact amounts and never give change;
 * cash is given once per sale (several handfuls add up) and pays what is left, with the shop's cash rounding
 * when the whole sale is cash. The counter re-checks all of it (core/sales/tender.ts) and has the last word.
 */

export type UiTender = { kind: 'cash'; amountCents: number } | { kind: 'external_card'; amountCents: number };

export type SaleTender = { kind: 'cash'; tenderedCents: number } | { kind: 'external_card'; amountCents: number };

export interface Due {
  totalCents: number;
  /** the total after cash rounding, when all of it is paid in cash */
  cashDueCents: number;
  currency: string;
}

export type Step =
  | { done: false; tenders: UiTender[] }
  | { done: true; tenders: UiTender[]; sale: SaleTender[]; changeCents: number }
  | { error: string };

const sum = (ts: readonly UiTender[], kind?: UiTender['kind']) => ts.filter((t) => !kind || t.kind === kind).reduce((s, t) => s + t.amountCents, 0);

/** What is still to pay, and in cash what the customer must hand over for it (rounded when all cash). */
export function outstanding(due: Due, tenders: readonly UiTender[]): { leftCents: number; cashLeftCents: number } {
  const cards = sum(tenders, 'external_card');
  const cash = sum(tenders, 'cash');
  const leftCents = Math.max(0, due.totalCents - cards - cash);
  const cashLeftCents = cards === 0 ? Math.max(0, due.cashDueCents - cash) : leftCents;
  return { leftCents, cashLeftCents };
}

export function toSaleTenders(tenders: readonly UiTender[]): SaleTender[] {
  const cards: SaleTender[] = tenders.filter((t) => t.kind === 'external_card').map((t) => ({ kind: 'external_card', amountCents: t.amountCents }));
  const cash = tenders.filter((t) => t.kind === 'cash');
  return cash.length > 0 ? [...cards, { kind: 'cash', tenderedCents: sum(cash) }] : cards;
}

function finish(due: Due, tenders: UiTender[]): Step {
  const cards = sum(tenders, 'external_card');
  const cash = sum(tenders, 'cash');
  const cashDue = cards === 0 ? due.cashDueCents : due.totalCents - cards;
  return { done: true, tenders, sale: toSaleTenders(tenders), changeCents: Math.max(0, cash - cashDue) };
}

/** Cash handed over: enough pays the rest (with change); less is a part payment, the rest by card. */
export function addCash(due: Due, tenders: readonly UiTender[], amountCents: number): Step {
  const { cashLeftCents } = outstanding(due, tenders);
  if (amountCents <= 0 && cashLeftCents > 0) return { error: 'Type the cash the customer handed over, or tap a quick amount.' };
  const next: UiTender[] = [...tenders, { kind: 'cash', amountCents }];
  return amountCents >= cashLeftCents ? finish(due, next) : { done: false, tenders: next };
}

/** A card payment on the external terminal: at most what is left, since a card cannot give change. */
export function addCard(due: Due, tenders: readonly UiTender[], amountCents: number): Step {
  const { leftCents } = outstanding(due, tenders);
  const money = (c: number) => formatMoney(c, due.currency);
  if (leftCents === 0) return { error: 'Nothing is left to pay.' };
  if (amountCents <= 0) return { error: 'Type the amount for the card, or leave it to take the rest.' };
  if (amountCents > leftCents) return { error: `A card cannot pay more than the ${money(leftCents)} left: cards give no change.` };
  const next: UiTender[] = [...tenders, { kind: 'external_card', amountCents }];
  return amountCents === leftCents ? finish(due, next) : { done: false, tenders: next };
}
