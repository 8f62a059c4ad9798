import { cashPartDue, formatMoney } from '@makeries/shared';

/*
 * The payment dialog's arithmetic, before anything is sent. Cards pay exact amounts and never give change;
 * cash is given once per sale (several handfuls add up) and pays what is left after the cards, rounded to the
 * shop's cash increment (shared cashPartDue, the rule the counter applies when it records the sale). Card payments taken on the Stripe reader come from the counter (they survive a
 * restart) and are added to the sale by the counter itself. The counter re-checks all of it and has the last word.
 */

export type UiTender =
  | { kind: 'cash'; amountCents: number }
  | { kind: 'external_card'; amountCents: number }
  /** taken on the Stripe reader; listed from the counter, never sent back in the sale's tenders */
  | { kind: 'stripe_terminal'; amountCents: number; attemptId: string };

export type SaleTender = { kind: 'cash'; tenderedCents: number } | { kind: 'external_card'; amountCents: number };

export interface Due {
  totalCents: number;
  /** the shop's cash rounding increment (0 or 1: none) */
  cashIncrementCents: number;
  currency: string;
}

export type Step =
  | { done: false; tenders: UiTender[] }
  | { done: true; tenders: UiTender[]; sale: SaleTender[]; changeCents: number }
  | { error: string };

const isCard = (t: UiTender) => t.kind !== 'cash';
const sum = (ts: readonly UiTender[], pick: (t: UiTender) => boolean = () => true) => ts.filter(pick).reduce((s, t) => s + t.amountCents, 0);

/** The cash part once cards have paid theirs: what is left, rounded to the shop's cash increment. */
function cashDue(due: Due, cardCents: number): number {
  return cashPartDue(due.totalCents, cardCents, due.cashIncrementCents).roundedCents;
}

/** What is still to pay, and in cash what the customer must hand over for it (rounded). */
export function outstanding(due: Due, tenders: readonly UiTender[]): { leftCents: number; cashLeftCents: number } {
  const cards = sum(tenders, isCard);
  const cash = sum(tenders, (t) => t.kind === 'cash');
  const leftCents = Math.max(0, due.totalCents - cards - cash);
  const cashLeftCents = Math.max(0, cashDue(due, cards) - cash);
  return { leftCents, cashLeftCents };
}

/** What the dialog sends with the sale: card-machine payments and one cash tender (reader payments are the counter's). */
export function toSaleTenders(tenders: readonly UiTender[]): SaleTender[] {
  const cards: SaleTender[] = tenders.filter((t) => t.kind === 'external_card').map((t) => ({ kind: 'external_card', amountCents: t.amountCents }));
  const cash = tenders.filter((t) => t.kind === 'cash');
  return cash.length > 0 ? [...cards, { kind: 'cash', tenderedCents: sum(cash) }] : cards;
}

function finish(due: Due, tenders: UiTender[]): Step {
  const cards = sum(tenders, isCard);
  const cash = sum(tenders, (t) => t.kind === 'cash');
  return { done: true, tenders, sale: toSaleTenders(tenders), changeCents: Math.max(0, cash - cashDue(due, cards)) };
}

/** Cash handed over: enough pays the rest (with change); less is a part payment, the rest by card. */
export function addCash(due: Due, tenders: readonly UiTender[], amountCents: number): Step {
  const { cashLeftCents } = outstanding(due, tenders);
  if (amountCents <= 0 && cashLeftCents > 0) return { error: 'Type the cash the customer handed over, or tap a quick amount.' };
  const next: UiTender[] = [...tenders, { kind: 'cash', amountCents }];
  return amountCents >= cashLeftCents ? finish(due, next) : { done: false, tenders: next };
}

/** How much a card may pay now: the typed amount, or all that is left; never more (cards give no change). */
export function cardAmount(due: Due, tenders: readonly UiTender[], typedCents: number | null): { amountCents: number } | { error: string } {
  const { leftCents } = outstanding(due, tenders);
  const amountCents = typedCents ?? leftCents;
  if (leftCents === 0) return { error: 'Nothing is left to pay.' };
  if (amountCents <= 0) return { error: 'Type the amount for the card, or leave it to take the rest.' };
  if (amountCents > leftCents) return { error: `A card cannot pay more than the ${formatMoney(leftCents, due.currency)} left: cards give no change.` };
  return { amountCents };
}

/** A card payment on the external terminal: at most what is left, since a card cannot give change. */
export function addCard(due: Due, tenders: readonly UiTender[], amountCents: number): Step {
  const ok = cardAmount(due, tenders, amountCents);
  if ('error' in ok) return ok;
  const next: UiTender[] = [...tenders, { kind: 'external_card', amountCents }];
  return outstanding(due, next).leftCents === 0 ? finish(due, next) : { done: false, tenders: next };
}

/** After a payment on the reader: the sale is done when nothing is left, otherwise the rest is still to pay. */
export function settle(due: Due, tenders: readonly UiTender[]): Step {
  const next = [...tenders];
  return outstanding(due, next).leftCents === 0 ? finish(due, next) : { done: false, tenders: next };
}

/** The dialog's own tenders after the counter's reader payments (which come first, as the counter records them). */
export function withReaderPayments(reader: readonly { id: string; amountCents: number }[], tenders: readonly UiTender[]): UiTender[] {
  return [...reader.map((r): UiTender => ({ kind: 'stripe_terminal', amountCents: r.amountCents, attemptId: r.id })), ...tenders.filter((t) => t.kind !== 'stripe_terminal')];
}
