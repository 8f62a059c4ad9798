import { uuidv7 } from '@makeries/shared';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from '../../server/src/seed/caller';
import { createOperatorFixture, operatorSessionCookie } from '../../server/src/services/operators/test-kit';
import { enableCardPayments, fakeStripeSdk, runPaymentJobs, stripeTestEnv } from '../../server/src/services/payments/payments-test-kit';
import { productNamed } from '../../server/src/test/storefront-shops';
import { emitDispute, fakeDispute } from '../../server/src/test/fake-stripe/disputes';
import { startFakeStripe, type FakeStripe } from '../../server/src/test/fake-stripe/index';
import { openPage, shoot, startLiveMarket, visitHydrated, type LiveMarket } from './live-market';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const BAKERY = 'harbourside-bakehouse';

/**
 * The operator console's orders area in Chromium against the real server and the fake Stripe: a paid card order
 * that the shop accepted (its share transferred) and the customer disputed; the operator finds it by the
 * customer's email, reads its timeline, refunds part of it through the dialog (the shop's transfer is reversed
 * pro rata), and sees the dispute with its evidence deadline.
 */
describe('operator console: orders and disputes in a browser', () => {
  let market: LiveMarket;
  let fake: FakeStripe;
  let opCookie = '';
  let orderId = '';
  let checkoutId = '';
  const email = `ada.${uuidv7().slice(-6)}@example.test`;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    fake = await startFakeStripe();
    market = await startLiveMarket(stripeTestEnv(fake));
    fake.events.target = { url: `${market.base}/webhooks/stripe`, secret: market.env.STRIPE_WEBHOOK_SECRET ?? '' };
    const db = market.database.db;
    const run = async () => {
      await fake.events.settled();
      await runPaymentJobs(db, market.env);
    };
    const bakery = market.shops.find((s) => s.slug === BAKERY)!;
    await enableCardPayments(db, fake, bakery.vendorId, 500);
    const croissant = productNamed(market.shops, 'Butter Croissant');
    const anon = await callerAs(market.database, market.env);
    const req = {
      idempotencyKey: uuidv7(),
      contact: { name: 'Ada Lovelace', email, phone: '' },
      items: [{ variantId: croissant.variants[0]!.id, quantity: 4 }],
      fulfilment: [{ vendorId: bakery.vendorId, type: 'pickup' as const }],
      paymentMethod: 'card' as const,
    };
    const placed = await anon.orders.checkout(req);
    checkoutId = placed.checkoutId;
    orderId = placed.orders[0]!.id;
    const intent = await anon.payments.cardIntent({ checkoutId, idempotencyKey: req.idempotencyKey });
    await fakeStripeSdk(fake).paymentIntents.confirm(intent.paymentIntentId, { payment_method: 'pm_card_visa' });
    await run();
    await bakery.owner.orders.transition({ orderId, to: 'accepted', prepMinutes: 10 });
    await run();
    const charge = fake.state.charges.get(fake.state.paymentIntents.get(intent.paymentIntentId)!.latest_charge!)!;
    const dispute = fakeDispute(charge, { dueInDays: 3 });
    emitDispute(fake.events, 'charge.dispute.created', dispute, dispute.created);
    await run();
    opCookie = await operatorSessionCookie(db, (await createOperatorFixture(db)).operator.id);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await market?.close();
    await fake?.close();
  });

  async function open(viewport: { width: number; height: number }): Promise<{ page: Page; errors: string[] }> {
    const opened = await openPage(market, viewport, { operator: opCookie });
    contexts.push(opened.context);
    return opened;
  }

  const visit = (page: Page, path: string) => visitHydrated(market, page, path);

  it('finds the order by email, refunds part of it through the dialog, and the timeline shows refund and reversal', async () => {
    const { page, errors } = await open(DESKTOP);
    await visit(page, '/admin/orders');
    await page.getByLabel('Order number, customer email or shop').fill(email.toUpperCase());
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('Orders of the customer').waitFor();
    await shoot(page, 'admin-orders-search-desktop');
    await page.getByText('Ada Lovelace').first().click();
    await page.getByRole('heading', { name: /^Order W-/ }).waitFor();
    await page.getByText('Dispute opened: product not received').waitFor();
    await shoot(page, 'admin-order-detail-desktop');

    await page.getByRole('button', { name: 'Refund', exact: true }).click();
    await page.getByRole('textbox', { name: 'Amount to refund' }).fill('2.00');
    await page.getByLabel('Reason').fill('Two croissants were missing from the bag');
    await page.getByRole('button', { name: 'Review refund' }).click();
    await page.getByText(/It is taken back from .*share/).waitFor();
    await shoot(page, 'admin-order-refund-confirm-desktop');
    const confirm = page.getByRole('button', { name: /^Refund £2\.00$/ });
    await confirm.dblclick();
    await page.getByText(/Refunded £2\.00 to the customer's card/).waitFor();
    await page.getByText(/Took back £1\.90 from the shop's transfer/).waitFor();
    await shoot(page, 'admin-order-refunded-desktop');

    const refunds = [...fake.state.refunds.values()].filter((r) => r.metadata.orderId === orderId);
    expect(refunds.map((r) => r.amount)).toEqual([200]);
    const transfer = [...fake.state.transfers.values()].find((t) => t.transfer_group === checkoutId);
    expect(transfer?.reversals.data.map((r) => r.amount)).toEqual([190]);
    expect(errors).toEqual([]);
  });

  it('the disputes list shows the deadline plainly; the order page works on a phone', async () => {
    const { page, errors } = await open(PHONE);
    await visit(page, '/admin/disputes');
    await page.getByText(/^Evidence due in 3 days — \d{1,2} [A-Z][a-z]{2}$/).waitFor();
    await shoot(page, 'admin-disputes-phone');
    await visit(page, `/admin/orders/${orderId}`);
    await page.getByText('Timeline').waitFor();
    await shoot(page, 'admin-order-detail-phone');
    // the refund dialog by items, on a phone: a line's refund is its share, and the dialog says what is left
    await page.getByRole('button', { name: 'Refund', exact: true }).click();
    await page.getByText('Items', { exact: true }).last().click();
    await page.getByRole('textbox', { name: 'How many Butter Croissant to refund' }).fill('1');
    await page.getByText('Refund: £2.40').waitFor();
    await page.screenshot({ path: `${process.env.WEB_SHOTS_DIR ?? '/tmp/web-shots'}/admin-order-refund-items-phone.png` });
    await page.getByRole('button', { name: 'Cancel' }).click();
    await visit(page, '/admin/orders');
    await shoot(page, 'admin-orders-search-phone');
    const { page: wide } = await open(DESKTOP);
    await visit(wide, '/admin/disputes');
    await shoot(wide, 'admin-disputes-desktop');
    expect(errors).toEqual([]);
  });
});
