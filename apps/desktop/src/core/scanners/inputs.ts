import { centsSchema, nonEmpty, skuSchema, taxClassSchema, text, uuidSchema } from '@makeries/shared';
import { z } from 'zod';
import { approvalInput } from '../schemas/staff';

/** Rates serial barcode scanners ship with; anything else is a typo in the settings form. */
const STANDARD_BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200] as const;

const baudRate = z
  .number()
  .int()
  .refine((b) => (STANDARD_BAUD_RATES as readonly number[]).includes(b), `Pick one of ${STANDARD_BAUD_RATES.join(', ')} baud`);
const path = text({ min: 1, minMessage: 'Enter the port, e.g. /dev/ttyACM0 or COM3', max: 200, maxMessage: 'Port paths are at most 200 characters', label: 'Port paths' });
/** what the scanner sends around each code: at most 4 characters, usually control characters like CR or STX */
const prefix = z.string().max(4, 'A prefix is at most 4 characters');
const suffix = z.string().min(1, 'A suffix ends each code: CR (\\r) for most scanners').max(4, 'A suffix is at most 4 characters');

const affixesApart = (v: { prefix?: string | undefined; suffix?: string | undefined }) =>
  !(v.prefix && v.suffix && v.prefix.includes(v.suffix));
const affixMessage = { message: 'The prefix cannot contain the suffix: every code would end before it starts', path: ['prefix'] };

export const scannerCreateInput = z
  .object({
    name: nonEmpty(60, { label: 'Names' }),
    path,
    baudRate: baudRate.default(9600),
    prefix: prefix.default(''),
    suffix: suffix.default('\r'),
    enabled: z.boolean().default(true),
  })
  .refine(affixesApart, affixMessage);
export type ScannerCreateInput = z.input<typeof scannerCreateInput>;

export const scannerUpdateInput = z
  .object({
    id: uuidSchema,
    name: nonEmpty(60, { label: 'Names' }).optional(),
    path: path.optional(),
    baudRate: baudRate.optional(),
    prefix: prefix.optional(),
    suffix: suffix.optional(),
    enabled: z.boolean().optional(),
  })
  .refine(affixesApart, affixMessage);
export type ScannerUpdateInput = z.input<typeof scannerUpdateInput>;

export const scannerIdInput = z.object({ id: uuidSchema });

export const scanCodeInput = z.object({ code: text({ min: 1, minMessage: 'Scan or type a barcode', max: 64, maxMessage: 'Codes are at most 64 characters', label: 'Barcodes' }) });

/** What staff type for a barcode the catalog does not know; the code itself decides barcode vs SKU. */
export const quickAddInput = z.object({
  code: text({ min: 1, minMessage: 'Scan the barcode to add', max: 64, maxMessage: 'Codes are at most 64 characters', label: 'Barcodes' }),
  name: nonEmpty(120, { label: 'Names' }),
  priceCents: centsSchema.min(1, 'Enter the price'),
  taxClass: taxClassSchema,
  categoryId: uuidSchema.nullable().default(null),
  /** only for retail barcodes; by default the SKU is the code as scanned */
  sku: skuSchema.optional(),
  trackStock: z.boolean().default(true),
  /** put one in the open sale straight away (the customer is waiting) */
  addToCart: z.boolean().default(true),
  /** a manager's PIN when a cashier is signed in */
  approval: approvalInput.optional(),
});
export type QuickAddInput = z.input<typeof quickAddInput>;
