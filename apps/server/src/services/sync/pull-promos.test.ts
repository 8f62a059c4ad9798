import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { promoCodes } from '../../db/schema/index';
import { describeEachDb } from '../../test/harness';
import { marketPromo, shopPromo } from '../promos/test-kit';
import { epochOf, latest, pairCounter, pullAll, pullUntil, settle } from './sync-test-kit';

describeEachDb('sync.pull promo codes (issue 18: the till takes its shop’s codes)', (get) => {
  const db = () => get().database.db;

  describe('feed', () => {
    it('bootstraps a counter with its own shop’s codes only — not another shop’s, not marketplace codes', async () => {
      const c = await pairCounter(get());
      const other = await pairCounter(get());
      const mine = await shopPromo(db(), c.shop.vendorId, { code: 'TILL10', discount: { kind: 'percent', bps: 1000 }, minBasketCents: 500, firstOrderOnly: true });
      const theirs = await shopPromo(db(), other.shop.vendorId, { code: 'THEIRS', discount: { kind: 'amount', amountCents: 200 } });
      const market = await marketPromo(db(), { code: `MKT${mine.id.slice(-6)}`.toUpperCase(), discount: { kind: 'percent', bps: 500 } });
      const { changes } = await pullAll(c.caller, null);
      expect(latest(changes, 'promo_code', mine.id)).toEqual({
        entity: 'promo_code',
        op: 'upsert',
        id: mine.id,
        data: expect.objectContaining({ code: 'TILL10', vendorId: c.shop.vendorId, discount: { kind: 'percent', bps: 1000 }, minBasketCents: 500, firstOrderOnly: true, active: true }),
      });
      const ids = changes.filter((ch) => ch.entity === 'promo_code').map((ch) => ch.id);
      expect(ids).not.toContain(theirs.id);
      expect(ids).not.toContain(market.id);
    });

    it('sends a deactivated code to the counter, but a use (the counters on the row) changes nothing there', async () => {
      const c = await pairCounter(get());
      const promo = await shopPromo(db(), c.shop.vendorId, { code: 'FIVEOFF', discount: { kind: 'amount', amountCents: 500 } });
      const epoch = await epochOf(db());
      const cursor = await settle(db(), c.caller, epoch, (await pullAll(c.caller, epoch)).cursor);
      const logged = async () => {
        const [r] = await queryRows<{ n: string }>(db(), sql`SELECT count(*) AS n FROM change_log WHERE entity = 'promo_code' AND entity_id = ${promo.id}`);
        return Number(r?.n ?? 0);
      };
      const before = await logged();
      await db().update(promoCodes).set({ uses: sql`${promoCodes.uses} + 1`, discountGivenCents: 500 }).where(eq(promoCodes.id, promo.id));
      expect(await logged()).toBe(before);
      await db().update(promoCodes).set({ active: false }).where(eq(promoCodes.id, promo.id));
      const next = await pullUntil(c.caller, epoch, cursor, (chs) => latest(chs, 'promo_code', promo.id)?.data?.active === false);
      expect(latest(next.changes, 'promo_code', promo.id)).toMatchObject({ op: 'upsert', data: { code: 'FIVEOFF', active: false } });
    });
  });
});
