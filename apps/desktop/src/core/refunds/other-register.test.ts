import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAppError, parseReceiptNumber, uuidv7, type ErrorCode } from '@makeries/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCounterCore } from '../index';
import { createSyncClient } from '../sync/client';
import { createServerRemoteSales } from './remote-gateway';
import { proofHeader } from '../staff/proofs';
import { buildRefundReceipt } from '../printing/documents/refund';
import { reportSummary } from '../reports/summary';
import { counterOrders, createServerShop, makeCounter, readyToSell, sell, syncUntil, urlOf, type ServerShop, type TestCounter } from '../sync/test-kit';
import { startServerProcess, type ServerProcess } from '../test/server-process';

/*
 * Two registers of one shop against the real server: a customer brings register A's receipt to register B.
 * Online, B finds it on the server and refunds it there first, so neither register can give back what the
 * other already did; offline, B says why it cannot and where the customer can be refunded.
 */

let server: ServerProcess;
let shop: ServerShop;
let a: TestCounter;
let b: TestCounter;
const managerPin = '7391';

async function refusal(p: Promise<unknown>): Promise<{ code: ErrorCode; message: string; details: Record<string, unknown> | undefined }> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return { code: e.code, message: e.message, details: e.details };
    throw e;
  }
  throw new Error('expected a refusal, but it went through');
}

function counts(t: TestCounter): { refunds: number; outbox: number; sales: number } {
  const one = (sql: string) => (t.core.ctx.sqlite.prepare(sql).get() as { n: number }).n;
  return { refunds: one('SELECT count(*) AS n FROM refunds'), outbox: one('SELECT count(*) AS n FROM outbox'), sales: one('SELECT count(*) AS n FROM sales') };
}

const extra: { cleanup(): Promise<void> }[] = [];

