import { uuidv7, type ErrorCode } from '@makeries/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ean13 } from '../test/fixtures';
import { errorData, expectRefused, startKit, type CounterClient, type Kit } from './test-kit';

let kit: Kit;
let c: CounterClient;
/** a line of the open cart, a finished sale, and an id nothing has */
const ids = { loafLine: '', croissantLine: '', saleId: '', cartId: '', unknown: uuidv7() };

beforeAll(async () => {
  kit = await startKit({ signedIn: 'cashier' });
  c = kit.client;
  await c.shifts.open.mutate({ floatCents: 5000 });
  await c.cart.addByScan.mutate({ code: kit.shop.barcodes.loaf });
  const sale = await c.sales.complete.mutate({ tenders: [{ kind: 'cash', tenderedCents: 500 }] });
  ids.saleId = sale.id;
  const loaf = await c.cart.addByScan.mutate({ code: kit.shop.barcodes.loaf });
  const cro = await c.cart.addVariant.mutate({ variantId: kit.shop.variants.croissant, quantity: 2 });
  ids.loafLine = loaf.lineId;
  ids.croissantLine = cro.lineId;
  ids.cartId = cro.cart.id;
});
afterAll(() => kit.close());

type Case = [string, () => Promise<unknown>, ErrorCode];

const long = (n: number) => 'x'.repeat(n);

