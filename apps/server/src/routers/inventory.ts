import {
  lowStockInput,
  stockAdjustInput,
  stockAlertResolveInput,
  stockAlertsInput,
  stockCountInput,
  stockLevelsInput,
  stockMovementsInput,
  stockReceiveInput,
  type MovementKind,
  type StockReceiveInput,
} from '@makeries/shared';
import type { Context } from '../context';
import { recordMovements } from '../services/inventory';
import { assertStockEditable } from '../services/products';
import {
  listLowStock,
  listMovements,
  listStockAlerts,
  listStockLevels,
  resolveStockAlert,
  type StockLevel,
} from '../services/inventory/reads';
import { managerProcedure, router, staffProcedure, vendorProcedure } from '../trpc';

type StaffCtx = Context & { vendorId: string; actor: { kind: 'staff'; staffId: string } };

/** Records one back-office movement as the signed-in staff member and returns the variant's new level. */
async function record(ctx: StaffCtx, kind: MovementKind, input: StockReceiveInput): Promise<StockLevel> {
  // a bridged product's stock is counted in its POS (services/products/pos-owned.ts)
  await assertStockEditable(ctx.db, ctx.vendorId, [{ variantId: input.variantId, kind }]);
  await recordMovements(ctx.db, ctx.vendorId, [
    {
      id: input.id,
      variantId: input.variantId,
      kind,
      quantity: input.quantity,
      occurredAt: input.occurredAt ?? new Date(),
      note: input.note,
      staffId: ctx.actor.staffId,
    },
  ]);
  const { items } = await listStockLevels(ctx.db, ctx.vendorId, { variantIds: [input.variantId], limit: 1 });
  const level = items[0];
  if (!level) throw new Error('stock level vanished after recording');
  return level;
}

export const inventoryRouter = router({
  receive: staffProcedure.input(stockReceiveInput).mutation(({ ctx, input }) => record(ctx, 'receive', input)),
  count: staffProcedure.input(stockCountInput).mutation(({ ctx, input }) => record(ctx, 'count', input)),
  adjust: managerProcedure.input(stockAdjustInput).mutation(({ ctx, input }) => record(ctx, 'adjust', input)),
  levels: vendorProcedure.input(stockLevelsInput).query(({ ctx, input }) => listStockLevels(ctx.db, ctx.vendorId, input)),
  lowStock: vendorProcedure.input(lowStockInput).query(({ ctx, input }) => listLowStock(ctx.db, ctx.vendorId, input)),
  movements: vendorProcedure.input(stockMovementsInput).query(({ ctx, input }) => listMovements(ctx.db, ctx.vendorId, input)),
  alerts: vendorProcedure.input(stockAlertsInput).query(({ ctx, input }) => listStockAlerts(ctx.db, ctx.vendorId, input)),
  resolveAlert: staffProcedure
    .input(stockAlertResolveInput)
    .mutation(({ ctx, input }) => resolveStockAlert(ctx.db, ctx.vendorId, input.alertId)),
});
