import { uuidv7 } from '@makeries/shared';
import type { DbOrTx } from '../../db/client';
import { emailOutbox } from '../../db/schema/index';
import { queueEmailJob } from '../email/sender';
import type { ContentTarget } from './targets';

/** The shop's email when the operator hides or restores one of its products or a review of it (issue 17). */
function contentNotice(target: ContentTarget, action: 'hidden' | 'restored', reason: string): { subject: string; body: string } {
  const what = target.kind === 'product' ? `your product “${target.title}”` : `a review of ${target.content.kind === 'review' && target.content.productName ? `“${target.content.productName}”` : 'your shop'} (“${target.title}”)`;
  const subject = action === 'hidden'
    ? `Makeries: ${target.kind === 'product' ? `“${target.title}” was hidden from the storefront` : 'a review was hidden from the storefront'}`
    : `Makeries: ${target.kind === 'product' ? `“${target.title}” is back on the storefront` : 'a review is back on the storefront'}`;
  const effect =
    target.kind === 'product'
      ? action === 'hidden'
        ? 'Customers can no longer find, view or order it online. Your counter keeps it and can still sell it in the shop.'
        : 'Customers can find, view and order it online again.'
      : action === 'hidden'
        ? 'It no longer shows on your shop and product pages and no longer counts in your rating.'
        : 'It shows on your shop and product pages again and counts in your rating.';
  const body = [
    `Hello ${target.shop.name},`,
    '',
    `The Makeries team has ${action === 'hidden' ? 'hidden' : 'restored'} ${what}.`,
    effect,
    '',
    `Why: ${reason}`,
    '',
    action === 'hidden' ? 'If you think this is a mistake, reply to this email and tell us why.' : 'Thank you for your patience.',
  ].join('\n');
  return { subject, body };
}

/** Queues the notice inside the caller's transaction: it is sent exactly when the change commits. */
export async function queueContentNotice(tx: DbOrTx, target: ContentTarget, action: 'hidden' | 'restored', reason: string): Promise<void> {
  const { subject, body } = contentNotice(target, action, reason);
  const id = uuidv7();
  await tx.insert(emailOutbox).values({ id, orderId: null, kind: 'content_notice', to: target.shopEmail, subject, body });
  await queueEmailJob(tx, id);
}
