import { AppError, formatMoney, type AdminDisputeView, type AdminOrderDetail, type AdminTimelineEvent } from '@makeries/shared';
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { customers, emailOutbox, orderEvents, orderLines, orders, paymentRefunds, paymentTransfers, vendors } from '../../db/schema/index';
import type { Env } from '../../env';
import type { PaymentRow } from '../payments/payment-rows';
import { orderCardPayment } from './card-payment';
import { disputesOfPayment } from './disputes';
import { refundableCents, refundedByLine } from './refund';
import { orderRow } from './search';

type Money = (cents: number) => string;
type Ev = Omit<AdminTimelineEvent, 'at'> & { at: Date };

const ev = (at: Date, kind: AdminTimelineEvent['kind'], title: string, detail = '', amountCents: number | null = null): Ev => ({ at, kind, title, detail, amountCents });

function paymentEvents(p: PaymentRow, money: Money): Ev[] {
  const what = p.kind === 'terminal' ? 'Card payment at the counter' : 'Card payment online';
  const out = [ev(p.createdAt, 'payment', `${what} started`, p.stripePaymentIntentId ?? '', p.amountCents)];
  if (p.lastFailedAt) out.push(ev(p.lastFailedAt, 'payment', 'Card declined', p.failureMessage ?? ''));
  if (p.succeededAt) {
    out.push(ev(p.succeededAt, 'payment', `Paid ${money(p.amountCents)} by card`, [p.stripePaymentIntentId, p.stripeChargeId].filter(Boolean).join(' · '), p.amountCents));
  }
  return out;
}

function disputeEvents(d: AdminDisputeView, money: Money): Ev[] {
  const out = [ev(new Date(d.openedAt), 'dispute', `Dispute opened: ${d.reason.replace(/_/g, ' ')}`, `${d.id} · ${d.status.replace(/_/g, ' ')}`, d.amountCents)];
  if (d.fundsWithdrawnAt) out.push(ev(new Date(d.fundsWithdrawnAt), 'dispute', `Dispute: ${money(d.amountCents)} withdrawn from the platform`, d.id, d.amountCents));
  if (d.fundsReinstatedAt) out.push(ev(new Date(d.fundsReinstatedAt), 'dispute', 'Dispute: funds reinstated', d.id, d.amountCents));
  if (d.closedAt) out.push(ev(new Date(d.closedAt), 'dispute', `Dispute closed: ${(d.outcome ?? d.status).replace(/_/g, ' ')}`, d.id));
  return out;
}

