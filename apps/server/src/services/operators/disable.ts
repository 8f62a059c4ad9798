import { AppError } from '@makeries/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { operators, sessions } from '../../db/schema/index';
import { recordAudit } from './audit';

export interface DisabledOperator {
  operatorId: string;
  /** operator sessions that ended with it */
  sessionsEnded: number;
  /** it was disabled already: nothing changed, nothing recorded */
  already: boolean;
}

/**
 * Disables an operator from the command line (`operator:disable`): it can no longer sign in, and its sessions end
 * now. No operator acts here, so the audit row names the operator itself as both actor and target, with action
 * `operator.disabledFromCli`. Unknown address -> NOT_FOUND; already disabled -> nothing written.
 */
export async function disableOperatorFromCli(db: DbOrTx, email: string, now: Date = new Date()): Promise<DisabledOperator> {
  const address = email.trim().toLowerCase();
  return db.transaction(async (tx) => {
    const [op] = await tx.select().from(operators).where(sql`lower(${operators.email}) = ${address}`).limit(1).for('update');
    if (!op) throw new AppError('NOT_FOUND', `There is no operator with the email ${address}.`);
    if (op.disabledAt) return { operatorId: op.id, sessionsEnded: 0, already: true };
    await tx.update(operators).set({ disabledAt: now }).where(eq(operators.id, op.id));
    const ended = await tx.delete(sessions).where(and(eq(sessions.kind, 'operator'), eq(sessions.operatorId, op.id))).returning({ id: sessions.id });
    await recordAudit(tx, { operatorId: op.id, ip: '', requestId: 'cli' }, {
      action: 'operator.disabledFromCli',
      targetType: 'operator',
      targetId: op.id,
      before: { disabledAt: null },
      after: { disabledAt: now.toISOString() },
      reason: 'operator:disable on the command line',
    });
    return { operatorId: op.id, sessionsEnded: ended.length, already: false };
  });
}
