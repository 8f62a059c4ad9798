import { pinSchema, uuidSchema } from '@makeries/shared';
import { z } from 'zod';

/** A named person's PIN: the second step when two staff share a PIN (and for scripts and tests). */
export const pinLoginInput = z.object({ staffId: uuidSchema, pin: pinSchema });
export type PinLoginInput = z.input<typeof pinLoginInput>;

/** Unlocking the counter by PIN alone: the PIN says who it is. */
export const pinUnlockInput = z.object({ pin: pinSchema });
export type PinUnlockInput = z.input<typeof pinUnlockInput>;

/**
 * A manager (or owner) standing next to the cashier types their PIN to allow one action. The PIN alone finds
 * the manager; `staffId` names them when several managers share that PIN.
 */
export const approvalInput = z.object({ staffId: uuidSchema.optional(), pin: pinSchema });
export type ApprovalInput = z.input<typeof approvalInput>;
