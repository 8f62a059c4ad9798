import { eq } from 'drizzle-orm';
import { AppError } from '@makeries/shared';
import type { CounterDb } from '../db/open';
import { preparedFor } from '../db/prepared';
import { counterSettings } from '../db/schema/index';

export type CounterSettings = Omit<typeof counterSettings.$inferSelect, 'slot'>;

const queries = preparedFor((db) => ({
  settings: db.select().from(counterSettings).where(eq(counterSettings.slot, 1)).prepare(),
}));

/** Read on every staff action (auto-lock), hence prepared. */
export function readSettings(db: CounterDb): CounterSettings {
  const row = queries(db).settings.get();
  if (!row) throw new AppError('INTERNAL', 'The counter database is missing its settings row.');
  const { slot: _slot, ...settings } = row;
  return settings;
}
