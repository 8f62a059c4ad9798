import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns';
import { variants } from './catalog';
import { vendors } from './vendors';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const POS_PROVIDERS = ['square', 'shopify', 'toast'] as const;
export const POS_CONNECTION_STATUSES = ['connected', 'paused', 'error', 'revoked'] as const;

/** Per-connection choices of the shop owner. */
export interface PosConnectionOptions {
  /** web orders are created as orders in the POS (Square: with an external payment) instead of stock adjustments */
  webOrdersInPos: boolean;
}

/**
 * A shop's link to its point of sale (services/bridges). One per shop. The tokens are sealed with AES-256-GCM
 * (bridges/crypto.ts) and never leave the server. `status` is what the back office shows; `status_reason` says why
 * in words when it is paused, in error or revoked.
 */
export const posConnections = pgTable(
  'pos_connections',
  {
    id: uuid('id').primaryKey(),
    vendorId: uuid('vendor_id')
      .notNull()
      .unique()
      .references(() => vendors.id),
    provider: text('provider', { enum: POS_PROVIDERS }).notNull(),
    /** Square merchant id, Shopify shop domain, Toast restaurant guid */
    connectionKey: text('connection_key').notNull(),
    locationExtId: text('location_ext_id'),
    locationName: text('location_name'),
    status: text('status', { enum: POS_CONNECTION_STATUSES }).notNull().default('connected'),
    statusReason: text('status_reason'),
    credentialsEnc: text('credentials_enc').notNull(),
    accessExpiresAt: at('access_expires_at'),
    refreshedAt: at('refreshed_at'),
    scopes: text('scopes').array().notNull().default(sql`'{}'::text[]`),
    currency: text('currency').notNull(),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    options: jsonb('options').$type<PosConnectionOptions>().notNull().default({ webOrdersInPos: false }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('pos_connections_key_uq').on(t.provider, t.connectionKey, t.locationExtId)],
);

/** Single-use OAuth `state` values (stored hashed), bound to the shop and the person who started the connect. */
export const posOauthStates = pgTable('pos_oauth_states', {
  stateHash: text('state_hash').primaryKey(),
  vendorId: uuid('vendor_id')
    .notNull()
    .references(() => vendors.id),
  provider: text('provider', { enum: POS_PROVIDERS }).notNull(),
  expiresAt: at('expires_at').notNull(),
  createdAt: createdAt(),
});

/** Which Makeries row an external object is (product, variant, tax, category, image, order). */
export const posEntityMap = pgTable(
  'pos_entity_map',
  {
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => posConnections.id),
    entity: text('entity', { enum: ['product', 'variant', 'tax', 'category', 'image', 'order'] }).notNull(),
    extId: text('ext_id').notNull(),
    localId: uuid('local_id').notNull(),
    /** the POS's version of the object last applied (Square: int64 as text) */
    extVersion: text('ext_version'),
    extUpdatedAt: at('ext_updated_at'),
    aux: jsonb('aux').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.connectionId, t.entity, t.extId] }),
    uniqueIndex('pos_entity_map_local_uq').on(t.connectionId, t.entity, t.localId),
    index('pos_entity_map_local_idx').on(t.localId),
  ],
);

/**
 * Progress and cursors per stream: `import` (the first import: phase, page cursor, counts, preview), `catalog`
 * (incremental cursor), `stock`, `orders`.
 */
export const posSyncState = pgTable(
  'pos_sync_state',
  {
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => posConnections.id),
    stream: text('stream').notNull(),
    phase: text('phase'),
    cursor: text('cursor'),
    done: integer('done').notNull().default(0),
    total: integer('total').notNull().default(0),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    lastSuccessAt: at('last_success_at'),
    lastError: text('last_error'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.stream] })],
);

/** Raw objects of the first import, fetched page by page before the owner applies them. */
export const posImportStaging = pgTable(
  'pos_import_staging',
  {
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => posConnections.id),
    extId: text('ext_id').notNull(),
    type: text('type').notNull(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    applied: boolean('applied').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.extId] }), index('pos_import_staging_seq_idx').on(t.connectionId, t.type, t.seq)],
);

/** Every webhook delivery we accepted, once per provider event id (the job `pos.webhook` processes it). */
export const posWebhookEvents = pgTable(
  'pos_webhook_events',
  {
    provider: text('provider', { enum: POS_PROVIDERS }).notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    connectionKey: text('connection_key'),
    topic: text('topic').notNull(),
    /** the delivery headers the connector reads again in the drain job (Shopify: topic, shop, event id, triggered-at) */
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    body: text('body').notNull(),
    receivedAt: at('received_at').notNull().defaultNow(),
    processedAt: at('processed_at'),
    outcome: text('outcome'),
  },
  (t) => [primaryKey({ columns: [t.provider, t.dedupeKey] })],
);

/** The POS's last observed count per bridged variant, with the POS's own time of it (the monotonic guard). */
export const posStockState = pgTable(
  'pos_stock_state',
  {
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => posConnections.id),
    variantId: uuid('variant_id')
      .notNull()
      .references(() => variants.id),
    /** null: the POS does not track this item */
    extQuantity: integer('ext_quantity'),
    observedAt: at('observed_at').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.variantId] })],
);

/**
 * What we owe the POS: one row per stock movement of a bridged variant (`stock_delta`, sent as an adjustment), per
 * web order shown in the POS (`order`), or per line of such an order (`order_line`: its stock moves when the POS
 * completes the order). Written in the same transaction as the movement or order; `quantity` is the signed stock
 * delta still unacknowledged while `state` is pending or sent.
 */
export const posPushes = pgTable(
  'pos_pushes',
  {
    id: uuid('id').primaryKey(),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => posConnections.id),
    kind: text('kind', { enum: ['stock_delta', 'order', 'order_line'] }).notNull(),
    localRef: uuid('local_ref').notNull(),
    variantId: uuid('variant_id'),
    quantity: integer('quantity').notNull().default(0),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    state: text('state', { enum: ['pending', 'sent', 'acknowledged', 'failed', 'skipped'] }).notNull().default('pending'),
    extRef: text('ext_ref'),
    extObservedAt: at('ext_observed_at'),
    lastError: text('last_error'),
    occurredAt: at('occurred_at').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('pos_pushes_open_idx').on(t.connectionId, t.variantId).where(sql`${t.state} IN ('pending', 'sent')`),
    index('pos_pushes_ref_idx').on(t.localRef),
  ],
);

/** What the bridge did, in words, for the back office's sync log (newest first, paged). */
export const posSyncLog = pgTable(
  'pos_sync_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => posConnections.id),
    level: text('level', { enum: ['info', 'warn', 'error'] }).notNull(),
    message: text('message').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    at: at('at').notNull().defaultNow(),
  },
  (t) => [index('pos_sync_log_conn_idx').on(t.connectionId, t.id), check('pos_sync_log_message_chk', sql`length(${t.message}) > 0`)],
);
