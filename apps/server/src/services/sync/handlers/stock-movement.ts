import type { StockMovementArgs } from '@makeries/shared';
import type { Tx } from '../../../db/client';
import { recordMovements } from '../../inventory';
import { assertStockEditable } from '../../products';
import { requireProvenRole, requireStaff, type ApplyScope } from '../scope';

/**
 * Receive / adjust / count made at the counter; the ledger's own id conflict handling makes it idempotent. An
 * adjust (stock written off or found) needs the approving manager's staff proof; receiving and counting are
 * everyday till work and need none.
 */
export async function applyStockMovement(tx: Tx, scope: ApplyScope, a: StockMovementArgs): Promise<void> {
  requireStaff(scope, a.staffId);
  requireStaff(scope, a.approvedBy, 'approving manager');
  if (a.kind === 'adjust') requireProvenRole(scope, a.staffId, a.approvedBy);
  // a bridged product's stock is counted in its POS: refused (recorded as rejected), the counter's pending row drops out
  await assertStockEditable(tx, scope.vendorId, [{ variantId: a.variantId, kind: a.kind }]);
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
