import { desc, eq } from 'drizzle-orm';
import { minorUnitDigits, parseReceiptNumber, formatReceiptNumber } from '@makeries/shared';
import type { CoreContext } from '../context';
import { sales } from '../db/schema/index';
import { vendorSettings } from '../catalog/vendor';
import { notFound, parseInput } from '../errors';
import { recentSalesInput, saleIdInput, saleLookupInput, type CompleteSaleInput } from '../schemas/sale';
import { requireStaff } from '../staff/auth';
import { completeSale } from './complete-sale';
import { quickCashAmounts } from './tender';
import { loadSale, type SaleView } from './views';

export interface TenderOption {
  kind: 'cash' | 'external_card' | 'stripe_terminal';
  available: boolean;
  /** why it is unavailable, for the button's tooltip */
  reason?: string;
}

export function createSalesModule(ctx: CoreContext) {
  return {
    complete: (input: CompleteSaleInput): SaleView => completeSale(ctx, input),

    /** Card via Stripe is shown as unavailable offline, never silently attempted (DESIGN §5). */
    tenderOptions(): TenderOption[] {
      return [
        { kind: 'cash', available: true },
        { kind: 'external_card', available: true },
        ctx.connectivity.online
          ? { kind: 'stripe_terminal', available: true }
          : { kind: 'stripe_terminal', available: false, reason: 'Offline: card payments through Stripe need a connection.' },
      ];
    },

    quickCash(dueCents: number): number[] {
      return quickCashAmounts(dueCents, minorUnitDigits(vendorSettings(ctx.db).currency));
    },

    byId(input: { saleId: string }): SaleView {
      const p = parseInput(saleIdInput, input);
      requireStaff(ctx);
      const sale = ctx.db.select().from(sales).where(eq(sales.id, p.saleId)).get();
      if (!sale) throw notFound('No sale with that id at this counter.');
      return loadSale(ctx.db, sale);
    },

    /** Finds a receipt by its printed/scanned number ("A1-000042", or "a1-42" typed by hand). */
    byNumber(input: { number: string }): SaleView {
      const p = parseInput(saleLookupInput, input);
      requireStaff(ctx);
      const parsed = parseReceiptNumber(p.number);
      if (!parsed) throw notFound(`"${p.number}" is not a receipt number like A1-000042.`);
      const number = formatReceiptNumber(parsed.registerCode, parsed.sequence);
      const sale = ctx.db.select().from(sales).where(eq(sales.number, number)).get();
      if (!sale) throw notFound(`Receipt ${number} was not sold at this counter.`);
      return loadSale(ctx.db, sale);
    },

    recent(input?: { limit?: number }): SaleView[] {
      const p = parseInput(recentSalesInput, input);
      requireStaff(ctx);
      return ctx.db
        .select()
        .from(sales)
        .orderBy(desc(sales.completedAt), desc(sales.id))
        .limit(p.limit)
        .all()
        .map((s) => loadSale(ctx.db, s));
    },
  };
}

export type SalesModule = ReturnType<typeof createSalesModule>;
