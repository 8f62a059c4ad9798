import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { vendors } from './db/schema/index';
import { describeEachDb } from './test/harness';
import { createVendorFixture } from './test/fixtures';

describeEachDb('sessions of a suspended shop', (get) => {
  it('stop working for staff and paired counters, and work again when reinstated', async () => {
    const { db } = get().database;
    const shop = await createVendorFixture(db);
    const owner = await get().caller({ bearer: shop.ownerToken });
    const { code } = await owner.devices.createPairingCode({ deviceName: 'Front counter' });
    const { deviceToken } = await (await get().caller()).devices.pair({ code });

    expect((await owner.vendors.mine()).id).toBe(shop.vendorId);
    expect((await (await get().caller({ bearer: deviceToken })).devices.me()).vendor.id).toBe(shop.vendorId);

    await db.update(vendors).set({ status: 'suspended' }).where(eq(vendors.id, shop.vendorId));
    await expect((await get().caller({ bearer: shop.ownerToken })).vendors.mine()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect((await get().caller({ bearer: deviceToken })).devices.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });

    await db.update(vendors).set({ status: 'approved' }).where(eq(vendors.id, shop.vendorId));
    expect((await (await get().caller({ bearer: shop.ownerToken })).vendors.mine()).id).toBe(shop.vendorId);
  });
});
