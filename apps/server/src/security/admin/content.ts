import { uuidv7 } from '@makeries/shared';
import { m, OPERATOR, q, type Policy } from '../policy-kit';
import type { Sample } from '../sample-kit';

/** The console's content area (issue 17): every procedure under `admin.content`. */
export const ADMIN_CONTENT_POLICIES: Readonly<Record<string, Policy>> = {
  'admin.content.queue': q(OPERATOR, 'the moderation queue: open reports grouped by item, paged'),
  'admin.content.item': q(OPERATOR, 'one reported item as customers see it, with its shop and hidden state'),
  'admin.content.reports': q(OPERATOR, 'the reports of one item with the reporting customers, paged'),
  'admin.content.hide': m(OPERATOR, 'hides a product or review from the storefront and tells the shop; audited with the reason'),
  'admin.content.restore': m(OPERATOR, 'puts a hidden product or review back and tells the shop; audited with the reason'),
  'admin.content.dismiss': m(OPERATOR, 'closes reports without changing the item; audited with the reason'),
};

/**
 * Hand-written inputs for the matrix and the fuzzer where the schema's example is not enough (see samples.ts).
 * The actions name the fixture's shop (never its product: hiding it would take it away from every later
 * procedure's sample), which has no open report: dismissing is refused as a conflict and writes nothing.
 */
export const ADMIN_CONTENT_SAMPLES: Readonly<Record<string, Sample>> = {
  'admin.content.item': (fx) => ({ kind: 'product', id: fx.shop.productId }),
  'admin.content.reports': (fx) => ({ kind: 'product', id: fx.shop.productId }),
  'admin.content.hide': () => ({ kind: 'review', id: uuidv7(), reason: 'Offensive language about a customer' }),
  'admin.content.restore': () => ({ kind: 'review', id: uuidv7(), reason: 'Checked again: the review is fair' }),
  'admin.content.dismiss': (fx) => ({ kind: 'shop', id: fx.shop.vendorId, reason: 'Nothing wrong with this shop' }),
};
