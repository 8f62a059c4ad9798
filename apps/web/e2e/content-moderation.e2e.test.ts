import { uuidv7 } from '@makeries/shared';
import type { BrowserContext, Page } from 'playwright-core';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOutbox } from '../../server/src/db/schema/index';
import { callerAs, customerCookie } from '../../server/src/seed/caller';
import { createOperatorFixture, operatorSessionCookie } from '../../server/src/services/operators/test-kit';
import { productNamed } from '../../server/src/test/storefront-shops';
import { openPage, shoot, startLiveMarket, visitHydrated, type LiveMarket } from './live-market';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const BAKERY = 'harbourside-bakehouse';

/**
 * Content moderation end to end (issue 17) in Chromium against the real server: a customer reports a product
 * from its page, the operator hides it from the console's queue, and the product is gone from search and its
 * page (the shared page cache drops the copy it kept).
 */
describe('content moderation in a browser', () => {
  let market: LiveMarket;
  let customer = '';
  let operator = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    market = await startLiveMarket();
    customer = await customerCookie(market.database, market.env, { name: 'Ada Lovelace', email: 'ada@example.test', password: 'ada-password-12' });
    const op = await createOperatorFixture(market.database.db, 'ops@makeries.test');
    operator = await operatorSessionCookie(market.database.db, op.operator.id);
    // a review on the shop page, so its report button shows too
    const reviewer = await customerCookie(market.database, market.env, { name: 'Grace Hopper', email: 'grace@example.test', password: 'grace-password-1' });
    const buyer = await callerAs(market.database, market.env, { cookie: reviewer });
    const bakery = market.shops.find((s) => s.slug === BAKERY)!;
    const croissant = productNamed(market.shops, 'Butter Croissant');
    const placed = await buyer.orders.checkout({
      idempotencyKey: uuidv7(),
      contact: { name: 'Grace Hopper', email: 'grace@example.test', phone: '' },
      items: [{ variantId: croissant.variants[0]!.id, quantity: 3 }],
      fulfilment: [{ vendorId: bakery.vendorId, type: 'pickup' }],
      paymentMethod: 'pay_at_pickup',
    });
    const orderId = placed.orders[0]!.id;
    for (const to of ['accepted', 'ready', 'completed'] as const) await bakery.owner.orders.transition({ orderId, to });
    await buyer.reviews.create({ orderId, rating: 5, body: 'Best croissants in town.' });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await market?.close();
  });

  async function open(viewport: { width: number; height: number }, as: 'customer' | 'operator' | 'visitor'): Promise<{ page: Page; errors: string[] }> {
    const opened = await openPage(market, viewport, as === 'customer' ? { customer } : as === 'operator' ? { operator } : {});
    contexts.push(opened.context);
    return opened;
  }

  /** what the screen shows (a modal over a long page reads better than a full-page shot) */
  async function shootScreen(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(process.env.WEB_SHOTS_DIR ?? '/tmp/web-shots', `${name}.png`) });
  }

  const visit = (page: Page, path: string) => visitHydrated(market, page, path);

  it('a customer reports a product, the operator hides it from the queue, and it is gone from search and its page', async () => {
    const rye = productNamed(market.shops, 'Seeded Rye');
    const visitor = await open(DESKTOP, 'visitor');
    // the product is on the storefront (and its page is now in the shared page cache)
    await visit(visitor.page, '/search?q=seeded%20rye');
    await visitor.page.getByRole('link', { name: /Seeded Rye/ }).first().waitFor();
    await visit(visitor.page, `/p/${rye.productId}`);
    await visitor.page.getByRole('heading', { name: 'Seeded Rye', level: 1 }).waitFor();
    // signed out, Report leads to sign-in and back
    const signIn = visitor.page.getByRole('link', { name: 'Sign in to report this product: Seeded Rye' });
    expect(await signIn.getAttribute('href')).toBe(`/account?next=${encodeURIComponent(`/p/${rye.productId}`)}`);

    // the customer reports it on a phone
    const { page, errors } = await open(PHONE, 'customer');
    await visit(page, `/p/${rye.productId}`);
    await page.getByRole('button', { name: 'Report this product: Seeded Rye' }).click();
    const dialog = page.getByRole('dialog', { name: 'Report this product' });
    await dialog.getByRole('button', { name: 'Send report' }).click();
    await dialog.getByText('Choose why you are reporting this.').waitFor();
    await dialog.getByRole('radio', { name: 'Prohibited item' }).check();
    await dialog.getByLabel('Details (optional)').fill('Listed as vegan but the label says it contains honey.');
    await shootScreen(page, 'report-dialog-phone');
    await dialog.getByRole('button', { name: 'Send report' }).click();
    await dialog.getByText('Thanks — our team will look at it').waitFor();
    await shootScreen(page, 'report-sent-phone');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'You reported this product' }).waitFor();
    expect(errors).toEqual([]);

    // the shop page and its reviews have their own report buttons
    const wide = await open(DESKTOP, 'customer');
    await visit(wide.page, `/v/${BAKERY}`);
    await wide.page.getByRole('button', { name: 'Report this shop: Harbourside Bakehouse' }).waitFor();
    await wide.page.getByRole('button', { name: 'Report this review: Review by Grace' }).click();
    await wide.page.getByRole('dialog', { name: 'Report this review' }).waitFor();
    await shootScreen(wide.page, 'report-dialog-review-desktop');
    await wide.page.getByRole('button', { name: 'Cancel' }).click();

    // the operator finds it in the queue and hides it
    const ops = await open(DESKTOP, 'operator');
    await visit(ops.page, '/admin/content');
    await ops.page.getByRole('heading', { name: 'Reported content' }).waitFor();
    await ops.page.getByText('1 open report').waitFor();
    await shoot(ops.page, 'content-queue-desktop');
    const phoneQueue = await open(PHONE, 'operator');
    await visit(phoneQueue.page, '/admin/content?sort=most');
    await phoneQueue.page.getByText('1 open report').waitFor();
    await shoot(phoneQueue.page, 'content-queue-phone');
    await ops.page.getByRole('link', { name: 'Seeded Rye' }).click();
    await ops.page.getByRole('heading', { name: 'Seeded Rye', level: 1 }).waitFor();
    await ops.page.getByText('Listed as vegan but the label says it contains honey.').waitFor();
    await shoot(ops.page, 'content-item-desktop');
    await ops.page.getByRole('button', { name: 'Hide product' }).click();
    const ask = ops.page.getByRole('dialog', { name: 'Hide this product' });
    await ask.getByLabel('Reason').fill('Mislabelled allergens: honey in a product listed as vegan');
    await shootScreen(ops.page, 'content-hide-modal-desktop');
    await ask.getByRole('button', { name: 'Hide product' }).click();
    await ops.page.getByText('Hidden. The shop has been told by email.').waitFor();
    await ask.waitFor({ state: 'detached' });
    await ops.page.getByText('Hidden from the storefront').waitFor();
    await ops.page.getByRole('button', { name: 'Restore product' }).waitFor();
    await ops.page.getByText('Mislabelled allergens: honey in a product listed as vegan').first().waitFor();
    await shoot(ops.page, 'content-item-hidden-desktop');
    expect(ops.errors).toEqual([]);

    const mail = (await market.database.db.select().from(emailOutbox)).filter((m) => m.kind === 'content_notice');
    expect(mail.map((m) => m.subject)).toEqual(['Makeries: “Seeded Rye” was hidden from the storefront']);

    // gone from search and from its page (the cached copy was dropped)
    await visit(visitor.page, '/search?q=seeded%20rye');
    await visitor.page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await visitor.page.getByRole('link', { name: /Seeded Rye/ }).count()).toBe(0);
    await visit(visitor.page, `/p/${rye.productId}`);
    await visitor.page.getByRole('heading', { name: 'Product not found' }).waitFor();
    await visitor.page.getByText('no longer sold online').waitFor();

    // the queue on a phone is empty now
    const phoneOps = await open(PHONE, 'operator');
    await visit(phoneOps.page, '/admin/content');
    await phoneOps.page.getByText('Nothing to review').waitFor();
    await visit(phoneOps.page, `/admin/content/product/${rye.productId}`);
    await phoneOps.page.getByRole('button', { name: 'Restore product' }).waitFor();
    await shoot(phoneOps.page, 'content-item-phone');
  });
});
