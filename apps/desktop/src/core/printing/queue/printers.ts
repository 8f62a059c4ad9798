import { asc, eq, inArray, sql } from 'drizzle-orm';
import { AppError, uuidv7 } from '@makeries/shared';
import { nowIso, type CoreContext } from '../../context';
import { writeTx } from '../../db/open';
import { printers, printJobs } from '../../db/schema/index';
import { conflict, notFound, parseInput } from '../../errors';
import { canonicalCodePage, SUPPORTED_CODE_PAGES } from '../escpos/index';
import { formatTransport, parseTransport } from '../transports/index';
import { addPrinterInput, printerIdInput, updatePrinterInput, type AddPrinterInput, type UpdatePrinterInput } from './inputs';

export type PrinterRow = typeof printers.$inferSelect;

/** The stored, canonical spelling of a connection URL; BAD_INPUT (naming the field) when it is not one. */
function canonicalTransport(url: string): string {
  return formatTransport(parseTransport(url));
}

/** "pc850", "CP1252", "1252" → the table name the renderer knows; BAD_INPUT listing the choices otherwise. */
function supportedCodePage(codePage: string): string {
  const name = canonicalCodePage(codePage);
  if (name) return name;
  const message = `The printer code page "${codePage}" is not one this counter can print with. Choose one of ${SUPPORTED_CODE_PAGES.join(', ')}.`;
  throw new AppError('BAD_INPUT', message, { issues: [{ path: 'codePage', message }] });
}

export function printerById(ctx: CoreContext, printerId: string): PrinterRow | undefined {
  return ctx.db.select().from(printers).where(eq(printers.id, printerId)).get();
}

export function requirePrinter(ctx: CoreContext, printerId: string): PrinterRow {
  const p = printerById(ctx, printerId);
  if (!p) throw notFound('That printer is not set up on this counter (it may have been removed).');
  return p;
}

export function listPrinters(ctx: CoreContext): PrinterRow[] {
  return ctx.db.select().from(printers).orderBy(asc(printers.createdAt), asc(printers.id)).all();
}

/** The printer a kind of job goes to: the oldest enabled one of that role (kitchen falls back to receipts). */
export function printerFor(ctx: CoreContext, need: 'receipt' | 'kitchen' | 'drawer'): PrinterRow | undefined {
  const enabled = listPrinters(ctx).filter((p) => p.enabled);
  if (need === 'drawer') return enabled.find((p) => p.role === 'receipt' && p.hasDrawer) ?? enabled.find((p) => p.hasDrawer);
  if (need === 'kitchen') return enabled.find((p) => p.role === 'kitchen') ?? enabled.find((p) => p.role === 'receipt');
  return enabled.find((p) => p.role === 'receipt');
}

function nameTaken(ctx: CoreContext, name: string, except?: string): boolean {
  return listPrinters(ctx).some((p) => p.id !== except && p.name.toLowerCase() === name.toLowerCase());
}

/** Printer settings: validated as a whole, so a bad field writes nothing. Managers only (checked by callers). */
export function createPrinterStore(ctx: CoreContext) {
  return {
    list: () => listPrinters(ctx),

    add(input: AddPrinterInput): PrinterRow {
      const p = parseInput(addPrinterInput, input);
      const transport = canonicalTransport(p.transport);
      const codePage = supportedCodePage(p.codePage);
      return writeTx(ctx.db, () => {
        if (nameTaken(ctx, p.name)) throw conflict(`There is already a printer called "${p.name}". Choose another name.`);
        const at = nowIso(ctx);
        const id = uuidv7(ctx.now());
        ctx.db.insert(printers).values({ ...p, id, transport, codePage, createdAt: at, updatedAt: at }).run();
        return requirePrinter(ctx, id);
      });
    },

    update(input: UpdatePrinterInput): PrinterRow {
      const { printerId, ...patch } = parseInput(updatePrinterInput, input);
      const transport = patch.transport === undefined ? undefined : canonicalTransport(patch.transport);
      const codePage = patch.codePage === undefined ? undefined : supportedCodePage(patch.codePage);
      return writeTx(ctx.db, () => {
        requirePrinter(ctx, printerId);
        if (patch.name !== undefined && nameTaken(ctx, patch.name, printerId)) {
          throw conflict(`There is already a printer called "${patch.name}". Choose another name.`);
        }
        const values = { ...patch, ...(transport === undefined ? {} : { transport }), ...(codePage === undefined ? {} : { codePage }), updatedAt: nowIso(ctx) };
        ctx.db.update(printers).set(values).where(eq(printers.id, printerId)).run();
        return requirePrinter(ctx, printerId);
      });
    },

    /**
     * Removes a printer and its finished job history. Refused while jobs still wait for it, so a receipt is
     * never dropped by accident: let them print, or cancel them first.
     */
    remove(input: { printerId: string }): { removed: true } {
      const { printerId } = parseInput(printerIdInput, input);
      return writeTx(ctx.db, () => {
        const printer = requirePrinter(ctx, printerId);
        const waiting = ctx.db
          .select({ n: sql<number>`count(*)` })
          .from(printJobs)
          .where(sql`${printJobs.printerId} = ${printerId} AND ${inArray(printJobs.state, ['queued', 'printing', 'failed'])}`)
          .get();
        const n = waiting?.n ?? 0;
        if (n > 0) {
          throw conflict(`"${printer.name}" still has ${n} job${n === 1 ? '' : 's'} waiting. Let them print or cancel them, then remove the printer.`, { waiting: n });
        }
        ctx.db.delete(printJobs).where(eq(printJobs.printerId, printerId)).run();
        ctx.db.delete(printers).where(eq(printers.id, printerId)).run();
        return { removed: true as const };
      });
    },
  };
}
