import { adjustInput, countInput, levelsInput, lowStockInput, receiveInput } from './inputs';
import { lowStock } from './low-stock';
import { queuedProcedure, router, staffProcedure } from './trpc';

/*
 * Stock changes are a manager's job: a cashier passes `approval` (a manager's PIN) or gets FORBIDDEN with
 * details.needsApproval. Each change is a ledger movement queued for the server (DESIGN §3).
 */
export const inventoryRouter = router({
  receive: queuedProcedure.input(receiveInput).mutation(({ ctx, input }) => ctx.core.inventory.record({ kind: 'receive', ...input })),
  /** The counted level replaces what the ledger says (the only absolute level a client sends). */
  count: queuedProcedure.input(countInput).mutation(({ ctx, input }) => ctx.core.inventory.record({ kind: 'count', ...input })),
  /** ± quantity with a reason (breakage, waste). */
  adjust: queuedProcedure.input(adjustInput).mutation(({ ctx, input }) => ctx.core.inventory.record({ kind: 'adjust', ...input })),

  /** On-hand as staff should see it offline; variants the server sent no level for read 0. */
  levels: staffProcedure.input(levelsInput).query(({ ctx, input }) => {
    const onHand = ctx.core.inventory.onHand(input.variantIds);
    return input.variantIds.map((variantId) => ({ variantId, onHand: onHand.get(variantId) ?? 0 }));
  }),

  lowStock: staffProcedure.input(lowStockInput).query(({ ctx, input }) => lowStock(ctx.core, input.limit)),
});