/** An order as the operator sees it: what was sold, the card money, and everything that happened, oldest first. */
export async function orderDetail(db: DbOrTx, env: Env, orderId: string): Promise<AdminOrderDetail> {
  const [found] = await db
    .select({ o: orders, shop: { id: vendors.id, name: vendors.name, slug: vendors.slug }, accountEmail: customers.email, accountName: customers.name })
    .from(orders)
    .innerJoin(vendors, eq(vendors.id, orders.vendorId))
    .leftJoin(customers, eq(customers.id, orders.customerId))
    .where(eq(orders.id, orderId));
  if (!found) throw new AppError('NOT_FOUND', 'There is no such order.');
  const o = found.o;
  const money: Money = (c) => formatMoney(c, o.currency, env.MARKET_LOCALE);
  const [lines, statusRows, payment, [transfer], refunds, emails, byLine] = await Promise.all([
    db.select().from(orderLines).where(eq(orderLines.orderId, o.id)).orderBy(asc(orderLines.lineNo)),
    db.select().from(orderEvents).where(eq(orderEvents.orderId, o.id)).orderBy(asc(orderEvents.createdAt)),
    orderCardPayment(db, o),
    db.select().from(paymentTransfers).where(eq(paymentTransfers.orderId, o.id)),
    db.select().from(paymentRefunds).where(eq(paymentRefunds.orderId, o.id)).orderBy(asc(paymentRefunds.createdAt)),
    db.select().from(emailOutbox).where(eq(emailOutbox.orderId, o.id)).orderBy(asc(emailOutbox.createdAt)),
    refundedByLine(db, o.id),
  ]);
  const disputes = payment ? await disputesOfPayment(db, payment.id) : [];

  // the order's own clock (placed_at) and the database's (now() at the transaction's start) can differ by moments:
  // the placing stays first whatever the milliseconds say
  const placed = ev(o.placedAt, 'status', `Order placed (${o.channel === 'web' ? 'online' : 'at the counter'})`, '', o.totalCents);
  const events: Ev[] = [];
  for (const s of statusRows) {
    if (s.fromStatus === null && s.toStatus === 'placed') continue;
    const title = s.toStatus.charAt(0).toUpperCase() + s.toStatus.slice(1).replace(/_/g, ' ');
    events.push(ev(s.createdAt, 'status', title, [s.fromStatus ? `was ${s.fromStatus.replace(/_/g, ' ')}` : '', `by ${s.actorKind}`, s.reason].filter(Boolean).join(' · ')));
  }
  if (payment) events.push(...paymentEvents(payment, money));
  if (transfer?.paidAt) {
    events.push(ev(transfer.paidAt, 'transfer', `Transferred ${money(transfer.amountCents)} to the shop`, `${transfer.stripeTransferId ?? ''} · fee ${money(transfer.feeCents)}`, transfer.amountCents));
  }
  for (const r of refunds) {
    const by = r.operatorId ? `by the marketplace · ${r.reason ?? ''}` : r.id.startsWith('order-') ? 'order rejected or cancelled' : 'by the shop';
    events.push(ev(r.succeededAt ?? r.createdAt, 'refund', `Refund ${money(r.amountCents)} ${r.status === 'succeeded' ? 'to the card' : `(${r.status})`}`, by, r.amountCents));
    if (r.reversedAt && r.reversedCents > 0) {
      events.push(ev(r.reversedAt, 'reversal', `Took back ${money(r.reversedCents)} from the shop's transfer`, r.stripeReversalId ?? '', r.reversedCents));
    }
  }
  for (const e of emails) {
    const state = e.status === 'sent' ? 'sent' : e.status === 'failed' ? 'failed' : 'queued';
    events.push(ev(e.sentAt ?? e.createdAt, 'email', `Email ${state}: ${e.subject}`, `to ${e.to}`));
  }
  for (const d of disputes) events.push(...disputeEvents(d, money));
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  events.unshift(placed);

  const left = await refundableCents(db, o, payment);
  return {
    order: {
      ...orderRow(o, found.shop, { email: found.accountEmail, name: found.accountName }),
      fulfilment: o.fulfilment,
      statusReason: o.statusReason,
      subtotalCents: o.subtotalCents,
      deliveryFeeCents: o.deliveryFeeCents,
      taxCents: o.taxCents,
    },
    lines: lines.map((l) => ({
      id: l.id,
      lineNo: l.lineNo,
      name: l.name,
      variantName: l.variantName,
      quantity: l.quantity,
      soldBy: l.soldBy,
      totalCents: l.totalCents,
      refundedQuantity: byLine.get(l.id)?.quantity ?? 0,
      refundedCents: byLine.get(l.id)?.cents ?? 0,
    })),
    payment: payment
      ? { kind: payment.kind, status: payment.status, intentId: payment.stripePaymentIntentId, chargeId: payment.stripeChargeId, amountCents: payment.amountCents }
      : null,
    transfer: transfer
      ? { status: transfer.status, amountCents: transfer.amountCents, reversedCents: transfer.reversedCents, transferId: transfer.stripeTransferId, destination: transfer.destination }
      : null,
    refundableCents: left,
    refundFromTransfer: payment?.kind === 'terminal' || transfer?.status === 'paid',
    timeline: events.map((e) => ({ ...e, at: e.at.toISOString() })),
    disputes,
  };
}
