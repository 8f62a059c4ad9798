import { uuidv7 } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { loyaltyEntries } from '../../db/schema/index';
import { createCustomerFixture } from '../../test/fixtures';
import { describeEachDb } from '../../test/harness';
import { addProduct, envelope, epochOf, pairCounter, pushCounts, saleArgs } from '../sync/sync-test-kit';
import { balanceOf } from './ledger';

describeEachDb('loyalty on counter sales', (get) => {
  const db = () => get().database.db;

  async function setUp() {
    const counter = await pairCounter(get());
    const cake = await addProduct(db(), counter.shop.vendorId, { name: 'Cake', priceCents: 250, stock: 100 });
    await counter.caller.loyalty.setProgramme({ programme: { kind: 'points', pointsPerPound: 1, pointsPerPoundOff: 10 } });
    const customer = await createCustomerFixture(db());
    return { counter, cake, customer };
  }

  it('earns exactly once for a sale pushed again and again (a lost response, an epoch change)', async () => {
    const { counter, cake, customer } = await setUp();
    const sale = saleArgs(counter, [[cake, 4]], { customerId: customer.customerId });
    const epoch = await epochOf(db());
    await counter.caller.sync.push({ epoch, mutations: [envelope(1, 'sale.complete', sale)] });
    await counter.caller.sync.push({ epoch, mutations: [envelope(1, 'sale.complete', sale)] });
    // the same sale again under a new mutation id, as after a re-bootstrap: the natural key holds
    await counter.caller.sync.push({ epoch, mutations: [envelope(2, 'sale.complete', sale)] });
    expect(await balanceOf(db(), customer.customerId, counter.shop.vendorId, 'points')).toBe(10);
    const rows = await db().select().from(loyaltyEntries).where(eq(loyaltyEntries.orderId, sale.id));
    expect(rows.map((r) => [r.kind, r.units])).toEqual([['earn', 10]]);

    const found = await counter.bare.loyalty.counterBalance({ customerId: customer.customerId });
    expect(found).toEqual({ programme: { kind: 'points', pointsPerPound: 1, pointsPerPoundOff: 10 }, units: 10 });
  });

  it('records an offline over-redemption on sync (never refused) and reports it to managers', async () => {
    const { counter, cake, customer } = await setUp();
    const epoch = await epochOf(db());
    // 40 points (£4 off) used at the till while the card held nothing the server knew of
    const sale = saleArgs(counter, [[cake, 4]], { customerId: customer.customerId, discountCents: 400, totalCents: 600, loyalty: { scheme: 'points', units: 40, cents: 400 } });
    sale.payments = [{ id: uuidv7(), kind: 'cash', amountCents: 600, tenderedCents: 600, changeCents: 0 }];
    const res = await counter.caller.sync.push({ epoch, mutations: [envelope(1, 'sale.complete', sale)] });
    expect(res.results[0]?.status).toBe('applied');
    // −40 redeemed, +6 earned on the £6 paid
    expect(await balanceOf(db(), customer.customerId, counter.shop.vendorId, 'points')).toBe(-34);
    const report = await counter.caller.loyalty.overdrawn({});
    expect(report.items.map((i) => [i.orderNumber, i.units, i.overdrawn])).toEqual([[sale.number, 40, 40]]);
    const lookup = await counter.bare.loyalty.counterLookup({ query: customer.email });
    expect(lookup?.units).toBe(-34);
  });

  it('a refund takes back the earning of what was refunded, once', async () => {
    const { counter, cake, customer } = await setUp();
    const epoch = await epochOf(db());
    const sale = saleArgs(counter, [[cake, 4]], { customerId: customer.customerId });
    const line = sale.lines[0]!;
    const refund = {
      id: uuidv7(),
      orderId: sale.id,
      number: `RF-${uuidv7().slice(-6)}`,
      staffId: counter.shop.ownerId,
      approvedBy: counter.shop.ownerId,
      refundedAt: new Date().toISOString(),
      restock: false,
      lines: [{ orderLineId: line.id, quantity: 4, amountCents: 1000 }],
      totalCents: 1000,
      tender: 'cash' as const,
    };
    await counter.caller.sync.push({ epoch, mutations: [envelope(1, 'sale.complete', sale), envelope(2, 'sale.refund', refund)] });
    await counter.caller.sync.push({ epoch, mutations: [envelope(2, 'sale.refund', refund)] });
    expect(await balanceOf(db(), customer.customerId, counter.shop.vendorId, 'points')).toBe(0);
    const rows = await db().select().from(loyaltyEntries).where(eq(loyaltyEntries.orderId, sale.id));
    expect(rows.map((r) => [r.kind, r.units, r.naturalKey])).toEqual([
      ['earn', 10, `order:${sale.id}:earn`],
      ['reversal', -10, `refund:${refund.id}:earn-back`],
    ]);
  });

  it('rejects a redemption without a customer as bad input and writes nothing of the sale', async () => {
    const { counter, cake } = await setUp();
    const epoch = await epochOf(db());
    const before = await pushCounts(db());
    const sale = saleArgs(counter, [[cake, 1]], { discountCents: 100, totalCents: 150, loyalty: { scheme: 'points', units: 10, cents: 100 } });
    const res = await counter.caller.sync.push({ epoch, mutations: [envelope(1, 'sale.complete', sale)] });
    expect(JSON.stringify(res)).toContain('BAD_INPUT');
    const after = await pushCounts(db());
    expect({ ...after, mutations: before.mutations, last_ids: before.last_ids }).toEqual(before);
    expect(await db().select().from(loyaltyEntries).where(eq(loyaltyEntries.orderId, sale.id))).toEqual([]);
  });

  it('finds a customer by the QR code of their account page, and refuses a forged one', async () => {
    const { counter, customer } = await setUp();
    const me = await get().caller({ sessionCookie: customer.cookie });
    const qr = await me.loyalty.myQr();
    expect(qr.token).toMatch(/^MKL1\./);
    expect(qr.modules).toHaveLength(qr.size * qr.size);
    const found = await counter.bare.loyalty.counterLookup({ query: qr.token });
    expect(found?.customer.id).toBe(customer.customerId);
    const forged = qr.token.replace(customer.customerId, uuidv7());
    await expect(counter.bare.loyalty.counterLookup({ query: forged })).rejects.toThrow('This QR code is not a Makeries loyalty card');
  });
});

