import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { vendors } from '../../db/schema/index';

/**
 * Test and demo kits only: a shop registered through `vendors.register` starts `pending`; kits that need it on the
 * storefront approve it here, as an operator would have (without an audit row or an email to the owner).
 * Not a test file itself.
 */
export async function approveShopForTests(db: DbOrTx, vendorId: string): Promise<void> {
  await db.update(vendors).set({ status: 'approved', statusReason: null, statusChangedAt: new Date() }).where(eq(vendors.id, vendorId));
}
