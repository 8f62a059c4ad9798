import { registerCodeSchema, text, uuidSchema } from '@makeries/shared';
import { z } from 'zod';

/** What pairing with the server produced (devices.pair): stored so the counter works offline afterwards. */
export const devicePairInput = z.object({
  deviceId: uuidSchema,
  vendorId: uuidSchema,
  registerCode: registerCodeSchema,
  name: text({ max: 120, label: 'Names' }).default(''),
});
export type DevicePairInput = z.input<typeof devicePairInput>;

export const counterSettingsInput = z
  .object({
    discountLimitBps: z.number().int().min(0).max(10_000).optional(),
    pinMaxAttempts: z.number().int().min(1).max(50).optional(),
    pinLockoutSeconds: z.number().int().min(0).max(86_400).optional(),
    autoLockSeconds: z.number().int().min(0).max(86_400).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'Nothing to update');
export type CounterSettingsInput = z.input<typeof counterSettingsInput>;
