import { AppError, uuidv7, type ErrorCode, type ProductCreateInput } from '@makeries/shared';
import { TRPCError } from '@trpc/server';
import { sql } from 'drizzle-orm';
import { ZodError } from 'zod';
import { queryRows, type DbOrTx } from '../../db/client';
import { devices } from '../../db/schema/index';
import { hashToken, newToken } from '../tokens';

/** Test helper: the error a caller sees, as our ErrorCode (the same mapping the tRPC error formatter uses). */
export async function errorOf(p: Promise<unknown>): Promise<{ code: ErrorCode | TRPCError['code']; message: string; details?: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCError) {
      if (e.cause instanceof AppError) return { code: e.cause.code, message: e.cause.message, details: e.cause.details };
      if (e.cause instanceof ZodError) return { code: 'BAD_INPUT', message: e.cause.message };
      return { code: e.code, message: e.message };
    }
    if (e instanceof AppError) return { code: e.code, message: e.message, details: e.details };
    throw e;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Test helper: row counts of catalog tables, to prove a rejected write changed nothing. */
export async function countRows(db: DbOrTx, tables: readonly string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) {
    const [row] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${sql.identifier(t)}`);
    out[t] = row?.n ?? 0;
  }
  return out;
}

let skuSeq = 0;

/** Test helper: a valid product input with unique SKUs (no barcodes unless given). */
export function productInput(overrides: Partial<ProductCreateInput> = {}): ProductCreateInput {
  skuSeq++;
  return {
    name: `Sourdough Loaf ${skuSeq}`,
    description: 'Slow-fermented',
    categoryId: null,
    dietaryTags: [],
    onlineVisible: true,
    variants: [
      {
        name: 'Default',
        sku: `SKU-${skuSeq}-A`,
        barcode: null,
        priceCents: 450,
        taxClass: 'standard',
        soldBy: 'each',
        trackStock: true,
        lowStockThreshold: 0,
        sort: 0,
      },
    ],
    ...overrides,
  };
}

/** Test helper: a paired counter of the vendor; returns its bearer token. */
export async function createDeviceToken(db: DbOrTx, vendorId: string): Promise<string> {
  const token = newToken();
  const id = uuidv7();
  await db.insert(devices).values({ id, vendorId, name: 'Counter', registerCode: `R${id.slice(-4)}`, tokenHash: hashToken(token) });
  return token;
}