describeEachDb('loyalty across shops', (get) => {
  const db = () => get().database.db;

  it('a shop neither reads nor writes another shop’s programme or ledger', async () => {
    const x = await pairCounter(get());
    const y = await pairCounter(get());
    const customer = await createCustomerFixture(db());
    await y.caller.loyalty.setProgramme({ programme: { kind: 'stamps', minOrderCents: 100, stampsForReward: 5, rewardCents: 200, rewardName: '' } });
    const cake = await addProduct(db(), y.shop.vendorId, { name: 'Cake', priceCents: 250, stock: 10 });
    await y.caller.sync.push({ epoch: await epochOf(db()), mutations: [envelope(1, 'sale.complete', saleArgs(y, [[cake, 1]], { customerId: customer.customerId }))] });
    expect(await balanceOf(db(), customer.customerId, y.shop.vendorId, 'stamps')).toBe(1);

    // X sees its own (empty) programme and its own card of that customer, never Y's stamp
    expect(await x.bare.loyalty.programme()).toEqual({ kind: 'off' });
    expect(await x.bare.loyalty.counterBalance({ customerId: customer.customerId })).toEqual({ programme: { kind: 'off' }, units: 0 });
    // X setting a programme changes X's alone
    await x.caller.loyalty.setProgramme({ programme: { kind: 'points', pointsPerPound: 5, pointsPerPoundOff: 100 } });
    expect(await y.bare.loyalty.programme()).toMatchObject({ kind: 'stamps', stampsForReward: 5 });
    // a redemption pushed by X lands on X's card only
    const xCake = await addProduct(db(), x.shop.vendorId, { name: 'X cake', priceCents: 250, stock: 10 });
    const xs = saleArgs(x, [[xCake, 1]], { customerId: customer.customerId, discountCents: 100, totalCents: 150, loyalty: { scheme: 'stamps', units: 5, cents: 100 } });
    xs.payments = [{ id: uuidv7(), kind: 'cash', amountCents: 150, tenderedCents: 150, changeCents: 0 }];
    await x.caller.sync.push({ epoch: await epochOf(db()), mutations: [envelope(1, 'sale.complete', xs)] });
    expect(await balanceOf(db(), customer.customerId, y.shop.vendorId, 'stamps')).toBe(1);
    expect(await balanceOf(db(), customer.customerId, x.shop.vendorId, 'stamps')).toBe(-5);
    expect((await y.caller.loyalty.overdrawn({})).items).toEqual([]);
    expect((await x.caller.loyalty.overdrawn({})).items).toHaveLength(1);
  });
});
