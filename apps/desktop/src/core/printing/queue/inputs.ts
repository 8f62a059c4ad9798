import { text, uuidSchema } from '@makeries/shared';
import { z } from 'zod';

/*
 * Inputs of the printing module (and so of the `printers` router). Printer connection URLs are checked by
 * transports/url.ts after these shapes pass, so one message explains every accepted form.
 */

const byte = (what: string) =>
  z.number({ error: `${what} must be a number from 0 to 255` }).int(`${what} must be a whole number from 0 to 255`).min(0, `${what} must be from 0 to 255`).max(255, `${what} must be from 0 to 255`);

const printerFields = {
  name: text({ min: 1, minMessage: 'Give the printer a name, like "Front till"', max: 60, maxMessage: 'Printer names are at most 60 characters', label: 'Names' }),
  role: z.enum(['receipt', 'kitchen'], { error: 'A printer is for receipts or for the kitchen' }),
  transport: text({ min: 1, minMessage: 'Say how the printer is connected, like tcp://192.168.1.50:9100', max: 300, label: 'Printer addresses' }),
  paperWidth: z.union([z.literal(58), z.literal(80)], { error: 'Paper width is 58 or 80 mm' }),
  commandSet: z.enum(['epson', 'star'], { error: 'Command set is EPSON (ESC/POS) or STAR' }),
  /** checked against the renderer's tables by the printer store (aliases like "PC850" or "1252" are accepted) */
  codePage: text({ min: 1, minMessage: 'Choose a code page from the list, like PC858_EURO', max: 40, maxMessage: 'Code page names are at most 40 characters', label: 'Code pages' }),
  hasDrawer: z.boolean(),
  drawerPin: z.union([z.literal(0), z.literal(1)], { error: 'The drawer is on pin 0 (connector pin 2) or 1 (pin 5)' }),
  drawerT1: byte('Drawer pulse on-time'),
  drawerT2: byte('Drawer pulse off-time'),
  enabled: z.boolean(),
};

export const addPrinterInput = z.object({
  ...printerFields,
  role: printerFields.role.default('receipt'),
  paperWidth: printerFields.paperWidth.default(80),
  commandSet: printerFields.commandSet.default('epson'),
  codePage: printerFields.codePage.default('PC858_EURO'),
  hasDrawer: printerFields.hasDrawer.default(false),
  drawerPin: printerFields.drawerPin.default(0),
  // ESC p 0 25 250: 50 ms on, 500 ms off, what most drawers want
  drawerT1: printerFields.drawerT1.default(0x19),
  drawerT2: printerFields.drawerT2.default(0xfa),
  enabled: printerFields.enabled.default(true),
});
export type AddPrinterInput = z.input<typeof addPrinterInput>;

export const printerIdInput = z.object({ printerId: uuidSchema });

export const updatePrinterInput = z
  .object({ printerId: uuidSchema, ...printerFields })
  .partial()
  .required({ printerId: true })
  .refine((p) => Object.keys(p).length > 1, 'Change at least one setting');
export type UpdatePrinterInput = z.input<typeof updatePrinterInput>;

export const jobIdInput = z.object({ jobId: uuidSchema });

/** `unconfirmed`: a drawer kick a crash interrupted, never sent again (it may have opened the drawer) */
const jobStates = ['queued', 'printing', 'printed', 'failed', 'cancelled', 'unconfirmed'] as const;
export const listJobsInput = z
  .object({
    printerId: uuidSchema.optional(),
    states: z.array(z.enum(jobStates)).min(1).optional(),
    limit: z.number().int().min(1).max(500).default(50),
  })
  .default({ limit: 50 });
export type ListJobsInput = z.input<typeof listJobsInput>;

export const openDrawerInput = z.object({
  reason: text({ min: 1, minMessage: 'Say why the drawer is opened without a sale', max: 300, maxMessage: 'Reasons are at most 300 characters', multiline: true, label: 'Reasons' }),
});

export const saleIdInput = z.object({ saleId: uuidSchema });
export const refundIdInput = z.object({ refundId: uuidSchema });
export const webOrderIdInput = z.object({ webOrderId: uuidSchema });
export const shiftReportInput = z.object({ shiftId: uuidSchema, kind: z.enum(['x', 'z'], { error: 'A shift report is an X (so far) or a Z (closed) report' }) });
