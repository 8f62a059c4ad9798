import { uuidv7 } from '@makeries/shared';
import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/harness';
import { levelOf } from '../orders/test-kit';
import { addProduct, envelope, epochOf, pairCounter, pushCounts, saleArgs } from './sync-test-kit';

/*
 * A queued counter mutation whose free text holds a NUL (PostgreSQL cannot store it) is the mutation's fault:
 * it is rejected as BAD_INPUT and recorded, and the queue behind it moves on — never an infrastructure error
 * that rolls the batch back and blocks the counter's outbox for ever.
 */
describeEachDb('sync.push with control characters in the args', (get) => {
  const db = () => get().database.db;

  it('rejects each such mutation as BAD_INPUT naming the field, records it, writes nothing for it, and applies the rest', async () => {
    const c = await pairCounter(get());
    const jam = await addProduct(db(), c.shop.vendorId, { name: 'Jam', priceCents: 250, stock: 20 });
    const withNote = saleArgs(c, [[jam, 1]], { note: 'gift\u0000' });
    const plain = saleArgs(c, [[jam, 1]]);
    const badLine = saleArgs(c, [[jam, 1]]);
    badLine.lines[0]!.name = 'Jam\u0000';
    const adjust = { id: uuidv7(), variantId: jam.variantId, kind: 'adjust', quantity: -1, occurredAt: new Date().toISOString(), note: 'dropped\u0000', staffId: c.staffId };
    const before = await pushCounts(db());

    const res = await c.caller.sync.push({
      epoch: await epochOf(db()),
      mutations: [
        envelope(1, 'sale.complete', withNote),
        envelope(2, 'sale.complete', badLine),
        envelope(3, 'stock.movement', adjust),
        envelope(4, 'sale.complete', plain),
      ],
    });

    expect(res.lastMutationId).toBe(4);
    expect(res.results.map((r) => r.code ?? r.status)).toEqual(['BAD_INPUT', 'BAD_INPUT', 'BAD_INPUT', 'applied']);
    expect(res.results[0]?.message).toMatch(/note — Notes cannot contain control characters/);
    expect(res.results[1]?.message).toMatch(/lines\.0\.name — Item names cannot contain control characters/);
    expect(res.results[2]?.message).toMatch(/note — Notes cannot contain control characters/);
    const after = await pushCounts(db());
    expect(after.orders - before.orders).toBe(1);
    expect(after.movements - before.movements).toBe(1);
    expect((await levelOf(db(), jam.variantId)).onHand).toBe(19);
    const rejected = await c.caller.sync.rejections({});
    expect(rejected.map((r) => [r.mutationId, r.code])).toEqual(
      expect.arrayContaining([
        [1, 'BAD_INPUT'],
        [2, 'BAD_INPUT'],
        [3, 'BAD_INPUT'],
      ]),
    );
  });
});
