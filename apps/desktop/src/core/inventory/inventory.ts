import {
  AppError,
  stockAdjustInput,
  stockCountInput,
  type StockMovementArgs,
  stockReceiveInput,
  text,
  uuidv7,
} from '@makeries/shared';
import { z } from 'zod';
import { isoAt, type CoreContext } from '../context';
import { stockMovements } from '../db/schema/index';
import { variantById } from '../catalog/lookup';
import { onHandFor } from '../catalog/stock';
import { requirePaired } from '../device/device';
import { notFound, parseInput } from '../errors';
import { enqueue } from '../outbox/outbox';
import { approvalInput } from '../schemas/staff';
import { approve, requireStaff } from '../staff/auth';
import { requireSyncProof } from '../staff/proofs';
import { writeTx } from '../db/open';
import { assertStockEditable } from '../catalog-edit/pos-owned';

const SCHEMAS = { receive: stockReceiveInput, adjust: stockAdjustInput, count: stockCountInput } as const;

const movementInput = z.object({
  kind: z.enum(['receive', 'adjust', 'count']),
  variantId: z.uuid(),
  quantity: z.number(),
  note: text({ max: 500, multiline: true, trim: false, label: 'Notes' }).optional(),
  approval: approvalInput.optional(),
});
export type StockMovementInput = z.input<typeof movementInput>;

/**
 * Stock received, adjusted or counted at the counter: a local ledger row (so on-hand updates offline) and a
 * 'stock.movement' mutation in one transaction. Changing stock is a manager's job (or needs their PIN).
 */
async function recordMovement(ctx: CoreContext, input: StockMovementInput): Promise<{ movementId: string; onHand: number }> {
  const base = parseInput(movementInput, input);
  const p = parseInput(SCHEMAS[base.kind], { variantId: base.variantId, quantity: base.quantity, note: base.note ?? '' });
  requireStaff(ctx);
  requirePaired(ctx.db);
  const variant = variantById(ctx.db, p.variantId);
  if (!variant) throw notFound('That product is not in this counter’s catalog (or is archived).');
  if (!variant.trackStock) throw new AppError('BAD_INPUT', `${variant.name} does not track stock. Turn tracking on in the back office first.`);
  // a bridged product's stock is counted in its point of sale
  assertStockEditable(ctx.sqlite, p.variantId, base.kind);
  const approvedBy = await approve(ctx, base.approval, 'change stock levels');
  // the marketplace takes an adjust only with the approving manager's proof
  if (base.kind === 'adjust') await requireSyncProof(ctx, approvedBy, 'Stock adjustments');
  const staff = requireStaff(ctx);
  const now = ctx.now();
  return writeTx(ctx.db, () => {
    const args: StockMovementArgs = {
      id: uuidv7(now),
      variantId: p.variantId,
      kind: base.kind,
      quantity: p.quantity,
      occurredAt: isoAt(now),
      note: p.note,
      staffId: staff.staffId,
      approvedBy,
    };
    const queued = enqueue(ctx.db, now, 'stock.movement', args);
    ctx.db.insert(stockMovements)
      .values({ id: args.id, variantId: args.variantId, kind: args.kind, quantity: args.quantity, occurredAt: args.occurredAt, staffId: args.staffId, note: args.note, outboxId: queued.id })
      .run();
    return { movementId: args.id, onHand: onHandFor(ctx.db, [args.variantId]).get(args.variantId) ?? 0 };
  });
}

export function createInventoryModule(ctx: CoreContext) {
  return {
    record: (input: StockMovementInput) => recordMovement(ctx, input),
    onHand: (variantIds: readonly string[]) => onHandFor(ctx.db, variantIds),
  };
}
