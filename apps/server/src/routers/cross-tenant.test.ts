import { uuidv7 } from '@makeries/shared';
import type { ZodType } from 'zod';
import { beforeAll, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { envelope, epochOf } from '../services/sync/sync-test-kit';
import { foreignState, secretsOf, tenantShop, type TenantShop } from '../test/cross-tenant-kit';
import { describeEachDb, type Caller } from '../test/harness';
import { appRouter } from './index';

interface ProcedureDef {
  _def: { type: string; inputs: ZodType[]; middlewares: { toString(): string }[] };
}

const PROCEDURES = appRouter._def.procedures as unknown as Record<string, ProcedureDef>;

/** A procedure is vendor-scoped when its auth middleware puts the caller's shop into the context. */
const isVendorScoped = (p: ProcedureDef): boolean => p._def.middlewares.some((m) => m.toString().includes('ctx.actor.vendorId'));
const VENDOR_SCOPED = Object.keys(PROCEDURES).filter((path) => isVendorScoped(PROCEDURES[path]!));

const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const today = new Date().toISOString().slice(0, 10);

type Build = (x: TenantShop, y: TenantShop, db: Db, as: 'owner' | 'device') => unknown;
type Case = Build | { skip: string };

/**
 * Shop X's best attempt at shop Y through each vendor-scoped procedure: Y's ids where the input takes ids, or
 * (for procedures scoped by the session alone) a plain call whose answer must hold nothing of Y's. A vendor-scoped
 * procedure without an entry here fails the first test.
 */
const CASES: Record<string, Case> = {
  'auth.staffLogout': { skip: 'ends the caller’s own session; takes no ids' },
  'vendors.mine': () => undefined,
  'vendors.update': () => ({ name: 'X renamed' }),
  'vendors.setPaused': () => ({ paused: false }),
  'staff.list': () => undefined,
  'staff.create': () => ({ role: 'cashier', name: 'New cashier', pin: '4321' }),
  'staff.update': (_x, y) => ({ staffId: y.cashierId, name: 'Hijacked' }),
  'staff.deactivate': (_x, y) => ({ staffId: y.cashierId }),
  'staff.verifyPin': (_x, y) => ({ staffId: y.ownerId, pin: '1234' }),
  'devices.createPairingCode': () => ({ deviceName: 'Back till' }),
  'devices.list': () => undefined,
  'devices.revoke': (_x, y) => ({ deviceId: y.counter.deviceId }),
  'devices.me': () => undefined,
  'catalog.taxRates.list': () => undefined,
  'catalog.taxRates.create': (_x, y) => ({ id: y.taxRateId, taxClass: 'standard', name: 'Hijack', rateBps: 0 }),
  'catalog.taxRates.update': (_x, y) => ({ id: y.taxRateId, rateBps: 0 }),
  'catalog.taxRates.remove': (_x, y) => ({ id: y.taxRateId }),
  'products.list': (_x, y) => ({ categoryId: y.categoryId, status: 'all' }),
  'products.create': (_x, y) => ({ id: y.productId, name: 'Hijack', variants: [{ sku: `HJ-${uuidv7().slice(-6)}`, priceCents: 1 }] }),
  'products.update': (_x, y) => ({ productId: y.productId, name: 'Hijack' }),
  'products.upsertVariant': (_x, y) => ({ productId: y.productId, id: y.variantId, sku: 'HJ-2', priceCents: 1 }),
  'products.archive': (_x, y) => ({ productId: y.productId }),
  'products.uploadImage': (_x, y) => ({ productId: y.productId, contentType: 'image/png', dataBase64: PNG_1PX }),
  'products.uploadImageFromCounter': (_x, y) => ({ productId: y.productId, contentType: 'image/png', dataBase64: PNG_1PX }),
  'products.removeImage': (_x, y) => ({ imageId: y.imageId }),
  'inventory.receive': (_x, y) => ({ id: uuidv7(), variantId: y.variantId, quantity: 5 }),
  'inventory.count': (_x, y) => ({ id: uuidv7(), variantId: y.variantId, quantity: 0 }),
  'inventory.adjust': (_x, y) => ({ id: uuidv7(), variantId: y.variantId, quantity: -3, note: 'x' }),
  'inventory.levels': (_x, y) => ({ productId: y.productId, variantIds: [y.variantId] }),
  'inventory.lowStock': () => ({}),
  'inventory.movements': (_x, y) => ({ variantId: y.variantId }),
  'inventory.alerts': () => ({ includeResolved: true }),
  'inventory.resolveAlert': (_x, y) => ({ alertId: y.alertId }),
  'orders.listForVendor': () => ({}),
  'messages.listForShop': (_x, y) => ({ orderId: y.webOrderId }),
  'messages.reply': (_x, y) => ({ id: uuidv7(), orderId: y.webOrderId, text: 'Hello from X' }),
  'messages.reportFromShop': (_x, y) => ({ orderId: y.webOrderId, messageId: uuidv7(), reason: 'spam' }),
  'payments.refundOrder': (_x, y) => ({ orderId: y.webOrderId, amountCents: 100, refundId: uuidv7() }),
  'payments.payouts': () => ({ from: '2020-01-01', to: today }),
  'payments.terminal.registerReader': () => ({ registrationCode: 'simulated-wpe', label: 'Till' }),
  'payments.terminal.readers': () => undefined,
  'payments.terminal.start': (_x, y) => ({ saleId: y.saleId, amountCents: 100, readerId: 'tmr_other' }),
  'payments.terminal.status': () => ({ paymentIntentId: 'pi_other' }),
  'payments.terminal.cancel': () => ({ paymentIntentId: 'pi_other' }),
  'payments.terminal.refund': () => ({ paymentIntentId: 'pi_other', amountCents: 100, refundId: uuidv7() }),
  'payments.connect.link': () => ({}),
  'payments.connect.status': () => undefined,
  'payments.connect.refresh': () => undefined,
  'sync.push': { skip: 'every mutation kind has its own cross-tenant cases in services/sync/cross-tenant-push.test.ts' },
  'sync.pull': () => ({ epoch: null }),
  'sync.rejections': () => ({}),
  'counterCustomers.lookup': (_x, y) => ({ query: y.customer.email }),
  'counterCustomers.uploadReceiptLogo': () => ({ contentType: 'image/png', dataBase64: PNG_1PX }),
  'counterCustomers.receiptLogo': () => undefined,
  'counterCustomers.removeReceiptLogo': () => undefined,
  // the POS link: scoped by the session alone (one connection per shop); the one id it takes is a job of the shop's list
  'bridges.status': () => undefined,
  'bridges.connectUrl': () => ({ provider: 'square' }),
  'bridges.partnerAccounts': () => ({ provider: 'toast' }),
  'bridges.claimAccount': () => ({ provider: 'toast', accountId: 'restaurant-of-another-shop' }),
  'bridges.locations': () => undefined,
  'bridges.chooseLocation': () => ({ locationId: 'L-OTHER-SHOP' }),
  'bridges.startImport': () => undefined,
  'bridges.preview': () => undefined,
  'bridges.attention': () => ({ limit: 10 }),
  'bridges.applyImport': () => ({ match: 'sku' }),
  'bridges.setOptions': () => ({ webOrdersInPos: true }),
  'bridges.pause': () => undefined,
  'bridges.resume': () => undefined,
  'bridges.disconnect': () => undefined,
  'bridges.syncNow': () => undefined,
  'bridges.log': () => ({ limit: 10 }),
  'bridges.failedJobs': () => ({ limit: 10 }),
  'bridges.retryJob': () => ({ jobId: uuidv7() }),
  // promo codes: a shop's list holds only its own codes; another shop's code id is NOT_FOUND (routers/promos.test.ts
  // proves it with a real code of the other shop)
  'promos.list': () => ({}),
  'promos.create': () => ({ code: `XT${uuidv7().slice(-8).toUpperCase()}`, discount: { kind: 'percent', bps: 1000 } }),
  'promos.update': () => ({ promoId: uuidv7(), active: false }),
  'promos.redemptions': () => ({ promoId: uuidv7() }),
  'counterSales.find': (_x, y) => ({ saleId: y.saleId }),
  'counterSales.refund': (x, y) => ({
    id: uuidv7(),
    orderId: y.saleId,
    number: `${x.counter.registerCode}-R999992`,
    staffId: x.ownerId,
    approvedBy: x.ownerId,
    refundedAt: new Date().toISOString(),
    restock: true,
    lines: [{ orderLineId: y.saleLineId, quantity: 1, amountCents: 250 }],
    totalCents: 250,
    tender: 'cash',
  }),
  // loyalty: scoped by the session; a customer id of Y's answers X's own card of that customer (no balance of Y's)
  'loyalty.programme': () => undefined,
  'loyalty.setProgramme': () => ({ programme: { kind: 'points', pointsPerPound: 1, pointsPerPoundOff: 100 } }),
  'loyalty.overdrawn': () => ({ limit: 10 }),
  'loyalty.counterLookup': (_x, y) => ({ query: y.customer.email }),
  'loyalty.counterBalance': (_x, y) => ({ customerId: y.customer.id }),
};

function procedureAt(caller: Caller, path: string): (input: unknown) => Promise<unknown> {
  return path.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], caller) as (input: unknown) => Promise<unknown>;
}