/** A register whose next answer from the marketplace's counterSales procedures is lost after the server acted. */
function lossyCounter() {
  const dir = mkdtempSync(join(tmpdir(), 'counter-lossy-'));
  let drop = false;
  const lossy: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    if (drop && urlOf(input).includes('counterSales.refund')) {
      drop = false;
      throw new TypeError('fetch failed: connection reset');
    }
    return res;
  };
  // the refund carries the staff proofs of the cashier and the approving manager, as the core's own gateway does
  const proofs = (ids: readonly string[]) => proofHeader(core.ctx, [core.ctx.session.current?.staffId, ...ids]);
  const core = createCounterCore({ dataDir: dir, remoteSales: createServerRemoteSales({ dataDir: dir, fetch: lossy, proofs }) });
  const sync = createSyncClient({ core, serverUrl: server.url, random: () => 0.25 });
  const t: TestCounter = {
    core,
    sync,
    dir,
    async cleanup() {
      await sync.stop();
      core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  extra.push(t);
  return Object.assign(t, { dropNextAnswer: () => void (drop = true) });
}

beforeAll(async () => {
  server = await startServerProcess();
  shop = await createServerShop(server.url, 'Twin');
  await shop.owner.staff.create.mutate({ role: 'manager', name: 'Twin Manager', email: `manager-${Date.now()}@twin.example`, password: 'long enough pw', pin: managerPin });
  a = makeCounter(server.url, { random: () => 0.25 });
  b = makeCounter(server.url, { random: () => 0.25 });
  await a.sync.pair(await shop.pairingCode());
  await b.sync.pair(await shop.pairingCode());
  await readyToSell(a.core, shop);
  await readyToSell(b.core, shop);
}, 180_000);

afterAll(async () => {
  for (const t of extra) await t.cleanup();
  await a?.cleanup();
  await b?.cleanup();
  await server?.destroy();
});

describe('a refund at another register of the same shop', () => {
  let saleId = '';
  let number = '';
  let lineId = '';

  it('register B finds A’s receipt on the server by its number, with nothing refunded yet', async () => {
    const sale = sell(a.core, shop.loaf, 3);
    saleId = sale.id;
    number = sale.number;
    lineId = sale.lines[0]?.id ?? '';
    await syncUntil(a.sync, 'A’s sale reached the server', () => expect(a.core.sales.byId({ saleId }).syncStatus).toBe('applied'));
    await b.sync.syncNow();
    expect(b.sync.status().online).toBe(true);
    expect(number.startsWith(`${a.core.device.get().registerCode}-`)).toBe(true);
    const typed = number.toLowerCase().replace(/-0+/, '-'); // "a1-7", as a cashier would type it
    const found = await b.core.refunds.find({ number: typed });
    expect(found).toMatchObject({ id: saleId, number, remote: true, totalCents: 1350, registerCode: a.core.device.get().registerCode });
    expect(found.lines).toEqual([expect.objectContaining({ id: lineId, quantity: 3, refundedQuantity: 0 })]);
  });

  it('B refunds one loaf in cash: recorded on the server first, then in B’s drawer, shift, reports and refund slip', async () => {
    const before = b.core.shifts.xReport();
    const refund = await b.core.refunds.refund({ saleId, lines: [{ saleLineId: lineId, quantity: 1 }], restock: true, tender: 'cash', approval: { pin: managerPin } });
    expect(refund).toMatchObject({ saleNumber: number, tender: 'cash', totalCents: 450, paidOutCents: 450 });
    expect(refund.number.startsWith(`${b.core.device.get().registerCode}-`)).toBe(true);
    // B's drawer gave it out; A's sale is not B's sale
    const x = b.core.shifts.xReport();
    expect(x.refunds).toMatchObject({ count: before.refunds.count + 1, totalCents: before.refunds.totalCents + 450 });
    expect(x.cash.expectedCents).toBe(before.cash.expectedCents - 450);
    expect(x.sales.count).toBe(before.sales.count);
    const today = reportSummary(b.core.ctx, { range: { preset: 'today' } });
    expect(today.refunds.map((r) => [r.number, r.saleNumber, r.paidOutCents])).toEqual([[refund.number, number, 450]]);
    expect(today.tenders.find((t) => t.kind === 'cash')).toMatchObject({ takenCents: 0, refundedCents: 450 });
    expect(today.topProducts).toEqual([]);
    // the refund slip prints from B's own records
    const slip = buildRefundReceipt(b.core.ctx.db, refund, { serverUrl: server.url });
    expect(slip).toMatchObject({ type: 'refund', number: refund.number });
    // the server already has it: the order is part refunded
    const order = (await counterOrders(shop)).find((o) => o.id === saleId);
    expect(order?.paymentStatus).toBe('partially_refunded');
  });

  it('A (online) cannot give back what B already did: the server refuses before any money, nothing is written', async () => {
    await a.sync.syncNow();
    // A's own view of the receipt now shows B's refund
    expect((await a.core.refunds.find({ number })).lines[0]).toMatchObject({ refundedQuantity: 1 });
    const before = counts(a);
    const refused = await refusal(a.core.refunds.refund({ saleId, lines: [{ saleLineId: lineId, quantity: 3 }], restock: true, tender: 'cash', approval: { pin: managerPin } }));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/Already refunded/);
    expect(refused.details).toMatchObject({ alreadyRefunded: true, quantityLeft: 2 });
    expect(counts(a)).toEqual(before);
  });

  it('A refunds the other two, then a further attempt from A or from B is refused', async () => {
    const ok = await a.core.refunds.refund({ saleId, lines: [{ saleLineId: lineId, quantity: 2 }], restock: false, tender: 'cash', approval: { pin: managerPin } });
    expect(ok.totalCents).toBe(900);
    const fromA = await refusal(a.core.refunds.refund({ saleId, restock: false, tender: 'cash', approval: { pin: managerPin } }));
    expect(fromA.code).toBe('CONFLICT');
    const beforeB = counts(b);
    // B's refund dialog would offer nothing; asked anyway, the server's figures refuse it
    const fromB = await refusal(b.core.refunds.refund({ saleId, lines: [{ saleLineId: lineId, quantity: 1 }], restock: false, tender: 'cash', approval: { pin: managerPin } }));
    expect(fromB.code).toBe('BAD_INPUT');
    expect(fromB.message).toMatch(/Only 0 of/);
    expect(counts(b)).toEqual(beforeB);
    const order = (await counterOrders(shop)).find((o) => o.id === saleId);
    expect(order?.paymentStatus).toBe('refunded');
    // both registers' outboxes still carry their refunds; the server already has them, so none is rejected
    await syncUntil(a.sync, 'A sent everything', () => expect(a.sync.status()).toMatchObject({ pending: 0, rejected: 0 }));
    await syncUntil(b.sync, 'B sent everything', () => expect(b.sync.status()).toMatchObject({ pending: 0, rejected: 0 }));
  });

  it('an answer lost on the way back: the retry with the same refund id refunds once, with the first number', async () => {
    const c = lossyCounter();
    await c.sync.pair(await shop.pairingCode());
    await readyToSell(c.core, shop);
    const sale = sell(a.core, shop.bun, 2);
    await syncUntil(a.sync, 'A’s bun sale reached the server', () => expect(a.core.sales.byId({ saleId: sale.id }).syncStatus).toBe('applied'));
    await c.sync.syncNow();
    const found = await c.core.refunds.find({ number: sale.number });
    const refundId = uuidv7();
    const ask = { saleId: found.id, refundId, lines: [{ saleLineId: found.lines[0]?.id ?? '', quantity: 1 }], restock: true, tender: 'cash' as const, approval: { pin: managerPin } };
    const before = counts(c);
    c.dropNextAnswer();
    const lost = await refusal(c.core.refunds.refund(ask));
    expect(lost.code).toBe('CONFLICT');
    expect(lost.message).toMatch(/No answer from the marketplace.*Give no money back yet: try again/);
    expect(counts(c)).toEqual(before); // nothing here yet: no money was handed over
    const refund = await c.core.refunds.refund(ask);
    expect(refund).toMatchObject({ id: refundId, totalCents: 120 });
    // the server kept its first recording: one bun refunded, not two; the number is the one it got first
    const again = await c.core.refunds.find({ number: sale.number });
    expect(again.lines[0]).toMatchObject({ refundedQuantity: 1, refundedCents: 120 });
    expect(await c.core.refunds.refund(ask)).toEqual(refund); // and a third press changes nothing
    expect(counts(c).refunds).toBe(before.refunds + 1);
    // the retry took a new number, but the refund keeps the one the server recorded first (the retry's is unused)
    const next = sell(c.core, shop.bun, 1);
    expect(parseReceiptNumber(refund.number)?.sequence).toBe((parseReceiptNumber(next.number)?.sequence ?? 0) - 2);
  });

  it('offline, B says clearly why it cannot refund A’s receipt and where it can be', async () => {
    const another = sell(a.core, shop.bun, 1);
    await syncUntil(a.sync, 'A’s second sale reached the server', () => expect(a.core.sales.byId({ saleId: another.id }).syncStatus).toBe('applied'));
    await server.stop();
    await b.sync.syncNow();
    expect(b.sync.status().online).toBe(false);
    const code = a.core.device.get().registerCode;
    const expected = `This sale was made on register ${code}. Connect to the internet to refund it here, or refund it at register ${code}.`;
    for (const n of [another.number, number]) {
      const f = await refusal(b.core.refunds.find({ number: n }));
      expect(f).toMatchObject({ code: 'CONFLICT', message: expected, details: { offline: true, registerCode: code } });
    }
    // refunding the copy B keeps of the first receipt is refused the same way, and writes nothing
    const before = counts(b);
    const f = await refusal(b.core.refunds.refund({ saleId, restock: false, tender: 'cash', approval: { pin: managerPin } }));
    expect(f.message).toBe(expected);
    expect(counts(b)).toEqual(before);
    // B's own receipts still refund offline, as always
    const own = sell(b.core, shop.bun, 1);
    expect((await b.core.refunds.find({ number: own.number })).remote).toBe(false);
    const local = await b.core.refunds.refund({ saleId: own.id, restock: true, tender: 'cash', approval: { pin: managerPin } });
    expect(local.totalCents).toBe(120);
  });
});
