import { AppError, MUTATION_ARGS, type MutationArgs, type MutationEnvelope, type MutationName } from '@makeries/shared';
import type { Tx } from '../../db/client';
import { applyOrderTransition } from './handlers/order-transition';
import { applySaleComplete } from './handlers/sale-complete';
import { applySaleRefund } from './handlers/sale-refund';
import { applyShiftEvent } from './handlers/shift-event';
import { applyStockMovement } from './handlers/stock-movement';
import { businessRejection, zodRejection, type Rejection } from './rejection';
import type { ApplyScope } from './scope';

type Handler<N extends MutationName> = (tx: Tx, scope: ApplyScope, args: MutationArgs<N>) => Promise<void>;

const HANDLERS: { [N in MutationName]: Handler<N> } = {
  'sale.complete': applySaleComplete,
  'sale.refund': applySaleRefund,
  'shift.event': applyShiftEvent,
  'stock.movement': applyStockMovement,
  'order.transition': applyOrderTransition,
};

/** argsVersion this server understands, per mutation name. */
export const SUPPORTED_ARGS_VERSION = 1;

export type Outcome = { status: 'applied' } | ({ status: 'rejected' } & Rejection);

function handle<N extends MutationName>(tx: Tx, scope: ApplyScope, name: N, args: unknown): Promise<void> {
  return HANDLERS[name](tx, scope, args as MutationArgs<N>);
}

/**
 * Applies one mutation inside a savepoint: a business rejection rolls back only this mutation and is reported;
 * anything else propagates and rolls back the whole batch (the counter retries it later).
 */
export async function applyMutation(tx: Tx, scope: ApplyScope, m: MutationEnvelope): Promise<Outcome> {
  if (m.argsVersion !== SUPPORTED_ARGS_VERSION) {
    // rejecting would lose a sale the server merely cannot read yet; refusing the batch keeps it queued
    throw new AppError(
      'CONFLICT',
      `This counter sends ${m.name} in format v${m.argsVersion}, which this marketplace server does not know yet. ` +
        'Everything stays queued on the counter and uploads once the server is updated.',
      { details: { mutationId: m.mutationId, argsVersion: m.argsVersion } },
    );
  }
  const parsed = MUTATION_ARGS[m.name].safeParse(m.args);
  if (!parsed.success) return { status: 'rejected', ...zodRejection(parsed.error) };
  try {
    await tx.transaction((sp) => handle(sp, scope, m.name, parsed.data));
    return { status: 'applied' };
  } catch (e) {
    const rejection = businessRejection(e);
    if (!rejection) throw e;
    return { status: 'rejected', ...rejection };
  }
}
