import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { payments } from '../../db/schema/index';

export type PaymentRow = typeof payments.$inferSelect;

/** Forward only: a pending payment becomes succeeded/failed/canceled once; a final state never changes. */
export async function markPaymentFinal(db: DbOrTx, id: string, status: 'succeeded' | 'failed' | 'canceled', message: string | null): Promise<boolean> {
  const rows = await db
    .update(payments)
    .set({
      status,
      failureMessage: message,
      succeededAt: status === 'succeeded' ? sql`now()` : null,
      updatedAt: new Date(),
    })
    .where(and(eq(payments.id, id), eq(payments.status, 'pending')))
    .returning({ id: payments.id });
  return rows.length > 0;
}
