import { z } from 'zod';
import { pageInputSchema, uuidSchema } from './common';
import { text } from './text';

/** Points of sale a shop can bridge to (issue 14: Square; issue 15: Shopify and Toast on the same engine). */
export const posProviderSchema = z.enum(['square', 'shopify', 'toast']);
export type PosProvider = z.infer<typeof posProviderSchema>;

/** What the back office shows for a connection, in this order of precedence. */
export const BRIDGE_STATES = ['not_configured', 'not_connected', 'choose_location', 'importing', 'preview', 'applying', 'in_step', 'paused', 'error', 'revoked'] as const;
export type BridgeState = (typeof BRIDGE_STATES)[number];

export const bridgeProgressSchema = z.object({
  /** fetching the POS catalog page by page, or applying the previewed import */
  phase: z.enum(['fetching', 'applying']),
  done: z.number().int(),
  /** 0 while unknown (the POS does not say how many pages there are) */
  total: z.number().int(),
});

/** One point of sale the marketplace offers, side by side in the back office. */
export const bridgeProviderOfferSchema = z.object({
  provider: posProviderSchema,
  name: z.string(),
  /** the marketplace operator set up its app credentials */
  configured: z.boolean(),
  /** oauth: sign in at the POS; oauth_shop: type the store address, then sign in; partner: add Makeries in the POS, then choose the account here */
  connectKind: z.enum(['oauth', 'oauth_shop', 'partner']),
});
export type BridgeProviderOffer = z.infer<typeof bridgeProviderOfferSchema>;

export const bridgeViewSchema = z.object({
  provider: posProviderSchema,
  /** every POS the marketplace offers (the shop connects to one at a time) */
  providers: z.array(bridgeProviderOfferSchema),
  /** what the connection may write; a read-only connection imports and follows stock but sends nothing back */
  capabilities: z.object({ stockWrite: z.boolean(), orderWrite: z.boolean() }).nullable(),
  state: z.enum(BRIDGE_STATES),
  /** in words, for paused / error / revoked (and why an import stopped) */
  reason: z.string().nullable(),
  /** the POS account: Square merchant id, Shopify store address, Toast restaurant guid */
  account: z.string().nullable(),
  location: z.object({ id: z.string(), name: z.string() }).nullable(),
  progress: bridgeProgressSchema.nullable(),
  /** products and variants bridged from the POS */
  bridged: z.object({ products: z.number().int(), variants: z.number().int() }),
  lastSyncAt: z.string().nullable(),
  /** stock movements and orders waiting to reach the POS */
  pendingPushes: z.number().int(),
  failedJobs: z.number().int(),
  options: z.object({ webOrdersInPos: z.boolean() }),
  /** only the owner connects, imports, changes options and disconnects */
  canManage: z.boolean(),
});
export type BridgeView = z.infer<typeof bridgeViewSchema>;

export const bridgeProviderInput = z.object({ provider: posProviderSchema.default('square') });

/** A Shopify store address: `name.myshopify.com` (what Shopify's OAuth accepts), typed by the owner. */
export const shopifyDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((s) => s.replace(/^https?:\/\//, '').replace(/\/.*$/, ''))
  .transform((s) => (s.includes('.') ? s : `${s}.myshopify.com`))
  .pipe(z.string().max(120).regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, 'Type the store address Shopify gave you, like your-shop.myshopify.com.'));

export const bridgeConnectInput = z.object({ provider: posProviderSchema.default('square'), shopDomain: shopifyDomainSchema.optional() });

/** An account of a partner POS (Toast restaurant) that added Makeries on its side. */
export const bridgeAccountSchema = z.object({ id: z.string(), name: z.string(), addedBy: z.string().nullable(), usable: z.boolean(), why: z.string().nullable() });
export type BridgeAccount = z.infer<typeof bridgeAccountSchema>;

/** The partner accounts this shop may claim, paged. */
export const bridgePartnerInput = pageInputSchema.extend({ provider: posProviderSchema.default('toast') });

export const bridgeClaimInput = z.object({ provider: posProviderSchema, accountId: text({ max: 100, label: 'Account' }).pipe(z.string().min(1, 'Choose an account.')) });

export const bridgeLocationSchema = z.object({ id: z.string(), name: z.string(), currency: z.string(), usable: z.boolean(), why: z.string().nullable() });
export type BridgeLocation = z.infer<typeof bridgeLocationSchema>;

export const bridgeChooseLocationInput = z.object({ locationId: text({ max: 100, label: 'Locations' }).pipe(z.string().min(1, 'Choose a location.')) });

/** How the first import treats products the shop already has: never matched unless the owner picks a key. */
export const bridgeMatchSchema = z.enum(['none', 'sku', 'barcode']);
export type BridgeMatch = z.infer<typeof bridgeMatchSchema>;
export const bridgeApplyInput = z.object({ match: bridgeMatchSchema.default('none') });

export const ATTENTION_REASONS = ['variable_price', 'tax_mode_mismatch', 'duplicate_sku', 'duplicate_barcode', 'currency', 'price_too_large', 'no_variations', 'in_store_only'] as const;
export type AttentionReason = (typeof ATTENTION_REASONS)[number];

export const bridgeAttentionSchema = z.object({
  extId: z.string(),
  name: z.string(),
  reason: z.enum(ATTENTION_REASONS),
  /** what happens to it, in words */
  detail: z.string(),
});
export type BridgeAttention = z.infer<typeof bridgeAttentionSchema>;

export const bridgePreviewSchema = z.object({
  products: z.number().int(),
  variants: z.number().int(),
  taxes: z.number().int(),
  categories: z.number().int(),
  images: z.number().int(),
  attention: z.number().int(),
  /** products already in the shop that the import would link to instead of creating, per key */
  matches: z.object({ sku: z.number().int(), barcode: z.number().int() }),
  /** "412 products, 530 variants, 3 taxes; 7 items need attention (…)" */
  summary: z.string(),
});
export type BridgePreview = z.infer<typeof bridgePreviewSchema>;

export const bridgeAttentionPageInput = pageInputSchema;

export const bridgeOptionsInput = z.object({ webOrdersInPos: z.boolean() });

export const bridgeLogEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  level: z.enum(['info', 'warn', 'error']),
  message: z.string(),
});
export type BridgeLogEntry = z.infer<typeof bridgeLogEntrySchema>;

export const bridgeFailedJobSchema = z.object({
  id: uuidSchema,
  /** what the job was for, in words */
  what: z.string(),
  error: z.string(),
  attempts: z.number().int(),
  at: z.string(),
});
export type BridgeFailedJob = z.infer<typeof bridgeFailedJobSchema>;

export const bridgeRetryInput = z.object({ jobId: uuidSchema });

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
