import { formatReceiptNumber } from '@makeries/shared';
import { sql } from 'drizzle-orm';
import type { CounterDb } from '../db/open';
import { preparedFor } from '../db/prepared';
import { registerSequences } from '../db/schema/index';

const queries = preparedFor((db) => ({
  next: db
    .insert(registerSequences)
    .values({ registerCode: sql.placeholder('registerCode'), lastSeq: 1 })
    .onConflictDoUpdate({ target: registerSequences.registerCode, set: { lastSeq: sql`${registerSequences.lastSeq} + 1` } })
    .returning({ seq: registerSequences.lastSeq })
    .prepare(),
}));

/**
 * The next receipt number of this register, `<registerCode>-<seq>`. Taken inside the sale's transaction,
 * so a sale that fails leaves no gap and two sales never share a number.
 */
export function nextReceiptNumber(db: CounterDb, registerCode: string): { seq: number; number: string } {
  const row = queries(db).next.get({ registerCode });
  if (!row) throw new Error('register sequence upsert returned nothing');
  return { seq: row.seq, number: formatReceiptNumber(registerCode, row.seq) };
}
