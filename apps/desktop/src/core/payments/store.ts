import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { AppError, uuidv7 } from '@makeries/shared';
import { isoAt } from '../context';
import type { CounterDb } from '../db/open';
import { cardAttempts } from '../db/schema/index';
import { notFound } from '../errors';

export type CardAttemptRow = typeof cardAttempts.$inferSelect;
export type CardAttemptStatus = CardAttemptRow['status'];

/** The reader has (or may have) the payment: nothing else may be charged or recorded for the cart meanwhile. */
export const IN_PROGRESS: readonly CardAttemptStatus[] = ['starting', 'waiting'];

/**
 * Which moves an attempt may make. `starting` → `failed` only when the server refused to create the payment
 * (so nothing can be charged); `succeeded` → `canceled` only when the money went back to the card (released).
 */
const NEXT: Record<CardAttemptStatus, readonly CardAttemptStatus[]> = {
  starting: ['starting', 'waiting', 'succeeded', 'failed', 'canceled'],
  waiting: ['waiting', 'succeeded', 'failed', 'canceled'],
  succeeded: ['recorded', 'canceled'],
  failed: [],
  canceled: [],
  recorded: [],
};

function canMove(from: CardAttemptStatus, to: CardAttemptStatus): boolean {
  return NEXT[from].includes(to);
}

export function attemptById(db: CounterDb, id: string): CardAttemptRow {
  const row = db.select().from(cardAttempts).where(eq(cardAttempts.id, id)).get();
  if (!row) throw notFound('That card payment is not on this counter.');
  return row;
}

/** Attempts of a cart that are not on a sale yet, oldest first. */
export function openAttempts(db: CounterDb, cartId: string): CardAttemptRow[] {
  return db
    .select()
    .from(cardAttempts)
    .where(and(eq(cardAttempts.cartId, cartId), isNull(cardAttempts.saleId)))
    .orderBy(asc(cardAttempts.createdAt), asc(cardAttempts.id))
    .all();
}

export function latestAttempt(db: CounterDb, cartId: string): CardAttemptRow | undefined {
  return db.select().from(cardAttempts).where(eq(cardAttempts.cartId, cartId)).orderBy(desc(cardAttempts.createdAt), desc(cardAttempts.id)).get();
}

export function insertAttempt(db: CounterDb, nowMs: number, a: { cartId: string; readerId: string; amountCents: number }): CardAttemptRow {
  const at = isoAt(nowMs);
  const id = uuidv7(nowMs);
  db.insert(cardAttempts).values({ id, cartId: a.cartId, readerId: a.readerId, amountCents: a.amountCents, status: 'starting', createdAt: at, updatedAt: at }).run();
  return attemptById(db, id);
}

export interface AttemptPatch {
  status: CardAttemptStatus;
  paymentIntentId?: string;
  message?: string | null;
  saleId?: string;
}

/** Moves an attempt forward; a move the table forbids is a bug in the caller, never silently applied. */
export function moveAttempt(db: CounterDb, nowMs: number, id: string, patch: AttemptPatch): CardAttemptRow {
  const cur = attemptById(db, id);
  if (!canMove(cur.status, patch.status)) {
    throw new AppError('CONFLICT', `This card payment is already ${cur.status}; it cannot become ${patch.status}.`, { details: { status: cur.status } });
  }
  db.update(cardAttempts)
    .set({
      status: patch.status,
      updatedAt: isoAt(nowMs),
      ...(patch.paymentIntentId !== undefined ? { paymentIntentId: patch.paymentIntentId } : {}),
      ...(patch.message !== undefined ? { message: patch.message } : {}),
      ...(patch.saleId !== undefined ? { saleId: patch.saleId } : {}),
    })
    .where(eq(cardAttempts.id, id))
    .run();
  return attemptById(db, id);
}

export function attemptsWithStatus(db: CounterDb, cartId: string, statuses: readonly CardAttemptStatus[]): CardAttemptRow[] {
  return openAttempts(db, cartId).filter((a) => statuses.includes(a.status));
}
