import type { StockMovementArgs } from '@makeries/shared';
import type { Tx } from '../../../db/client';
import { recordMovements } from '../../inventory';
import { requireStaff, type ApplyScope } from '../scope';

/** Receive / adjust / count made at the counter; the ledger's own id conflict handling makes it idempotent. */
export async function applyStockMovement(tx: Tx, scope: ApplyScope, a: StockMovementArgs): Promise<void> {
  requireStaff(scope, a.staffId);
  await recordMovements(tx, scope.vendorId, [
    {
      id: a.id,
      variantId: a.variantId,
      kind: a.kind,
      quantity: a.quantity,
      occurredAt: new Date(a.occurredAt),
      note: a.note,
      staffId: a.staffId,
      deviceId: scope.deviceId,
    },
  ]);
}