it('every vendor-scoped procedure of the router declares a cross-tenant case', () => {
  expect(VENDOR_SCOPED.length).toBeGreaterThan(40);
  expect(VENDOR_SCOPED.filter((p) => !(p in CASES))).toEqual([]);
  expect(Object.keys(CASES).filter((p) => !VENDOR_SCOPED.includes(p))).toEqual([]);
});

describeEachDb("vendor-scoped procedures: shop X's owner and counter aiming at shop Y", (get) => {
  const db = () => get().database.db;
  let x: TenantShop;
  let y: TenantShop;

  beforeAll(async () => {
    x = await tenantShop(get());
    y = await tenantShop(get());
  });

  const runnable = VENDOR_SCOPED.filter((p) => typeof CASES[p] === 'function');
  it.each(runnable.flatMap((p) => [[p, 'owner'] as const, [p, 'device'] as const]))(
    '%s as X’s %s: refused or answers only X’s own, and changes nothing of anyone else',
    async (path, as) => {
      const build = CASES[path] as Build;
      const input = build(x, y, db(), as);
      const schema = PROCEDURES[path]!._def.inputs[0];
      if (schema) expect(schema.safeParse(input).error?.issues ?? []).toEqual([]);
      const before = await foreignState(db(), x.vendorId);
      const caller = as === 'owner' ? x.owner : x.counter.caller;
      const outcome = await procedureAt(caller, path)(input).then(
        (answer) => ({ answer }),
        (e: unknown) => ({ refused: (e as { code?: string }).code ?? String(e) }),
      );
      if ('answer' in outcome) {
        // what X sent is no secret to X (e.g. the email typed into a customer lookup)
        const text = JSON.stringify(outcome.answer) ?? '';
        const sent = JSON.stringify(input) ?? '';
        expect(secretsOf(y).filter((s) => !sent.includes(s) && text.includes(s))).toEqual([]);
      } else {
        expect(outcome.refused).not.toBe('INTERNAL_SERVER_ERROR');
      }
      expect(await foreignState(db(), x.vendorId)).toEqual(before);
    },
  );

  it("X's counter pushing at Y's stock through sync.push is rejected and changes nothing of Y's", async () => {
    const before = await foreignState(db(), x.vendorId);
    const me = await x.counter.caller.devices.me();
    const res = await x.counter.caller.sync.push({
      epoch: await epochOf(db()),
      mutations: [
        envelope(me.device.lastMutationId + 1, 'stock.movement', {
          id: uuidv7(),
          variantId: y.variantId,
          kind: 'receive',
          quantity: 50,
          occurredAt: new Date().toISOString(),
          staffId: x.ownerId,
        }),
      ],
    });
    expect(res.results.map((r) => r.status)).toEqual(['rejected']);
    expect(await foreignState(db(), x.vendorId)).toEqual(before);
  });
});
