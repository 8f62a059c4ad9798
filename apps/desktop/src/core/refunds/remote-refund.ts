import { eq } from 'drizzle-orm';
import { cashRounding, uuidv7, type SaleRefundArgs } from '@makeries/shared';
import { isoAt, type CoreContext } from '../context';
import { writeTx } from '../db/open';
import { sales } from '../db/schema/index';
import { vendorSettings } from '../catalog/vendor';
import { requirePaired } from '../device/device';
import { conflict, notFound } from '../errors';
import { enqueue } from '../outbox/outbox';
import { nextReceiptNumber } from '../sales/receipt-seq';
import type { SaleView } from '../sales/views';
import type { refundInput } from '../schemas/refund';
import { openShift, requireOpenShift } from '../shifts/store';
import { logActivity } from '../staff/activity';
import { approve, requireStaff } from '../staff/auth';
import { requireSyncProof } from '../staff/proofs';
import { loadRefund, refundArgs, refundExists, writeRefund, type PlannedLine, type RefundView } from './record';
import { planRefundLines, resolveRefundTender } from './refund-plan';
import { fetchRemoteSale, otherRegisterOffline, recordOnServer, saleViewOf, saveRemoteCopy } from './remote';
import type { RemoteSales } from './remote-gateway';

type ParsedRefund = ReturnType<typeof refundInput.parse>;

function plan(ctx: CoreContext, sale: SaleView, p: ParsedRefund, registerCode: string) {
  const planned = planRefundLines(sale, p.lines);
  const tender = resolveRefundTender(sale, p.tender);
  if (tender === 'stripe_terminal') {
    throw conflict(`Receipt ${sale.number} was paid on the card reader of register ${sale.registerCode}. Refund it to the card there, or refund in cash here.`, {
      registerCode: sale.registerCode,
    });
  }
  // a cash refund comes out of this register's drawer, so it needs this register's open shift
  const shift = tender === 'cash' ? requireOpenShift(ctx.db, registerCode) : openShift(ctx.db, registerCode);
  const totalCents = planned.reduce((s, l) => s + l.amountCents, 0);
  return { planned, tender, shift, totalCents };
}

/**
 * Refunds a sale another register of the shop made. Online only: the server records the refund first (it
 * refuses a line another register already gave back) and only then is it written here — with a copy of the
 * sale it points at — so this register's drawer, shift, reports and refund slip show it. The server's
 * recording is what stands: a retry with the same refund id gets the first one back, never a second refund.
 */
export async function refundOtherRegisterSale(
  ctx: CoreContext,
  p: ParsedRefund,
  opts: { remote: RemoteSales; recorded: ((refund: RefundView) => void) | undefined },
): Promise<RefundView> {
  const device = requirePaired(ctx.db);
  const copy = ctx.db.select({ registerCode: sales.registerCode }).from(sales).where(eq(sales.id, p.saleId)).get();
  if (!ctx.connectivity.online) {
    if (copy) throw otherRegisterOffline(copy.registerCode);
    throw notFound('That receipt was not sold at this counter. Online, a receipt of another register is found by its number.');
  }
  const sale = saleViewOf(ctx.db, await fetchRemoteSale(opts.remote, { saleId: p.saleId }, copy?.registerCode ?? null));
  plan(ctx, sale, p, device.registerCode);
  const approvedBy = await approve(ctx, p.approval, 'refund a sale');
  await requireSyncProof(ctx, approvedBy, 'Refunds');
  const staff = requireStaff(ctx);
  const { planned, tender, totalCents } = plan(ctx, sale, p, device.registerCode);
  const now = ctx.now();
  const id = p.refundId ?? uuidv7(now);
  // taken before asking the server, which needs it; a refused refund leaves its number unused
  const number = writeTx(ctx.db, () => nextReceiptNumber(ctx.db, device.registerCode)).number;
  const asked = refundArgs({ id, saleId: sale.id, number, staffId: staff.staffId, approvedBy, refundedAt: isoAt(now), p, planned, totalCents, tender });
  const { refund: r } = await recordOnServer(opts.remote, asked);
  const args: SaleRefundArgs = { ...asked, number: r.number, refundedAt: r.refundedAt, restock: r.restock, lines: r.lines, totalCents: r.totalCents, tender: r.tender };
  const byId = new Map(sale.lines.map((l) => [l.id, l]));
  const recordedLines: PlannedLine[] = r.lines.flatMap((l) => {
    const line = byId.get(l.orderLineId);
    return line ? [{ line, quantity: l.quantity, amountCents: l.amountCents }] : [];
  });
  return writeTx(ctx.db, () => {
    if (refundExists(ctx.db, id)) return loadRefund(ctx.db, id);
    const shift = r.tender === 'cash' ? requireOpenShift(ctx.db, device.registerCode) : openShift(ctx.db, device.registerCode);
    const rounding = r.tender === 'cash' ? cashRounding(r.totalCents, vendorSettings(ctx.db).cashRoundingCents).roundingCents : 0;
    // the outbox carries it too: the server ignores a refund id it has, and re-creates it after a restore
    const queued = enqueue(ctx.db, now, 'sale.refund', args);
    if (!copy) saveRemoteCopy(ctx.db, sale, queued.id);
    writeRefund(ctx.db, args, recordedLines, { shiftId: shift?.id ?? null, roundingCents: rounding, outboxId: queued.id });
    logActivity(ctx.db, now, staff.staffId, 'refund', {
      refundId: id,
      saleNumber: sale.number,
      soldAt: sale.registerCode,
      totalCents: r.totalCents,
      tender: r.tender,
      approvedBy,
    });
    const view = loadRefund(ctx.db, id);
    opts.recorded?.(view);
    return view;
  });
}
