import { asc, eq } from 'drizzle-orm';
import { AppError, uuidv7 } from '@makeries/shared';
import { isoAt, type CoreContext } from '../context';
import { writeTx } from '../db/open';
import { scanners } from '../db/schema/index';
import { conflict, notFound, parseInput } from '../errors';
import { scannerCreateInput, scannerIdInput, scannerUpdateInput, type ScannerCreateInput, type ScannerUpdateInput } from './inputs';

export type ScannerConfig = typeof scanners.$inferSelect;

export function listScanners(ctx: CoreContext): ScannerConfig[] {
  return ctx.db.select().from(scanners).orderBy(asc(scanners.name), asc(scanners.id)).all();
}

/** Two readers on one port would fight over it (the port is opened exclusively). */
function assertPathFree(ctx: CoreContext, path: string, exceptId: string | null): void {
  const other = ctx.db.select({ id: scanners.id, name: scanners.name }).from(scanners).where(eq(scanners.path, path)).get();
  if (other && other.id !== exceptId) throw conflict(`${path} is already set up as the scanner "${other.name}".`, { field: 'path' });
}

export function createScanner(ctx: CoreContext, input: ScannerCreateInput): ScannerConfig {
  const p = parseInput(scannerCreateInput, input);
  const now = ctx.now();
  return writeTx(ctx.db, () => {
    assertPathFree(ctx, p.path, null);
    const row = { id: uuidv7(now), ...p, createdAt: isoAt(now), updatedAt: isoAt(now) };
    ctx.db.insert(scanners).values(row).run();
    return row;
  });
}

export function updateScanner(ctx: CoreContext, input: ScannerUpdateInput): ScannerConfig {
  const p = parseInput(scannerUpdateInput, input);
  const now = ctx.now();
  return writeTx(ctx.db, () => {
    const current = ctx.db.select().from(scanners).where(eq(scanners.id, p.id)).get();
    if (!current) throw notFound('That scanner is not set up on this counter (any more).');
    const next: ScannerConfig = {
      ...current,
      name: p.name ?? current.name,
      path: p.path ?? current.path,
      baudRate: p.baudRate ?? current.baudRate,
      prefix: p.prefix ?? current.prefix,
      suffix: p.suffix ?? current.suffix,
      enabled: p.enabled ?? current.enabled,
      updatedAt: isoAt(now),
    };
    if (next.prefix && next.prefix.includes(next.suffix)) {
      throw new AppError('BAD_INPUT', 'The prefix cannot contain the suffix: every code would end before it starts.', {
        issues: [{ path: 'prefix', message: 'Contains the suffix' }],
      });
    }
    assertPathFree(ctx, next.path, current.id);
    ctx.db.update(scanners).set(next).where(eq(scanners.id, current.id)).run();
    return next;
  });
}

export function removeScanner(ctx: CoreContext, input: { id: string }): void {
  const p = parseInput(scannerIdInput, input);
  writeTx(ctx.db, () => {
    const gone = ctx.db.delete(scanners).where(eq(scanners.id, p.id)).run();
    if (gone.changes === 0) throw notFound('That scanner is not set up on this counter (any more).');
  });
}
