import { evidenceDueLabel } from '@makeries/shared';
import { count, eq } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { disputes, emailOutbox, stripeEvents, vendors } from '../../db/schema/index';
import { emitDispute, fakeDispute, type FakeDispute } from '../../test/fake-stripe/disputes';
import { startFakeStripe } from '../../test/fake-stripe/index';
import { describeEachDb } from '../../test/harness';
import { failure } from '../orders/test-kit';
import { useCardShop } from './card-shop-kit';
import { runPaymentJobs, stripeTestEnv } from './payments-test-kit';

const fake = await startFakeStripe();
afterAll(() => fake.close());

describeEachDb(
  'Stripe charge.dispute.* webhooks',
  (get) => {
    const db = () => get().database.db;
    const card = useCardShop(get, fake);
    const ops = () => get().caller({ operatorCookie: card.current().operatorCookie });

    /** a paid card order and its Stripe charge */
    async function paidOrder() {
      fake.events.autoDeliver = true;
      const { orderId, intentId } = await card.paidOrder(2);
      const chargeId = fake.state.paymentIntents.get(intentId)?.latest_charge;
      const charge = chargeId ? fake.state.charges.get(chargeId) : undefined;
      if (!charge) throw new Error('no charge');
      return { orderId, charge };
    }

    const row = async (id: string) => (await db().select().from(disputes).where(eq(disputes.id, id)))[0];
    const step = (d: FakeDispute, patch: Partial<FakeDispute>): FakeDispute => Object.assign(d, patch);

    it('events out of order and replayed: the newest state wins, funds withdrawn is kept, the shop is emailed once', async () => {
      const { orderId, charge } = await paidOrder();
      fake.events.hold();
      const d = fakeDispute(charge, { paymentIntent: false }); // like Stripe's example: the charge alone names it
      const t = d.created;
      const created = emitDispute(fake.events, 'charge.dispute.created', d, t);
      const withdrawn = emitDispute(fake.events, 'charge.dispute.funds_withdrawn', d, t + 1);
      const review = emitDispute(fake.events, 'charge.dispute.updated', step(d, { status: 'under_review', evidence_details: { ...d.evidence_details, has_evidence: true } }), t + 60);
      const closed = emitDispute(fake.events, 'charge.dispute.closed', step(d, { status: 'lost' }), t + 120);
      // the closing event first, then the older ones, then a replay of the first
      for (const e of [closed, review, created, withdrawn, created]) expect((await fake.events.deliver(e)).status).toBe(200);
      await runPaymentJobs(db(), get().env);
      expect(await row(d.id)).toMatchObject({ status: 'lost', open: false, outcome: 'lost', amountCents: 500, currency: 'GBP', reason: 'product_not_received' });
      expect((await row(d.id))?.fundsWithdrawnAt).toBeInstanceOf(Date);
      const [events] = await db().select({ n: count() }).from(stripeEvents).where(eq(stripeEvents.id, created.id));
      expect(events?.n).toBe(1);
      const mails = await db().select().from(emailOutbox).where(eq(emailOutbox.orderId, orderId));
      expect(mails.filter((m) => m.kind === 'shop_dispute')).toHaveLength(1);
      expect(mails.find((m) => m.kind === 'shop_dispute')?.subject).toContain('disputed the payment');
      const detail = await (await ops()).admin.orders.detail({ orderId });
      expect(detail.disputes.map((x) => x.id)).toEqual([d.id]);
      const titles = detail.timeline.filter((e) => e.kind === 'dispute').map((e) => e.title);
      expect(titles).toEqual(['Dispute opened: product not received', 'Dispute: £5.00 withdrawn from the platform', 'Dispute closed: lost']);
      fake.events.autoDeliver = true;
    });

    it('a closed dispute never reopens, even from a later-stamped open snapshot', async () => {
      const { charge } = await paidOrder();
      fake.events.hold();
      const d = fakeDispute(charge);
      const won = emitDispute(fake.events, 'charge.dispute.closed', step(structuredClone(d), { status: 'won' }), d.created + 10);
      const late = emitDispute(fake.events, 'charge.dispute.updated', step(structuredClone(d), { status: 'under_review' }), d.created + 20);
      await fake.events.deliver(won);
      await fake.events.deliver(late);
      await runPaymentJobs(db(), get().env);
      expect(await row(d.id)).toMatchObject({ status: 'won', open: false, outcome: 'won' });
      fake.events.autoDeliver = true;
    });

    it('the operator sees open disputes by evidence deadline, soonest first, paged; closed ones apart', async () => {
      const due: Record<number, string> = {};
      for (const days of [9, 2, 5]) {
        const { charge } = await paidOrder();
        fake.events.hold();
        const d = fakeDispute(charge, { dueInDays: days });
        await fake.events.deliver(emitDispute(fake.events, 'charge.dispute.created', d, d.created));
        due[days] = d.id;
      }
      await runPaymentJobs(db(), get().env);
      fake.events.autoDeliver = true;
      const caller = await ops();
      const first = await caller.admin.orders.disputes({ state: 'open', limit: 2 });
      const second = await caller.admin.orders.disputes({ state: 'open', limit: 2, cursor: first.nextCursor ?? '' });
      const ids = [...first.items, ...second.items].map((x) => x.id);
      expect(ids).toEqual([due[2], due[5], due[9]]);
      expect(second.nextCursor).toBeNull();
      const soonest = first.items[0];
      expect(soonest?.orders).toHaveLength(1);
      const [v] = await db().select({ name: vendors.name }).from(vendors).where(eq(vendors.id, card.current().shop.vendorId));
      expect(soonest?.orders[0]?.shopName).toBe(v?.name);
      const label = evidenceDueLabel(soonest?.evidenceDueBy ?? '', new Date(), { timeZone: 'Europe/London', locale: 'en-GB' });
      expect(label).toMatch(/^Evidence due in 2 days — \d{1,2} [A-Z][a-z]{2}$/);
      const closed = await caller.admin.orders.disputes({ state: 'closed' });
      expect(closed.items.every((x) => !x.open)).toBe(true);
      expect(closed.items.length).toBeGreaterThanOrEqual(2);
      expect((await failure(caller.admin.orders.disputes({ state: 'open', cursor: 'not-a-cursor' }))).appCode).toBe('BAD_INPUT');
    });

    it('a dispute event with a bad signature is refused and stores nothing', async () => {
      const { charge } = await paidOrder();
      fake.events.hold();
      const d = fakeDispute(charge);
      const e = emitDispute(fake.events, 'charge.dispute.created', d, d.created);
      expect((await fake.events.deliver(e, { secret: 'whsec_forged' })).status).toBe(400);
      expect((await fake.events.deliver(e, { tamper: true })).status).toBe(400);
      await runPaymentJobs(db(), get().env);
      expect(await row(d.id)).toBeUndefined();
      expect(await db().select().from(stripeEvents).where(eq(stripeEvents.id, e.id))).toHaveLength(0);
      fake.events.autoDeliver = true;
    });
  },
  stripeTestEnv(fake),
);
