import { uuidv7 } from '@makeries/shared';
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { emailOutbox, staff, vendors } from '../../db/schema/index';
import { queueEmailJob } from '../email/sender';

/** What the operator did to a shop's standing, as the owner is told. */
export type StandingChange = 'approved' | 'rejected' | 'suspended' | 'reinstated';

function wording(change: StandingChange, shop: string, reason: string): { subject: string; lines: string[] } {
  switch (change) {
    case 'approved':
      return {
        subject: `${shop} is live on Makeries`,
        lines: [`Good news: Makeries has approved ${shop}.`, 'Your shop and its products are now on the storefront, and customers can order online.'],
      };
    case 'rejected':
      return {
        subject: `Your application for ${shop} was not approved`,
        lines: [`Sorry: Makeries could not approve ${shop}.`, `Reason: ${reason}`, 'Reply to this email if you can put this right; we will look at it again.'],
      };
    case 'suspended':
      return {
        subject: `${shop} is suspended on Makeries`,
        lines: [
          `Makeries has suspended ${shop}: it is hidden from the storefront and takes no online orders.`,
          `Reason: ${reason}`,
          'Your counters keep selling in the shop and syncing as usual. Reply to this email to talk to us.',
        ],
      };
    case 'reinstated':
      return {
        subject: `${shop} is back on Makeries`,
        lines: [`Makeries has lifted the suspension of ${shop}: it is on the storefront again and takes online orders.`, ...(reason ? [`Note: ${reason}`] : [])],
      };
  }
}

/**
 * Queues the owner's email about a standing change, inside the operator's transaction (it exists exactly when the
 * change commits). Sent to the owner's sign-in email, or the shop's email when it has no owner account.
 */
export async function enqueueStandingEmail(tx: DbOrTx, vendorId: string, change: StandingChange, reason: string): Promise<void> {
  const [shop] = await tx.select({ name: vendors.name, email: vendors.email }).from(vendors).where(eq(vendors.id, vendorId)).limit(1);
  if (!shop) return;
  const [owner] = await tx
    .select({ name: staff.name, email: staff.email })
    .from(staff)
    .where(and(eq(staff.vendorId, vendorId), eq(staff.role, 'owner'), eq(staff.active, true)))
    .orderBy(asc(staff.id))
    .limit(1);
  const { subject, lines } = wording(change, shop.name, reason);
  const body = [`Hello ${owner?.name ?? shop.name},`, '', ...lines, '', '— the Makeries team'].join('\n');
  const id = uuidv7();
  await tx.insert(emailOutbox).values({ id, orderId: null, kind: 'shop_status', to: owner?.email ?? shop.email, subject, body });
  await queueEmailJob(tx, id);
}
