import { uuidv7 } from '@makeries/shared';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { posConnections, vendors } from '../../db/schema/index';
import { DB_KINDS } from '../../test/db';
import { createVendorFixture, type VendorFixture } from '../../test/fixtures';
import { failure } from '../orders/test-kit';
import { chooseLocation, claimPartnerAccount } from './connect';
import { sealFor } from './connections';
import { TOAST_PARTNER_MARKER } from './toast/connector';
import { disconnect } from './manage';
import { RESTAURANT, startToastRig, type ToastRig } from './toast-test-kit';

async function emailOf(rig: ToastRig, vendorId: string): Promise<string> {
  const [v] = await rig.db.select({ email: vendors.email }).from(vendors).where(eq(vendors.id, vendorId));
  return v?.email ?? '';
}

/** Everything a claim could write: connections and their sync log. */
async function written(rig: ToastRig): Promise<{ connections: number; log: number }> {
  const [r] = await queryRows<{ connections: number; log: number }>(rig.db, sql`SELECT (SELECT count(*) FROM pos_connections)::int AS connections, (SELECT count(*) FROM pos_sync_log)::int AS log`);
  return r ?? { connections: -1, log: -1 };
}

for (const kind of DB_KINDS) {
  /**
   * Toast connects from Toast's side: a restaurant adds Makeries in Toast's integrations, then the shop owner claims it.
   * Only a restaurant added with the owner's own address, and bridged to no other shop, may be claimed.
   */
  describe(`claiming a Toast restaurant [${kind}]`, () => {
    let rig: ToastRig;
    let other: VendorFixture;
    let ownerEmail: string;

    beforeAll(async () => {
      rig = await startToastRig(kind);
      ownerEmail = await emailOf(rig, rig.vendor.vendorId);
      other = await createVendorFixture(rig.db, { currency: 'GBP' });
      // the owner's own restaurant (Toast keeps the address as typed: compared without case)
      rig.fake.restaurant(RESTAURANT).createdBy = ownerEmail.toUpperCase();
      rig.fake.addRestaurant('r-stranger', { name: 'Harbour Café', locationName: 'Quay', currencyCode: 'GBP', createdBy: 'someone@else.test' });
      // another shop on the marketplace bridged this one first (it was added with their address, later re-added with ours)
      rig.fake.addRestaurant('r-taken', { name: 'Market Stall', locationName: 'Square', currencyCode: 'GBP', createdBy: await emailOf(rig, other.vendorId) });
      await claimPartnerAccount(rig.db, rig.env, other.vendorId, 'toast', 'r-taken');
      rig.fake.restaurant('r-taken').createdBy = ownerEmail;
      // one that added Makeries and removed it again
      rig.fake.addRestaurant('r-gone', { name: 'Closed Deli', currencyCode: 'GBP', createdBy: ownerEmail });
      rig.fake.removePartner('r-gone');
    }, 120_000);
    afterAll(async () => rig.close());

    it('lists only what was added with the owner’s address (another business’s restaurant is not shown), usable when bridged to no other shop', async () => {
      const owner = await rig.server.caller({ bearer: rig.vendor.ownerToken });
      const accounts = await owner.bridges.partnerAccounts({ provider: 'toast' });
      expect(accounts).toEqual({
        items: [
          { id: RESTAURANT, name: 'Corner Bakery — High St', addedBy: ownerEmail.toUpperCase(), usable: true, why: null },
          { id: 'r-taken', name: 'Market Stall — Square', addedBy: ownerEmail, usable: false, why: 'Another shop on this marketplace is bridged to it.' },
        ],
        nextCursor: null,
      });
      // paged
      const first = await owner.bridges.partnerAccounts({ provider: 'toast', limit: 1 });
      expect(first.items.map((a) => a.id)).toEqual([RESTAURANT]);
      const second = await owner.bridges.partnerAccounts({ provider: 'toast', limit: 1, cursor: first.nextCursor ?? '' });
      expect(second).toEqual({ items: [expect.objectContaining({ id: 'r-taken' }) as unknown], nextCursor: null });
    });

    it('refuses to claim a restaurant added by another address, one bridged to another shop, or one not (or no longer) added; nothing is written', async () => {
      const owner = await rig.server.caller({ bearer: rig.vendor.ownerToken });
      const before = await written(rig);
      expect(await failure(owner.bridges.claimAccount({ provider: 'toast', accountId: 'r-stranger' }))).toMatchObject({
        appCode: 'NOT_FOUND',
        message: "That Toast account has not added Makeries with this shop's or its owner's email address. Add Makeries in Toast's integrations first.",
      });
      expect(await failure(owner.bridges.claimAccount({ provider: 'toast', accountId: 'r-taken' }))).toMatchObject({ appCode: 'FORBIDDEN', message: 'Another shop on this marketplace is bridged to it.' });
      for (const accountId of ['r-gone', 'r-unknown']) {
        expect(await failure(owner.bridges.claimAccount({ provider: 'toast', accountId }))).toMatchObject({ appCode: 'NOT_FOUND', message: "That Toast account has not added Makeries with this shop's or its owner's email address. Add Makeries in Toast's integrations first." });
      }
      // bad input: no account, or a provider that is not claimed from a list
      expect((await failure(owner.bridges.claimAccount({ provider: 'toast', accountId: '' }))).appCode).toBe('BAD_INPUT');
      expect(await failure(owner.bridges.claimAccount({ provider: 'square', accountId: RESTAURANT }))).toMatchObject({ appCode: 'BAD_INPUT', message: 'Square connects through its own sign-in page, not from a list.' });
      expect(await written(rig)).toEqual(before);
      expect((await owner.bridges.status()).state).toBe('not_connected');
    });

    it('a manager or a cashier can neither list nor claim', async () => {
      const before = await written(rig);
      for (const bearer of [rig.vendor.managerToken, rig.vendor.cashierToken]) {
        const caller = await rig.server.caller({ bearer });
        await expect(caller.bridges.partnerAccounts({ provider: 'toast' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
        await expect(caller.bridges.claimAccount({ provider: 'toast', accountId: RESTAURANT })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      }
      expect(await written(rig)).toEqual(before);
    });

    it('the owner claims their own restaurant: connected with Toast’s scopes, full capabilities, the location next; a second claim is refused', async () => {
      const owner = await rig.server.caller({ bearer: rig.vendor.ownerToken });
      const view = await owner.bridges.claimAccount({ provider: 'toast', accountId: RESTAURANT });
      expect(view).toMatchObject({ state: 'choose_location', provider: 'toast', account: RESTAURANT, capabilities: { stockWrite: true, orderWrite: true } });
      expect(await owner.bridges.locations()).toEqual([{ id: RESTAURANT, name: 'Corner Bakery — High St', currency: 'GBP', usable: true, why: null }]);
      const c = await rig.connection();
      expect(c.scopes).toEqual(expect.arrayContaining(['stock:write', 'orders.orders:write', 'menus:read']));
      expect(await failure(owner.bridges.claimAccount({ provider: 'toast', accountId: RESTAURANT }))).toMatchObject({ appCode: 'CONFLICT' });
      const manager = await rig.server.caller({ bearer: rig.vendor.managerToken });
      expect((await manager.bridges.status()).state).toBe('choose_location');
    });

    it('a restaurant whose old shop disconnected can be claimed and used by the shop its owner now runs', async () => {
      // the other shop had chosen the restaurant as its location, then disconnected
      await chooseLocation(rig.db, rig.env, other.vendorId, 'r-taken');
      await disconnect(rig.db, rig.env, other.vendorId);
      const third = await createVendorFixture(rig.db, { currency: 'GBP' });
      rig.fake.restaurant('r-taken').createdBy = await emailOf(rig, third.vendorId);
      const owner = await rig.server.caller({ bearer: third.ownerToken });
      expect((await owner.bridges.partnerAccounts({ provider: 'toast' })).items.find((a) => a.id === 'r-taken')).toMatchObject({ usable: true, why: null });
      await owner.bridges.claimAccount({ provider: 'toast', accountId: 'r-taken' });
      const view = await owner.bridges.chooseLocation({ locationId: 'r-taken' });
      expect(view.state).toBe('importing');
      const rows = await rig.db.select({ vendorId: posConnections.vendorId, status: posConnections.status, location: posConnections.locationExtId }).from(posConnections).where(eq(posConnections.connectionKey, 'r-taken'));
      expect(rows.map((r) => [r.vendorId === third.vendorId ? 'third' : 'other', r.status, r.location]).sort()).toEqual([
        ['other', 'revoked', null],
        ['third', 'connected', 'r-taken'],
      ]);
      // two claims that raced each other (both read the list before either was saved): the second shop to choose the
      // location is refused in words, nothing changes
      const racer = await createVendorFixture(rig.db, { currency: 'GBP' });
      await rig.db.insert(posConnections).values({ id: uuidv7(), vendorId: racer.vendorId, provider: 'toast', connectionKey: 'r-taken', credentialsEnc: sealFor(rig.env, { accessToken: TOAST_PARTNER_MARKER, refreshToken: null, expiresAt: null }), scopes: [], currency: 'GBP' });
      await expect(chooseLocation(rig.db, rig.env, racer.vendorId, 'r-taken')).rejects.toMatchObject({ code: 'CONFLICT', message: 'Another shop on this marketplace is bridged to this Toast location.' });
      const [raced] = await rig.db.select({ location: posConnections.locationExtId }).from(posConnections).where(eq(posConnections.vendorId, racer.vendorId));
      expect(raced?.location).toBeNull();
    });
  });
}
