import { and, eq, sql } from 'drizzle-orm';
import { AppError } from '@makeries/shared';
import type { CounterDb } from '../db/open';
import { preparedFor } from '../db/prepared';
import { shifts } from '../db/schema/index';

export type ShiftRow = typeof shifts.$inferSelect;

const queries = preparedFor((db) => ({
  open: db
    .select()
    .from(shifts)
    .where(and(eq(shifts.registerCode, sql.placeholder('registerCode')), eq(shifts.status, 'open')))
    .prepare(),
}));

export function openShift(db: CounterDb, registerCode: string): ShiftRow | undefined {
  return queries(db).open.get({ registerCode });
}

/** Cash moves only within a shift, so the drawer can be counted against what the counter expects. */
export function requireOpenShift(db: CounterDb, registerCode: string): ShiftRow {
  const s = openShift(db, registerCode);
  if (!s) throw new AppError('CONFLICT', 'Open a shift (count the float into the drawer) before taking payments.');
  return s;
}
