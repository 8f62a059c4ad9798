import { isAppError, MUTATION_ARGS } from '@makeries/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { parseHlc, compareHlc } from '../hlc';
import { count, makeCore, seedShop, signIn, type Shop, type TestCore } from '../test/fixtures';

let t: TestCore;
afterEach(() => t.cleanup());

async function ready(): Promise<Shop> {
  t = makeCore();
  const shop = await seedShop(t.core);
  await signIn(t.core, shop);
  t.core.shifts.open({ floatCents: 5000 });
  return shop;
}

function sell(shop: Shop, tenders: 'cash' | 'card' = 'card'): void {
  // many sales of one item: past its stock level the till asks, and the cashier sells anyway
  t.core.cart.addScan({ code: shop.barcodes.croissant, sellAnyway: true });
  t.core.sales.complete({
    tenders: tenders === 'cash' ? [{ kind: 'cash', tenderedCents: 200 }] : [{ kind: 'external_card', amountCents: 195 }],
  });
}

describe('outbox', () => {
  it('numbers past the server mark when this counter\'s database was restored from an older copy', async () => {
    const shop = await ready();
    sell(shop);
    const before = t.core.outbox.after(0, 10).map((m) => m.mutationId);
    expect(before).toEqual([1, 2]); // the shift opening and the sale
    // the server already holds mutations up to 50 from before the restore
    t.core.ctx.sqlite.prepare('UPDATE device SET server_last_mutation_id = 50 WHERE slot = 1').run();
    sell(shop);
    sell(shop);
    expect(t.core.outbox.after(0, 10).map((m) => m.mutationId)).toEqual([1, 2, 51, 52]);
  });

  it('numbers mutations 1..n without gaps across many sales, shift events and failed writes', async () => {
    const shop = await ready();
    for (let i = 0; i < 40; i++) {
      sell(shop, i % 2 === 0 ? 'cash' : 'card');
      if (i % 10 === 0) t.core.shifts.paidIn({ amountCents: 100, reason: 'change float' });
      if (i === 20) {
        // a sale that fails (not enough cash) must not burn a mutation id
        t.core.cart.addScan({ code: shop.barcodes.loaf });
        expect(() => t.core.sales.complete({ tenders: [{ kind: 'cash', tenderedCents: 1 }] })).toThrow();
        t.core.cart.voidCart();
      }
    }
    const all = t.core.outbox.after(0, 1000);
    expect(all.map((m) => m.mutationId)).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    expect(all.filter((m) => m.name === 'sale.complete')).toHaveLength(40);
    expect(new Set(all.map((m) => m.id)).size).toBe(all.length);
    for (const m of all) {
      expect(MUTATION_ARGS[m.name].safeParse(m.args).success).toBe(true);
      expect(m.argsVersion).toBe(1);
    }
    const clocks = all.map((m) => parseHlc(m.hlc));
    for (let i = 1; i < clocks.length; i++) expect(compareHlc(clocks[i - 1]!, clocks[i]!)).toBe(-1);
  });

  it('keeps clocks monotonic when the wall clock steps back, across a restart', async () => {
    const shop = await ready();
    sell(shop);
    t.clock.advance(-3_600_000);
    sell(shop);
    t.reopen();
    await signIn(t.core, shop);
    t.clock.advance(-60_000);
    sell(shop);
    const hlcs = t.core.outbox.after(0).map((m) => m.hlc);
    expect([...hlcs].sort()).toEqual(hlcs);
    expect(new Set(hlcs).size).toBe(hlcs.length);
  });

  it('marks results without deleting rows; rejections stay visible with their code', async () => {
    const shop = await ready();
    sell(shop);
    sell(shop);
    t.core.outbox.recordResults(
      [
        { mutationId: 1, status: 'applied' },
        { mutationId: 2, status: 'duplicate' },
        { mutationId: 3, status: 'rejected', code: 'NOT_FOUND', message: 'Unknown product' },
      ],
      3,
    );
    expect(t.core.outbox.stats()).toEqual({ pending: 0, applied: 2, rejected: 1, lastMutationId: 3 });
    expect(t.core.outbox.pending()).toEqual([]);
    expect(t.core.outbox.rejections()).toMatchObject([{ mutationId: 3, code: 'NOT_FOUND', message: 'Unknown product' }]);
    expect(t.core.mirror.state().serverLastMutationId).toBe(3);
    // after an epoch change the sync client resends everything past the server's mark, acknowledged or not
    expect(t.core.outbox.after(1).map((m) => m.mutationId)).toEqual([2, 3]);
    expect(count(t.core, 'outbox')).toBe(3);
  });

  it('survives logout, a new epoch and re-bootstrap; unpairing is refused while rows are pending', async () => {
    const shop = await ready();
    sell(shop);
    t.core.staff.logout();
    t.core.mirror.beginBootstrap();
    t.core.mirror.commitBootstrap({ cursor: '0', epoch: 'epoch-2' });
    expect(t.core.outbox.pending()).toHaveLength(2);
    let code = '';
    try {
      t.core.device.unpair();
    } catch (e) {
      code = isAppError(e) ? e.code : 'other';
    }
    expect(code).toBe('CONFLICT');
    expect(() => t.core.device.pair({ deviceId: '0196a000-0000-7000-8000-0000000000aa', vendorId: shop.vendorId, registerCode: 'A2' })).toThrow(
      /has not received/,
    );
    t.core.outbox.recordResults([
      { mutationId: 1, status: 'applied' },
      { mutationId: 2, status: 'applied' },
    ]);
    t.core.device.unpair();
    expect(t.core.device.get().deviceId).toBeNull();
    expect(count(t.core, 'outbox')).toBe(2);
  });
});
