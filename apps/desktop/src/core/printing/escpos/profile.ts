import { z } from 'zod';
import { parseInput } from '../../errors';

/** What a print job needs to know about the printer (the `printers` row carries the same three settings). */
export type PrinterProfile = { paperWidth: 58 | 80; commandSet: 'epson' | 'star'; codePage: string };

const printerProfileSchema = z.object({
  paperWidth: z.union([z.literal(58), z.literal(80)], { error: 'Receipt paper is 58 or 80 mm wide' }),
  commandSet: z.enum(['epson', 'star'], { error: 'The printer command set is epson or star' }),
  codePage: z.string().trim().min(1, 'Choose the printer code page, e.g. PC858_EURO').max(40),
});

export function parseProfile(profile: PrinterProfile): PrinterProfile {
  return parseInput(printerProfileSchema, profile);
}
