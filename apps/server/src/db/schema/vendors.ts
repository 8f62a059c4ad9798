import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { DeliveryZone, OpeningHours, GS1Template } from '@makeries/shared';
import { createdAt, id, updatedAt } from './columns';

export const VENDOR_STATUSES = ['pending', 'approved', 'rejected', 'suspended'] as const;

export const vendors = pgTable(
  'vendors',
  {
    id: id(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    email: text('email').notNull(),
    phone: text('phone').notNull().default(''),
    addressLine1: text('address_line1').notNull(),
    city: text('city').notNull(),
    postcode: text('postcode').notNull(),
    country: text('country').notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    timezone: text('timezone').notNull(),
    currency: text('currency').notNull(),
    taxMode: text('tax_mode', { enum: ['inclusive', 'exclusive'] }).notNull(),
    openingHours: jsonb('opening_hours').$type<OpeningHours>().notNull(),
    pickupEnabled: boolean('pickup_enabled').notNull().default(true),
    deliveryEnabled: boolean('delivery_enabled').notNull().default(false),
    deliveryZones: jsonb('delivery_zones').$type<DeliveryZone[]>().notNull().default([]),
    minOrderCents: integer('min_order_cents').notNull().default(0),
    /** cash rounding increment in minor units (0 = none), applied to the cash tender only */
    cashRoundingCents: integer('cash_rounding_cents').notNull().default(0),
    gs1Template: jsonb('gs1_template').$type<GS1Template | null>(),
    paused: boolean('paused').notNull().default(false),
    pausedReason: text('paused_reason'),
    /** platform approval: only approved vendors are visible on the storefront (services/operators/shop-standing.ts) */
    status: text('status', { enum: VENDOR_STATUSES }).notNull().default('pending'),
    /** the operator's reason for the last rejection or suspension, shown to the owner; null otherwise */
    statusReason: text('status_reason'),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true, mode: 'date' }),
    /** what the operator lets the shop offer online: the shop cannot turn on what is not allowed */
    pickupAllowed: boolean('pickup_allowed').notNull().default(true),
    deliveryAllowed: boolean('delivery_allowed').notNull().default(true),
    /** the operator holds the shop's Stripe payouts (its connected account's schedule is manual) */
    payoutHold: boolean('payout_hold').notNull().default(false),
    imagePath: text('image_path'),
    /** printed on counter receipts: lines above the items, lines at the foot, the tax registration number */
    receiptHeader: text('receipt_header').notNull().default(''),
    receiptFooter: text('receipt_footer').notNull().default(''),
    taxNumber: text('tax_number').notNull().default(''),
    /** monochrome-friendly logo printed at the top of receipts (media path, like imagePath) */
    receiptLogoPath: text('receipt_logo_path'),
    /** counter: selling what it believes is sold out — warn, block (online only) or allow */
    soldOutPolicy: text('sold_out_policy', { enum: ['warn', 'block', 'allow'] }).notNull().default('warn'),
    /** counter: the expected cash stays hidden while the drawer is counted at shift close */
    blindClose: boolean('blind_close').notNull().default(true),
    nextOrderNumber: integer('next_order_number').notNull().default(1),
    /** Stripe Connect: the shop's connected account and what Stripe lets it do (from `account.updated`) */
    stripeAccountId: text('stripe_account_id'),
    stripeChargesEnabled: boolean('stripe_charges_enabled').notNull().default(false),
    stripePayoutsEnabled: boolean('stripe_payouts_enabled').notNull().default(false),
    /** Stripe's `created` of the last account snapshot applied, so an older event never overwrites a newer one */
    stripeAccountSeenAt: integer('stripe_account_seen_at').notNull().default(0),
    /** the Stripe Terminal location its card readers are registered to */
    stripeTerminalLocationId: text('stripe_terminal_location_id'),
    /** the marketplace's cut of card payments in basis points; null = PLATFORM_FEE_BPS */
    platformFeeBps: integer('platform_fee_bps'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('vendors_geo_idx').on(t.lat, t.lng),
    index('vendors_status_created_idx').on(t.status, t.createdAt, t.id),
    check('vendors_status_chk', sql`${t.status} in ('pending', 'approved', 'rejected', 'suspended')`),
    check('vendors_currency_chk', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('vendors_min_order_chk', sql`${t.minOrderCents} >= 0`),
    check('vendors_sold_out_policy_chk', sql`${t.soldOutPolicy} in ('warn', 'block', 'allow')`),
  ],
);
