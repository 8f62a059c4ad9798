import { AppError, type AdminShopFeeInput, type AdminShopPermissionsInput, type ShopStatus } from '@makeries/shared';
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { vendors } from '../../db/schema/index';
import { refreshStorefrontRollups } from '../rollups/refresh';
import { recordAudit, type OperatorCtx } from './audit';
import { enqueueStandingEmail, type StandingChange } from './shop-emails';

/**
 * A shop's standing with the marketplace, changed by an operator (issue 17). Every change is one transaction:
 * the vendor row locked, the transition checked, the row updated, the audit row and the owner's email written.
 * The vendors row's change-feed trigger NOTIFYs at commit, so cached storefront pages showing the shop drop at
 * once on every server instance (http/page-cache), and the counters are poked.
 */

type VendorRow = typeof vendors.$inferSelect;

export const SHOP_NOT_FOUND = 'We could not find that shop.';

export async function lockShop(tx: Tx, vendorId: string): Promise<VendorRow> {
  const [row] = await tx.select().from(vendors).where(eq(vendors.id, vendorId)).for('update');
  if (!row) throw new AppError('NOT_FOUND', SHOP_NOT_FOUND);
  return row;
}

interface Transition {
  action: 'approve' | 'reject' | 'suspend' | 'reinstate';
  from: readonly ShopStatus[];
  to: ShopStatus;
  email: StandingChange;
  /** why a shop in another status cannot take this step */
  refuse: (shop: string, status: ShopStatus) => string;
}

const STATUS_WORDS: Record<ShopStatus, string> = { pending: 'waiting for approval', approved: 'approved', rejected: 'rejected', suspended: 'suspended' };

const TRANSITIONS: Record<Transition['action'], Transition> = {
  approve: {
    action: 'approve',
    from: ['pending', 'rejected'],
    to: 'approved',
    email: 'approved',
    refuse: (shop, s) => (s === 'suspended' ? `${shop} is suspended: reinstate it instead of approving it.` : `${shop} is already approved.`),
  },
  reject: {
    action: 'reject',
    from: ['pending'],
    to: 'rejected',
    email: 'rejected',
    refuse: (shop, s) => `Only an application waiting for approval can be rejected; ${shop} is ${STATUS_WORDS[s]}.${s === 'approved' ? ' Suspend it instead.' : ''}`,
  },
  suspend: {
    action: 'suspend',
    from: ['approved'],
    to: 'suspended',
    email: 'suspended',
    refuse: (shop, s) => `Only an approved shop can be suspended; ${shop} is ${STATUS_WORDS[s]}.`,
  },
  reinstate: {
    action: 'reinstate',
    from: ['suspended'],
    to: 'approved',
    email: 'reinstated',
    refuse: (shop, s) => `Only a suspended shop can be reinstated; ${shop} is ${STATUS_WORDS[s]}.`,
  },
};

export interface StandingResult {
  vendorId: string;
  status: ShopStatus;
  statusReason: string | null;
  statusChangedAt: string;
}

/** Approve, reject, suspend or reinstate; refuses a step the shop's status does not allow with CONFLICT. */
export async function changeStanding(
  db: Db,
  who: OperatorCtx,
  action: Transition['action'],
  input: { vendorId: string; reason?: string | undefined },
): Promise<StandingResult> {
  const t = TRANSITIONS[action];
  const reason = input.reason?.trim() ?? '';
  return db.transaction(async (tx) => {
    const shop = await lockShop(tx, input.vendorId);
    if (!t.from.includes(shop.status)) throw new AppError('CONFLICT', t.refuse(shop.name, shop.status), { details: { status: shop.status } });
    const at = new Date();
    // the owner sees the reason of a rejection or suspension; approving clears it
    const statusReason = t.to === 'rejected' || t.to === 'suspended' ? reason : null;
    await tx.update(vendors).set({ status: t.to, statusReason, statusChangedAt: at, updatedAt: at }).where(eq(vendors.id, shop.id));
    await recordAudit(tx, who, {
      action: `shop.${action}`,
      targetType: 'vendor',
      targetId: shop.id,
      before: { status: shop.status, statusReason: shop.statusReason },
      after: { status: t.to, statusReason },
      reason,
    });
    await enqueueStandingEmail(tx, shop.id, t.email, reason);
    // on or off the storefront: its counts and "popular" lists change in the same commit, not at the next refresh
    if ((shop.status === 'approved') !== (t.to === 'approved')) await refreshStorefrontRollups(tx);
    return { vendorId: shop.id, status: t.to, statusReason, statusChangedAt: at.toISOString() };
  });
}

/** The shop's own fee in basis points, or null for the marketplace default. */
export async function setShopFee(db: Db, who: OperatorCtx, input: AdminShopFeeInput): Promise<{ vendorId: string; platformFeeBps: number | null }> {
  return db.transaction(async (tx) => {
    const shop = await lockShop(tx, input.vendorId);
    if (shop.platformFeeBps === input.feeBps) {
      const now = input.feeBps === null ? 'the marketplace default' : `${String(input.feeBps)} bps`;
      throw new AppError('CONFLICT', `${shop.name}'s fee is already ${now}: nothing to change.`);
    }
    await tx.update(vendors).set({ platformFeeBps: input.feeBps, updatedAt: new Date() }).where(eq(vendors.id, shop.id));
    await recordAudit(tx, who, {
      action: 'shop.setFee',
      targetType: 'vendor',
      targetId: shop.id,
      before: { platformFeeBps: shop.platformFeeBps },
      after: { platformFeeBps: input.feeBps },
      reason: input.reason,
    });
    return { vendorId: shop.id, platformFeeBps: input.feeBps };
  });
}

export interface PermissionsResult {
  vendorId: string;
  pickupAllowed: boolean;
  deliveryAllowed: boolean;
  pickupEnabled: boolean;
  deliveryEnabled: boolean;
}

/** What the shop may offer online. Taking a permission away also turns that option off at once. */
export async function setShopPermissions(db: Db, who: OperatorCtx, input: AdminShopPermissionsInput): Promise<PermissionsResult> {
  return db.transaction(async (tx) => {
    const shop = await lockShop(tx, input.vendorId);
    if (shop.pickupAllowed === input.pickupAllowed && shop.deliveryAllowed === input.deliveryAllowed) {
      throw new AppError('CONFLICT', `${shop.name} already has these permissions: nothing to change.`);
    }
    const next = {
      pickupAllowed: input.pickupAllowed,
      deliveryAllowed: input.deliveryAllowed,
      pickupEnabled: shop.pickupEnabled && input.pickupAllowed,
      deliveryEnabled: shop.deliveryEnabled && input.deliveryAllowed,
    };
    await tx.update(vendors).set({ ...next, updatedAt: new Date() }).where(eq(vendors.id, shop.id));
    await recordAudit(tx, who, {
      action: 'shop.setPermissions',
      targetType: 'vendor',
      targetId: shop.id,
      before: { pickupAllowed: shop.pickupAllowed, deliveryAllowed: shop.deliveryAllowed, pickupEnabled: shop.pickupEnabled, deliveryEnabled: shop.deliveryEnabled },
      after: next,
      reason: input.reason,
    });
    return { vendorId: shop.id, ...next };
  });
}