const cases = (): Case[] => [
  // device, staff
  ['device.pair without a code', () => c.device.pair.mutate({ code: '' }), 'BAD_INPUT'],
  ['staff.login with a malformed id and PIN', () => c.staff.login.mutate({ staffId: 'me', pin: '12' }), 'BAD_INPUT'],
  ['staff.login with letters in the PIN', () => c.staff.login.mutate({ staffId: kit.shop.staff.cashier, pin: 'abcd' }), 'BAD_INPUT'],
  ['staff.override without an action', () => c.staff.override.mutate({ staffId: kit.shop.staff.manager, pin: '2222', action: ' ' }), 'BAD_INPUT'],
  // catalog
  ['catalog.search with a novel', () => c.catalog.search.query({ text: long(201) }), 'BAD_INPUT'],
  ['catalog.search with limit 0', () => c.catalog.search.query({ text: 'sour', limit: 0 }), 'BAD_INPUT'],
  ['catalog.scan of nothing', () => c.catalog.scan.query({ code: '  ' }), 'BAD_INPUT'],
  ['catalog.scan with a wrong check digit', () => c.catalog.scan.query({ code: '5012345000010' }), 'INVALID_BARCODE'],
  ['catalog.scan of an unknown code', () => c.catalog.scan.query({ code: ean13('400000000001') }), 'NOT_FOUND'],
  ['catalog.byId with a bad id', () => c.catalog.byId.query({ variantId: 'loaf' }), 'BAD_INPUT'],
  ['catalog.byId of an unknown variant', () => c.catalog.byId.query({ variantId: ids.unknown }), 'NOT_FOUND'],
  ['catalog.byCategory with a bad id', () => c.catalog.byCategory.query({ categoryId: '1' }), 'BAD_INPUT'],
  // cart
  ['cart.addByScan of nothing', () => c.cart.addByScan.mutate({ code: '' }), 'BAD_INPUT'],
  ['cart.addByScan with a misread', () => c.cart.addByScan.mutate({ code: '5012345000010' }), 'INVALID_BARCODE'],
  ['cart.addByScan of an unknown code', () => c.cart.addByScan.mutate({ code: ean13('400000000001') }), 'NOT_FOUND'],
  ['cart.addVariant with quantity 0', () => c.cart.addVariant.mutate({ variantId: kit.shop.variants.loaf, quantity: 0 }), 'BAD_INPUT'],
  ['cart.addVariant with half an item', () => c.cart.addVariant.mutate({ variantId: kit.shop.variants.loaf, quantity: 1.5 }), 'BAD_INPUT'],
  ['cart.addVariant of cheese without grams', () => c.cart.addVariant.mutate({ variantId: kit.shop.variants.cheese }), 'BAD_INPUT'],
  ['cart.addVariant of a loaf by weight', () => c.cart.addVariant.mutate({ variantId: kit.shop.variants.loaf, grams: 500 }), 'BAD_INPUT'],
  ['cart.addVariant of an unknown variant', () => c.cart.addVariant.mutate({ variantId: ids.unknown }), 'NOT_FOUND'],
  ['cart.setQuantity to 0', () => c.cart.setQuantity.mutate({ lineId: ids.loafLine, quantity: 0 }), 'BAD_INPUT'],
  ['cart.setQuantity of an unknown line', () => c.cart.setQuantity.mutate({ lineId: ids.unknown, quantity: 2 }), 'NOT_FOUND'],
  ['cart.setWeight of a loaf', () => c.cart.setWeight.mutate({ lineId: ids.loafLine, grams: 300 }), 'BAD_INPUT'],
  ['cart.setWeight of 0 g', () => c.cart.setWeight.mutate({ lineId: ids.loafLine, grams: 0 }), 'BAD_INPUT'],
  ['cart.setWeight of an unknown line', () => c.cart.setWeight.mutate({ lineId: ids.unknown, grams: 300 }), 'NOT_FOUND'],
  ['cart.lineDiscount of 200%', () => c.cart.lineDiscount.mutate({ lineId: ids.loafLine, discount: { kind: 'percent', bps: 20_000 } }), 'BAD_INPUT'],
  ['cart.lineDiscount of fractional cents', () => c.cart.lineDiscount.mutate({ lineId: ids.loafLine, discount: { kind: 'amount', amountCents: 1.5 } }), 'BAD_INPUT'],
  ['cart.lineDiscount over the limit, no manager', () => c.cart.lineDiscount.mutate({ lineId: ids.loafLine, discount: { kind: 'percent', bps: 5000 } }), 'FORBIDDEN'],
  ['cart.orderDiscount of nothing', () => c.cart.orderDiscount.mutate({ discount: { kind: 'amount', amountCents: 0 } }), 'BAD_INPUT'],
  ['cart.orderDiscount over the limit, no manager', () => c.cart.orderDiscount.mutate({ discount: { kind: 'amount', amountCents: 500 } }), 'FORBIDDEN'],
  ['cart.lineNote too long', () => c.cart.lineNote.mutate({ lineId: ids.loafLine, note: long(201) }), 'BAD_INPUT'],
  ['cart.note too long', () => c.cart.note.mutate({ note: long(501) }), 'BAD_INPUT'],
  ['cart.customer with a bad id', () => c.cart.customer.mutate({ customerId: 'bob' }), 'BAD_INPUT'],
  ['cart.park with a long label', () => c.cart.park.mutate({ label: long(61) }), 'BAD_INPUT'],
  ['cart.resume with a bad id', () => c.cart.resume.mutate({ cartId: 'x' }), 'BAD_INPUT'],
  ['cart.resume of a cart that is not parked', () => c.cart.resume.mutate({ cartId: ids.cartId }), 'NOT_FOUND'],
  ['cart.voidLine with a bad id', () => c.cart.voidLine.mutate({ lineId: 'x' }), 'BAD_INPUT'],
  ['cart.voidLine of an unknown line', () => c.cart.voidLine.mutate({ lineId: ids.unknown }), 'NOT_FOUND'],
  ['cart.clear with a long reason', () => c.cart.clear.mutate({ reason: long(301) }), 'BAD_INPUT'],
  // sales
  ['sales.complete with no tender', () => c.sales.complete.mutate({ tenders: [] }), 'BAD_INPUT'],
  ['sales.complete with too little cash', () => c.sales.complete.mutate({ tenders: [{ kind: 'cash', tenderedCents: 100 }] }), 'BAD_INPUT'],
  ['sales.complete with negative cash', () => c.sales.complete.mutate({ tenders: [{ kind: 'cash', tenderedCents: -5 }] }), 'BAD_INPUT'],
  ['sales.complete with a card over the total', () => c.sales.complete.mutate({ tenders: [{ kind: 'external_card', amountCents: 99_999 }] }), 'BAD_INPUT'],
  ['sales.complete by Stripe while offline', () => c.sales.complete.mutate({ tenders: [{ kind: 'stripe_terminal', amountCents: 840, reference: 'pi_1' }] }), 'CONFLICT'],
  ['sales.complete of another cart', () => c.sales.complete.mutate({ cartId: ids.unknown, tenders: [{ kind: 'cash', tenderedCents: 5000 }] }), 'CONFLICT'],
  ['sales.list with limit 0', () => c.sales.list.query({ limit: 0 }), 'BAD_INPUT'],
  ['sales.byId with a bad id', () => c.sales.byId.query({ saleId: '42' }), 'BAD_INPUT'],
  ['sales.byId of an unknown sale', () => c.sales.byId.query({ saleId: ids.unknown }), 'NOT_FOUND'],
  ['sales.byNumber of nothing', () => c.sales.byNumber.query({ number: ' ' }), 'BAD_INPUT'],
  ['sales.byNumber of another register', () => c.sales.byNumber.query({ number: 'Z9-000001' }), 'NOT_FOUND'],
  ['sales.receipt of an unknown sale', () => c.sales.receipt.query({ saleId: ids.unknown }), 'NOT_FOUND'],
  // refunds
  ['refunds.create with a bad sale id', () => c.refunds.create.mutate({ saleId: 'A1-1', restock: true }), 'BAD_INPUT'],
  ['refunds.create without restock choice', () => c.refunds.create.mutate({ saleId: ids.saleId } as never), 'BAD_INPUT'],
  ['refunds.create with an empty line list', () => c.refunds.create.mutate({ saleId: ids.saleId, restock: true, lines: [] }), 'BAD_INPUT'],
  ['refunds.create by a cashier alone', () => c.refunds.create.mutate({ saleId: ids.saleId, restock: true }), 'FORBIDDEN'],
  ['refunds.create with a bad refund id', () => c.refunds.create.mutate({ saleId: ids.saleId, restock: true, refundId: 'r-1' }), 'BAD_INPUT'],
  ['refunds.find of nothing', () => c.refunds.find.query({ number: '  ' }), 'BAD_INPUT'],
  ['refunds.find with a novel', () => c.refunds.find.query({ number: long(41) }), 'BAD_INPUT'],
  ['refunds.find of something that is not a receipt number', () => c.refunds.find.query({ number: 'croissant' }), 'NOT_FOUND'],
  ["refunds.find of another register's receipt while offline", () => c.refunds.find.query({ number: 'ZZ9-000001' }), 'CONFLICT'],
  ['refunds.list with a bad id', () => c.refunds.list.query({ saleId: 'x' }), 'BAD_INPUT'],
  ['refunds.list of an unknown sale', () => c.refunds.list.query({ saleId: ids.unknown }), 'NOT_FOUND'],
  // shifts
  ['shifts.open with a negative float', () => c.shifts.open.mutate({ floatCents: -1 }), 'BAD_INPUT'],
  ['shifts.open while one is open', () => c.shifts.open.mutate({ floatCents: 0 }), 'CONFLICT'],
  ['shifts.paidIn of 0', () => c.shifts.paidIn.mutate({ amountCents: 0, reason: 'float top-up' }), 'BAD_INPUT'],
  ['shifts.paidOut without a reason', () => c.shifts.paidOut.mutate({ amountCents: 500, reason: ' ' }), 'BAD_INPUT'],
  ['shifts.noSale with a long reason', () => c.shifts.noSale.mutate({ reason: long(301) }), 'BAD_INPUT'],
  ['shifts.close without counting', () => c.shifts.close.mutate({ counted: {} }), 'BAD_INPUT'],
  ['shifts.close with a made-up note', () => c.shifts.close.mutate({ counted: { '0': 1 } }), 'BAD_INPUT'],
  ['shifts.close with negative coins', () => c.shifts.close.mutate({ counted: { '100': -1 } }), 'BAD_INPUT'],
  ['shifts.zReport with a bad id', () => c.shifts.zReport.query({ shiftId: 'x' }), 'BAD_INPUT'],
  ['shifts.zReport before any close', () => c.shifts.zReport.query({}), 'NOT_FOUND'],
  ['shifts.history with limit 0', () => c.shifts.history.query({ limit: 0 }), 'BAD_INPUT'],
  // inventory
  ['inventory.receive of 0', () => c.inventory.receive.mutate({ variantId: kit.shop.variants.loaf, quantity: 0 }), 'BAD_INPUT'],
  ['inventory.count below 0', () => c.inventory.count.mutate({ variantId: kit.shop.variants.loaf, quantity: -1 }), 'BAD_INPUT'],
  ['inventory.adjust without a reason', () => c.inventory.adjust.mutate({ variantId: kit.shop.variants.loaf, quantity: -2 }), 'BAD_INPUT'],
  ['inventory.adjust by 0', () => c.inventory.adjust.mutate({ variantId: kit.shop.variants.loaf, quantity: 0, note: 'x' }), 'BAD_INPUT'],
  ['inventory.receive of an untracked item', () => c.inventory.receive.mutate({ variantId: kit.shop.variants.bag, quantity: 5 }), 'BAD_INPUT'],
  ['inventory.receive by a cashier alone', () => c.inventory.receive.mutate({ variantId: kit.shop.variants.loaf, quantity: 5 }), 'FORBIDDEN'],
  ['inventory.levels of nothing', () => c.inventory.levels.query({ variantIds: [] }), 'BAD_INPUT'],
  ['inventory.lowStock with limit 0', () => c.inventory.lowStock.query({ limit: 0 }), 'BAD_INPUT'],
  // web orders, sync, activity
  ['webOrders.list with an unknown status', () => c.webOrders.list.query({ status: ['lost' as never] }), 'BAD_INPUT'],
  ['webOrders.byId of an unknown order', () => c.webOrders.byId.query({ orderId: ids.unknown }), 'NOT_FOUND'],
  ['webOrders.transition: reject without a reason', () => c.webOrders.transition.mutate({ orderId: ids.unknown, to: 'rejected' }), 'BAD_INPUT'],
  ['webOrders.transition of an unknown order', () => c.webOrders.transition.mutate({ orderId: ids.unknown, to: 'accepted' }), 'NOT_FOUND'],
  ['sync.rejections with limit 0', () => c.sync.rejections.query({ limit: 0 }), 'BAD_INPUT'],
  ['sync.resolveRejection by a cashier', () => c.sync.resolveRejection.mutate({ id: ids.unknown, note: 'sorted' }), 'FORBIDDEN'],
  ['activity.list by a cashier', () => c.activity.list.query({}), 'FORBIDDEN'],
  ['device.unpair by a cashier', () => c.device.unpair.mutate(), 'FORBIDDEN'],
  ['device.updateSettings by a cashier', () => c.device.updateSettings.mutate({ discountLimitBps: 5000 }), 'FORBIDDEN'],
];

describe('every procedure refuses bad input with a clear code and writes nothing', () => {
  it.each(cases().map((x) => [x[0], x] as const))('%s', async (_name, [, call, code]) => {
    await expectRefused(kit.core, call, code);
  });

  it('names the field and the problem for zod errors', async () => {
    const err = await expectRefused(kit.core, () => c.cart.setQuantity.mutate({ lineId: ids.loafLine, quantity: 0 }), 'BAD_INPUT');
    expect(err.message).toContain('quantity');
    expect(err.message).toContain('Use void to remove a line');
    expect(errorData(err).issues).toEqual([{ path: 'quantity', message: 'Use void to remove a line' }]);
    expect(errorData(err).httpStatus).toBe(400);
  });

  it('the cart still holds what it had: one loaf and two croissants', async () => {
    const cart = await c.cart.current.query();
    expect(cart?.lines.map((l) => [l.sku, l.quantity])).toEqual([
      ['LOAF-1', 1],
      ['CRO-1', 2],
    ]);
    expect(cart?.totals.totalCents).toBe(840);
  });
});
