import { pinSchema, uuidSchema } from '@makeries/shared';
import { z } from 'zod';

export const pinLoginInput = z.object({ staffId: uuidSchema, pin: pinSchema });
export type PinLoginInput = z.input<typeof pinLoginInput>;

/** A manager (or owner) standing next to the cashier types their PIN to allow one action. */
export const approvalInput = z.object({ staffId: uuidSchema, pin: pinSchema });
export type ApprovalInput = z.input<typeof approvalInput>;
