import { z } from 'zod';
import { operatorReasonSchema, type AuditEntry } from './admin';
import { bpsSchema, pageInputSchema, uuidSchema } from './common';
import { text } from './text';

/** The operator console's shops area (issue 17): the applications queue and a shop's standing. */

/** A shop's standing with the marketplace: only `approved` shops are on the storefront. */
export const SHOP_STATUSES = ['pending', 'approved', 'rejected', 'suspended'] as const;
export type ShopStatus = (typeof SHOP_STATUSES)[number];

export const adminShopListInput = pageInputSchema.extend({
  status: z.enum(SHOP_STATUSES, { error: 'Choose pending, approved, rejected or suspended' }).optional(),
  /** part of the shop's name, email or web address, or of its owner's email */
  search: text({ max: 200, label: 'Searches' }).optional(),
});
export type AdminShopListInput = z.infer<typeof adminShopListInput>;

export const adminShopIdInput = z.object({ vendorId: uuidSchema });
export type AdminShopIdInput = z.infer<typeof adminShopIdInput>;

/** approve: the reason is optional (a note for the log); every other action needs one */
export const adminShopApproveInput = adminShopIdInput.extend({ reason: text({ max: 1000, label: 'Reasons' }).optional() });
export type AdminShopApproveInput = z.infer<typeof adminShopApproveInput>;

export const adminShopReasonInput = adminShopIdInput.extend({ reason: operatorReasonSchema });
export type AdminShopReasonInput = z.infer<typeof adminShopReasonInput>;

/** null = the marketplace's default fee (PLATFORM_FEE_BPS) */
export const adminShopFeeInput = adminShopReasonInput.extend({ feeBps: bpsSchema.nullable() });
export type AdminShopFeeInput = z.infer<typeof adminShopFeeInput>;

export const adminShopPermissionsInput = adminShopReasonInput.extend({ pickupAllowed: z.boolean(), deliveryAllowed: z.boolean() });
export type AdminShopPermissionsInput = z.infer<typeof adminShopPermissionsInput>;

export interface AdminShopListItem {
  id: string;
  slug: string;
  name: string;
  email: string;
  city: string;
  status: ShopStatus;
  statusReason: string | null;
  statusChangedAt: string | null;
  createdAt: string;
  owner: { name: string; email: string } | null;
}

export interface AdminShopPage {
  items: AdminShopListItem[];
  nextCursor: string | null;
}

export interface AdminShopDetail extends AdminShopListItem {
  description: string;
  phone: string;
  addressLine1: string;
  postcode: string;
  country: string;
  currency: string;
  paused: boolean;
  pausedReason: string | null;
  /** what the shop offers now, and what the operator allows it to */
  pickupEnabled: boolean;
  deliveryEnabled: boolean;
  pickupAllowed: boolean;
  deliveryAllowed: boolean;
  /** the shop's own fee (null = the market default) and the fee card payments use now */
  platformFeeBps: number | null;
  effectiveFeeBps: number;
  stripe: { accountId: string | null; chargesEnabled: boolean; payoutsEnabled: boolean; payoutHold: boolean };
  counters: { active: number; revoked: number; lastSeenAt: string | null };
  products: number;
  bridge: { provider: string; status: string; statusReason: string | null; consecutiveFailures: number } | null;
  /** the operator actions on this shop, newest first (from the audit log) */
  history: AuditEntry[];
}
