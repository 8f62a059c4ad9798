import { inArray } from 'drizzle-orm';
import { AppError, formatReceiptNumber, parseReceiptNumber, type CounterRefundRecord, type CounterSaleRecord, type SaleRefundArgs } from '@makeries/shared';
import type { CoreContext } from '../context';
import type { CounterDb } from '../db/open';
import { mirrorVariants, saleLines, salePayments, sales } from '../db/schema/index';
import { readDevice } from '../device/device';
import { conflict, notFound } from '../errors';
import { loadSale, saleByNumber, type SaleView } from '../sales/views';
import { isUnreachable, type RemoteSales } from './remote-gateway';

/*
 * Receipts of the other registers of the shop. The server is the arbiter of what has been refunded of them
 * (every register's refunds meet there), so they are refunded only online, synchronously, before any money
 * is handed over. Offline, staff are told why and where the refund can be made instead.
 */

/** What staff are told when a receipt of another register comes back while this one is offline. */
export function otherRegisterOffline(registerCode: string | null): AppError {
  const where = registerCode ? `register ${registerCode}` : 'another register';
  return conflict(`This sale was made on ${where}. Connect to the internet to refund it here, or refund it at ${where}.`, {
    offline: true,
    registerCode,
  });
}

function trackedVariants(db: CounterDb, ids: string[]): Set<string> {
  if (ids.length === 0) return new Set();
  const rows = db.select({ id: mirrorVariants.id, track: mirrorVariants.trackStock }).from(mirrorVariants).where(inArray(mirrorVariants.id, ids)).all();
  return new Set(rows.filter((r) => r.track).map((r) => r.id));
}

/** The server's record as the counter's SaleView: what the refund dialog shows and the refund plan works on. */
export function saleViewOf(db: CounterDb, r: CounterSaleRecord): SaleView {
  const tracked = trackedVariants(db, r.lines.flatMap((l) => (l.variantId ? [l.variantId] : [])));
  const refundedCents = r.lines.reduce((s, l) => s + l.refundedCents, 0);
  return {
    id: r.id,
    number: r.number,
    registerCode: r.registerCode,
    seq: parseReceiptNumber(r.number)?.sequence ?? 0,
    cartId: r.id,
    shiftId: null,
    staffId: r.staffId ?? '',
    customerId: r.customerId,
    currency: r.currency,
    taxMode: r.taxMode,
    subtotalCents: r.subtotalCents,
    discountCents: r.discountCents,
    taxCents: r.taxCents,
    roundingCents: r.roundingCents,
    totalCents: r.totalCents,
    note: r.note,
    completedAt: r.completedAt,
    remote: true,
    lines: r.lines.map((l) => ({ ...l, trackStock: l.variantId !== null && tracked.has(l.variantId), note: '' })),
    payments: r.payments.map((p) => ({ ...p, saleId: r.id })),
    paidCents: r.totalCents + r.roundingCents,
    changeCents: r.payments.reduce((s, p) => s + p.changeCents, 0),
    refundedCents,
    syncStatus: 'applied',
  };
}

/** Asks the server; no answer reads as being offline. */
export async function fetchRemoteSale(remote: RemoteSales, by: { number: string } | { saleId: string }, registerCode: string | null): Promise<CounterSaleRecord> {
  try {
    return await remote.find(by);
  } catch (e) {
    if (isUnreachable(e)) throw otherRegisterOffline(registerCode);
    throw e;
  }
}

/** This register's own sale, with what other registers refunded of it (when the server can be asked). */
async function withServerRefunds(ctx: CoreContext, remote: RemoteSales, sale: SaleView): Promise<SaleView> {
  if (!ctx.connectivity.online || sale.syncStatus !== 'applied') return sale;
  let record: CounterSaleRecord;
  try {
    record = await remote.find({ saleId: sale.id });
  } catch {
    return sale; // the local view is what an offline refund works from anyway
  }
  const server = new Map(record.lines.map((l) => [l.id, l]));
  const lines = sale.lines.map((l) => {
    const s = server.get(l.id);
    return s && s.refundedQuantity > l.refundedQuantity ? { ...l, refundedQuantity: s.refundedQuantity, refundedCents: s.refundedCents } : l;
  });
  return { ...sale, lines, refundedCents: Math.max(sale.refundedCents, lines.reduce((s, l) => s + l.refundedCents, 0)) };
}

/**
 * A receipt brought back for a refund, by its printed, typed or scanned number: this register's own sale from
 * the local database (offline too), any other register's from the server (online only).
 */
export async function findForRefund(ctx: CoreContext, remote: RemoteSales, raw: string): Promise<SaleView> {
  const parsed = parseReceiptNumber(raw);
  if (!parsed) throw notFound(`"${raw.trim()}" is not a receipt number like A1-000042.`);
  const number = formatReceiptNumber(parsed.registerCode, parsed.sequence);
  const row = saleByNumber(ctx.db, number);
  if (row && !row.remote) return withServerRefunds(ctx, remote, loadSale(ctx.db, row));
  const here = readDevice(ctx.db).registerCode;
  if (parsed.registerCode === here) throw notFound(`Receipt ${number} was not sold at this counter.`);
  if (!ctx.connectivity.online) throw otherRegisterOffline(parsed.registerCode);
  return saleViewOf(ctx.db, await fetchRemoteSale(remote, { number }, parsed.registerCode));
}

/** Asks the server to record the refund now; a refusal says the line went back at another register. */
export async function recordOnServer(remote: RemoteSales, args: SaleRefundArgs): Promise<CounterRefundRecord> {
  try {
    return await remote.refund(args);
  } catch (e) {
    if (isUnreachable(e)) {
      throw conflict('No answer from the marketplace, so this refund may not be recorded yet. Give no money back yet: try again (it will not be refunded twice).', {
        unreachable: true,
        refundId: args.id,
      });
    }
    // the server's over-refund refusal names the line and what is left of it
    if (e instanceof AppError && e.code === 'CONFLICT' && e.details?.quantityLeft !== undefined) {
      throw new AppError('CONFLICT', `Already refunded, here or at another register: ${e.message} Give no money back for it.`, {
        details: { ...e.details, alreadyRefunded: true },
      });
    }
    throw e;
  }
}

/** The copy of another register's sale that this register's refund of it points at (immutable, like every sale). */
export function saveRemoteCopy(db: CounterDb, sale: SaleView, outboxId: string): void {
  db.insert(sales)
    .values({
      id: sale.id,
      number: sale.number,
      registerCode: sale.registerCode,
      seq: sale.seq,
      cartId: sale.cartId,
      shiftId: null,
      staffId: sale.staffId,
      customerId: sale.customerId,
      currency: sale.currency,
      taxMode: sale.taxMode,
      subtotalCents: sale.subtotalCents,
      discountCents: sale.discountCents,
      taxCents: sale.taxCents,
      roundingCents: sale.roundingCents,
      totalCents: sale.totalCents,
      note: sale.note,
      completedAt: sale.completedAt,
      outboxId,
      remote: true,
    })
    .run();
  for (const { refundedQuantity: _q, refundedCents: _c, ...l } of sale.lines) db.insert(saleLines).values({ ...l, saleId: sale.id }).run();
  for (const p of sale.payments) db.insert(salePayments).values(p).run();
}
