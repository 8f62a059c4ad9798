import {
  DEFAULT_BLIND_CLOSE,
  DEFAULT_SOLD_OUT_POLICY,
  gs1TemplateSchema,
  openingHoursSchema,
  ORDER_STATUSES,
  promoDiscountSchema,
  soldOutPolicySchema,
  type ChangeEntity,
} from '@makeries/shared';
import { z } from 'zod';
import { orderMessageRow } from '../messages/mirror';

/*
 * Shapes of the rows the server's change feed sends (Change.data). The feed sends the current server row,
 * so field names follow the server's drizzle columns (camelCase); snake_case keys are accepted too, and
 * unknown fields are ignored, so a server that adds columns never breaks an older counter.
 */

const when = z
  .union([z.string().min(1), z.date()])
  .transform((v) => (typeof v === 'string' ? new Date(v) : v))
  .refine((d) => !Number.isNaN(d.getTime()), 'Invalid date')
  .transform((d) => d.toISOString());
const bool = z.union([z.boolean(), z.literal(0), z.literal(1)]).transform((v) => v === true || v === 1);
const int = z.number().int();
const money = z.number().int().min(0);
const text = z.string();

const vendorRow = z.object({
  name: text,
  currency: z.string().regex(/^[A-Z]{3}$/),
  taxMode: z.enum(['inclusive', 'exclusive']),
  timezone: text.default('UTC'),
  cashRoundingCents: int.min(0).default(0),
  gs1Template: gs1TemplateSchema.nullable().default(null),
  paused: bool.default(false),
  phone: text.default(''),
  addressLine1: text.default(''),
  city: text.default(''),
  postcode: text.default(''),
  description: text.default(''),
  email: text.default(''),
  // hours the counter cannot read are shown as "not set" rather than refusing the whole vendor row
  openingHours: openingHoursSchema.nullable().default(null).catch(null),
  pausedReason: text.nullable().default(null),
  receiptHeader: text.default(''),
  receiptFooter: text.default(''),
  taxNumber: text.default(''),
  receiptLogoPath: text.nullable().default(null),
  // a policy this counter does not know yet falls back to the default warning: it never refuses a sale
  soldOutPolicy: soldOutPolicySchema.default(DEFAULT_SOLD_OUT_POLICY).catch(DEFAULT_SOLD_OUT_POLICY),
  blindClose: bool.default(DEFAULT_BLIND_CLOSE),
});

const categoryRow = z.object({ vendorId: text.nullable().default(null), slug: text, name: text, sort: int.default(0) });

const taxRateRow = z.object({ taxClass: text, name: text, rateBps: int.min(0).max(10_000) });

const productRow = z.object({
  categoryId: text.nullable().default(null),
  name: text,
  onlineVisible: bool.default(true),
  archived: bool.default(false),
  // servers before issue 14 send neither; a provider this counter does not know still makes the product read-only
  posProvider: text.nullable().default(null),
  posEditUrl: text.nullable().default(null),
});

const variantRow = z.object({
  productId: text,
  name: text.default('Default'),
  sku: text,
  barcode: text.nullable().default(null),
  priceCents: money,
  taxClass: text.default('standard'),
  soldBy: z.enum(['each', 'weight']).default('each'),
  trackStock: bool.default(true),
  lowStockThreshold: int.default(0),
  sort: int.default(0),
  archived: bool.default(false),
});

const staffRow = z.object({
  name: text,
  role: z.enum(['owner', 'manager', 'cashier']),
  pinHash: text.nullable().default(null),
  active: bool.default(true),
});

const stockLevelRow = z.object({
  onHand: int,
  reserved: int.default(0),
  updatedAt: when.nullable().default(null),
});

export const webOrderLineRow = z.object({
  id: text,
  lineNo: int,
  variantId: text.nullable().default(null),
  name: text,
  variantName: text.default(''),
  sku: text,
  quantity: int,
  soldBy: z.enum(['each', 'weight']).default('each'),
  unitPriceCents: money,
  totalCents: money,
});

const jsonObject = z.record(z.string(), z.unknown()).nullable().default(null);

const webOrderRow = z.object({
  number: text,
  status: z.enum(ORDER_STATUSES),
  fulfilment: z.enum(['pickup', 'delivery', 'counter']),
  customerId: text.nullable().default(null),
  contact: jsonObject,
  deliveryAddress: jsonObject,
  pickupAt: when.nullable().default(null),
  currency: z.string().regex(/^[A-Z]{3}$/),
  taxMode: z.enum(['inclusive', 'exclusive']),
  subtotalCents: money,
  discountCents: money.default(0),
  taxCents: money,
  deliveryFeeCents: money.default(0),
  totalCents: money,
  paymentStatus: text,
  note: text.default(''),
  prepMinutes: int.nullable().default(null),
  statusReason: text.nullable().default(null),
  placedAt: when,
  lines: z.array(z.record(z.string(), z.unknown())).default([]),
});

/** A shop's promo code for the till (issue 18); uses and limits stay on the server. */
const promoCodeRow = z.object({
  code: z.string().min(1),
  description: text.default(''),
  discount: promoDiscountSchema,
  minBasketCents: money.default(0),
  firstOrderOnly: bool.default(false),
  startsAt: when.nullable().default(null),
  endsAt: when.nullable().default(null),
  active: bool.default(true),
  updatedAt: when,
});

export const ROW_SCHEMAS = {
  vendor: vendorRow,
  category: categoryRow,
  tax_rate: taxRateRow,
  product: productRow,
  variant: variantRow,
  staff: staffRow,
  stock_level: stockLevelRow,
  web_order: webOrderRow,
  order_message: orderMessageRow,
  promo_code: promoCodeRow,
} satisfies Record<ChangeEntity, z.ZodType>;

export type RowOf<E extends ChangeEntity> = z.output<(typeof ROW_SCHEMAS)[E]>;

function camel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** snake_case keys → camelCase (one level; nested JSON such as gs1Template is left as sent). */
export function camelKeys(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) out[k.includes('_') ? camel(k) : k] = v;
  return out;
}
