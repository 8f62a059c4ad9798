import {
  orderStatusSchema,
  stockAdjustInput,
  stockCountInput,
  stockReceiveInput,
  text,
  uuidSchema,
} from '@makeries/shared';
import { z } from 'zod';
import { approvalInput } from '../schemas/staff';

/*
 * Inputs of CounterRouter procedures that have no schema in core/schemas (the core takes plain ids or
 * optional limits there). Domain inputs (cart, sale, refund, shift, staff) are reused from core/schemas.
 */

const limit = (max: number, dflt: number) => z.number().int('Limits are whole numbers').min(1).max(max).default(dflt);

export const overrideInput = approvalInput.extend({
  /** what the manager is allowing, for the activity log ("refund a sale") */
  action: text({ min: 1, minMessage: 'Say what the manager is approving', max: 120, label: 'Actions' }),
});

export const catalogSearchInput = z.object({ text: text({ max: 200, maxMessage: 'Searches are at most 200 characters', trim: false, label: 'Searches' }), limit: limit(100, 20) });
export const variantIdInput = z.object({ variantId: uuidSchema });
export const categoryInput = z.object({ categoryId: uuidSchema, limit: limit(500, 200) });

export const setWeightInput = z.object({
  lineId: uuidSchema,
  grams: z.number().int('Weights are whole grams').min(1, 'Weigh the item first').max(1_000_000, 'That is more than a tonne'),
});
export const clearCartInput = z.object({ reason: text({ max: 300, maxMessage: 'Reasons are at most 300 characters', multiline: true, label: 'Reasons' }).default('') }).default({ reason: '' });

export const listLimitInput = z.object({ limit: limit(200, 50) }).default({ limit: 50 });
export const rejectionListInput = z
  .object({ limit: limit(200, 50), includeResolved: z.boolean().default(false) })
  .default({ limit: 50, includeResolved: false });
export const resolveRejectionInput = z.object({
  id: uuidSchema,
  note: text({
    min: 3,
    minMessage: 'Say what was done about it (at least 3 characters)',
    max: 500,
    maxMessage: 'Notes are at most 500 characters',
    multiline: true,
    label: 'Notes',
  }),
});
export const zReportInput = z.object({ shiftId: uuidSchema.optional() }).default({});

/** Counter stock changes carry what the shared ledger schemas check, plus an optional manager approval. */
const movement = (schema: typeof stockReceiveInput | typeof stockCountInput | typeof stockAdjustInput) =>
  schema.pick({ variantId: true, quantity: true, note: true }).extend({ approval: approvalInput.optional() });
export const receiveInput = movement(stockReceiveInput);
export const countInput = movement(stockCountInput);
export const adjustInput = movement(stockAdjustInput);

export const levelsInput = z.object({ variantIds: z.array(uuidSchema).min(1, 'Choose at least one product').max(500) });
export const lowStockInput = z.object({ limit: limit(500, 100) }).default({ limit: 100 });

export const webOrderListInput = z
  .object({ status: z.array(orderStatusSchema).min(1).optional(), limit: limit(200, 100) })
  .default({ limit: 100 });
export const webOrderIdInput = z.object({ orderId: uuidSchema });
