import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { vendors } from './db/schema/index';
import { describeEachDb } from './test/harness';
import { createVendorFixture } from './test/fixtures';

describeEachDb('sessions of a shop the marketplace has not approved', (get) => {
  it('keep working for staff and paired counters whatever the standing: only the storefront hides the shop', async () => {
    const { db } = get().database;
    const shop = await createVendorFixture(db);
    const owner = await get().caller({ bearer: shop.ownerToken });
    const { code } = await owner.devices.createPairingCode({ deviceName: 'Front counter' });
    const { deviceToken } = await (await get().caller()).devices.pair({ code });

    for (const status of ['suspended', 'rejected', 'pending', 'approved'] as const) {
      await db.update(vendors).set({ status }).where(eq(vendors.id, shop.vendorId));
      expect((await (await get().caller({ bearer: shop.ownerToken })).vendors.mine()).status).toBe(status);
      expect((await (await get().caller({ bearer: deviceToken })).devices.me()).vendor.id).toBe(shop.vendorId);
    }
  });
});
