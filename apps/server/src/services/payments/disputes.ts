import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Db, Tx } from '../../db/client';
import { disputes, payments } from '../../db/schema/index';
import type { Env } from '../../env';
import { ordersOfPayment } from '../admin-orders/card-payment';
import { queueDisputeEmail } from '../admin-orders/emails';

/** Stripe's dispute statuses still waiting on someone; the others (won, lost, warning_closed) are final. */
const OPEN = new Set(['warning_needs_response', 'warning_under_review', 'needs_response', 'under_review']);
/** within one second, which status is further along (events of the same second carry no order of their own) */
const RANK: Record<string, number> = { warning_needs_response: 0, needs_response: 0, warning_under_review: 1, under_review: 1 };
const rank = (status: string) => RANK[status] ?? 2;

const idOf = (x: string | { id: string } | null | undefined) => (typeof x === 'string' ? x : (x?.id ?? null));
const at = (seconds: number) => new Date(seconds * 1000);

async function paymentOf(tx: Tx, dispute: Stripe.Dispute) {
  const intentId = idOf(dispute.payment_intent);
  if (intentId) {
    const [p] = await tx.select().from(payments).where(eq(payments.stripePaymentIntentId, intentId)).limit(1);
    if (p) return p;
  }
  const chargeId = idOf(dispute.charge);
  const [p] = chargeId ? await tx.select().from(payments).where(eq(payments.stripeChargeId, chargeId)).limit(1) : [];
  return p;
}

/** Should the stored state give way to this event's snapshot? Newer wins; a closed dispute never reopens. */
function newer(stored: { lastEventCreated: number; status: string; open: boolean }, created: number, status: string): boolean {
  if (!stored.open && OPEN.has(status)) return false;
  if (created !== stored.lastEventCreated) return created > stored.lastEventCreated;
  return rank(status) >= rank(stored.status);
}

/**
 * Applies one `charge.dispute.*` event (from the stored-event job). The dispute row is created by whichever of its
 * events arrives first; after that a snapshot only replaces the row when it is newer (Stripe's `created`, then how
 * far along the status is), so late or replayed events never undo newer state. Funds withdrawn / reinstated are
 * facts kept whatever the order. The shops whose orders the charge paid are emailed when the dispute is first seen.
 */
export async function applyDisputeEvent(db: Db, env: Env, event: Stripe.Event): Promise<void> {
  const dispute = event.data.object as Stripe.Dispute;
  const status = dispute.status;
  const open = OPEN.has(status);
  const dueBy = dispute.evidence_details.due_by ? at(dispute.evidence_details.due_by) : null;
  const snapshot = {
    amountCents: dispute.amount,
    currency: dispute.currency.toUpperCase(),
    reason: dispute.reason,
    status,
    open,
    evidenceDueBy: dueBy,
    outcome: open ? null : status,
    closedAt: open ? null : at(event.created),
    lastEventCreated: event.created,
  };
  const withdrawn = event.type === 'charge.dispute.funds_withdrawn' ? at(event.created) : null;
  const reinstated = event.type === 'charge.dispute.funds_reinstated' ? at(event.created) : null;
  await db.transaction(async (tx) => {
    const payment = await paymentOf(tx, dispute);
    const inserted = await tx
      .insert(disputes)
      .values({
        id: dispute.id,
        paymentId: payment?.id ?? null,
        chargeId: idOf(dispute.charge) ?? '',
        paymentIntentId: idOf(dispute.payment_intent),
        openedAt: at(dispute.created),
        fundsWithdrawnAt: withdrawn,
        fundsReinstatedAt: reinstated,
        ...snapshot,
      })
      .onConflictDoNothing()
      .returning({ id: disputes.id });
    if (inserted.length > 0) {
      if (!payment) return;
      for (const order of await ordersOfPayment(tx, payment)) {
        await queueDisputeEmail(tx, env, order.id, { disputeId: dispute.id, amountCents: dispute.amount, currency: dispute.currency, reason: dispute.reason, evidenceDueBy: dueBy });
      }
      return;
    }
    const [stored] = await tx.select().from(disputes).where(eq(disputes.id, dispute.id)).for('update');
    if (!stored) return;
    await tx
      .update(disputes)
      .set({
        ...(newer(stored, event.created, status) ? snapshot : {}),
        fundsWithdrawnAt: stored.fundsWithdrawnAt ?? withdrawn,
        fundsReinstatedAt: stored.fundsReinstatedAt ?? reinstated,
        paymentId: stored.paymentId ?? payment?.id ?? null,
        updatedAt: new Date(),
      })
      .where(eq(disputes.id, dispute.id));
  });
}
