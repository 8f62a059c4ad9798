import { asc, eq, sql } from 'drizzle-orm';
import { preparedFor } from '../db/prepared';
import { carts, refundLines, refunds, saleLines, salePayments, sales, stockMovements } from '../db/schema/index';

const p = (name: string) => sql.placeholder(name);

type Placeholder = ReturnType<typeof sql.placeholder>;

/** `{ col: sql.placeholder('col') }` for each column, so run() takes the row object itself. */
function placeholders<K extends string>(keys: readonly K[]): Record<K, Placeholder> {
  const out = {} as Record<K, Placeholder>;
  for (const k of keys) out[k] = sql.placeholder(k);
  return out;
}

const SALE_COLS = [
  'id', 'number', 'registerCode', 'seq', 'cartId', 'shiftId', 'staffId', 'customerId', 'currency', 'taxMode', 'subtotalCents',
  'discountCents', 'taxCents', 'roundingCents', 'totalCents', 'note', 'completedAt', 'outboxId',
] as const;
const LINE_COLS = [
  'id', 'saleId', 'lineNo', 'productId', 'variantId', 'name', 'variantName', 'sku', 'quantity', 'soldBy', 'unitPriceCents',
  'taxRateBps', 'discountCents', 'taxCents', 'totalCents', 'trackStock', 'note',
] as const;
const PAYMENT_COLS = ['id', 'saleId', 'kind', 'amountCents', 'tenderedCents', 'changeCents', 'reference'] as const;
const MOVEMENT_COLS = ['id', 'variantId', 'kind', 'quantity', 'occurredAt', 'referenceId', 'staffId', 'note', 'outboxId'] as const;

/** Prepared statements for the sale path, which has a 25 ms p99 budget including fsync (DESIGN §9). */
export const saleQueries = preparedFor((db) => ({
  insertSale: db.insert(sales).values(placeholders(SALE_COLS)).prepare(),
  insertLine: db.insert(saleLines).values(placeholders(LINE_COLS)).prepare(),
  insertPayment: db.insert(salePayments).values(placeholders(PAYMENT_COLS)).prepare(),
  insertMovement: db.insert(stockMovements).values(placeholders(MOVEMENT_COLS)).prepare(),
  completeCart: db
    .update(carts)
    .set({ status: 'completed', updatedAt: sql`${p('at')}` })
    .where(eq(carts.id, p('id')))
    .prepare(),
  saleById: db.select().from(sales).where(eq(sales.id, p('id'))).prepare(),
  saleByNumber: db.select().from(sales).where(eq(sales.number, p('number'))).prepare(),
  linesOf: db.select().from(saleLines).where(eq(saleLines.saleId, p('saleId'))).orderBy(asc(saleLines.lineNo)).prepare(),
  paymentsOf: db.select().from(salePayments).where(eq(salePayments.saleId, p('saleId'))).orderBy(asc(salePayments.id)).prepare(),
  refundedByLine: db
    .select({
      saleLineId: refundLines.saleLineId,
      quantity: sql<number>`sum(${refundLines.quantity})`,
      cents: sql<number>`sum(${refundLines.amountCents})`,
    })
    .from(refundLines)
    .innerJoin(refunds, eq(refunds.id, refundLines.refundId))
    .where(eq(refunds.saleId, p('saleId')))
    .groupBy(refundLines.saleLineId)
    .prepare(),
  refundedTotal: db
    .select({ n: sql<number>`coalesce(sum(${refunds.totalCents}), 0)` })
    .from(refunds)
    .where(eq(refunds.saleId, p('saleId')))
    .prepare(),
}));
