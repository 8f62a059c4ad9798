CREATE TABLE "pos_connections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"vendor_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"connection_key" text NOT NULL,
	"location_ext_id" text,
	"location_name" text,
	"status" text DEFAULT 'connected' NOT NULL,
	"status_reason" text,
	"credentials_enc" text NOT NULL,
	"access_expires_at" timestamp with time zone,
	"refreshed_at" timestamp with time zone,
	"scopes" text[] DEFAULT '{}'::text[] NOT NULL,
	"currency" text NOT NULL,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"options" jsonb DEFAULT '{"webOrdersInPos":false}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pos_connections_vendor_id_unique" UNIQUE("vendor_id")
);
--> statement-breakpoint
CREATE TABLE "pos_entity_map" (
	"connection_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"ext_id" text NOT NULL,
	"local_id" uuid NOT NULL,
	"ext_version" text,
	"ext_updated_at" timestamp with time zone,
	"aux" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pos_entity_map_connection_id_entity_ext_id_pk" PRIMARY KEY("connection_id","entity","ext_id")
);
--> statement-breakpoint
CREATE TABLE "pos_import_staging" (
	"connection_id" uuid NOT NULL,
	"ext_id" text NOT NULL,
	"type" text NOT NULL,
	"seq" bigserial NOT NULL,
	"data" jsonb NOT NULL,
	"applied" boolean DEFAULT false NOT NULL,
	CONSTRAINT "pos_import_staging_connection_id_ext_id_pk" PRIMARY KEY("connection_id","ext_id")
);
--> statement-breakpoint
CREATE TABLE "pos_oauth_states" (
	"state_hash" text PRIMARY KEY NOT NULL,
	"vendor_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pos_pushes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"connection_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"local_ref" uuid NOT NULL,
	"variant_id" uuid,
	"quantity" integer DEFAULT 0 NOT NULL,
	"idempotency_key" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"ext_ref" text,
	"ext_observed_at" timestamp with time zone,
	"last_error" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pos_pushes_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "pos_stock_state" (
	"connection_id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	"ext_quantity" integer,
	"observed_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pos_stock_state_connection_id_variant_id_pk" PRIMARY KEY("connection_id","variant_id")
);
--> statement-breakpoint
CREATE TABLE "pos_sync_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"connection_id" uuid NOT NULL,
	"level" text NOT NULL,
	"message" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pos_sync_log_message_chk" CHECK (length("pos_sync_log"."message") > 0)
);
--> statement-breakpoint
CREATE TABLE "pos_sync_state" (
	"connection_id" uuid NOT NULL,
	"stream" text NOT NULL,
	"phase" text,
	"cursor" text,
	"done" integer DEFAULT 0 NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_success_at" timestamp with time zone,
	"last_error" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pos_sync_state_connection_id_stream_pk" PRIMARY KEY("connection_id","stream")
);
--> statement-breakpoint
CREATE TABLE "pos_webhook_events" (
	"provider" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"connection_key" text,
	"topic" text NOT NULL,
	"body" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"outcome" text,
	CONSTRAINT "pos_webhook_events_provider_dedupe_key_pk" PRIMARY KEY("provider","dedupe_key")
);
--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "pos_provider" text;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "pos_edit_url" text;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "description_edited" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "pos_connections" ADD CONSTRAINT "pos_connections_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pos_entity_map" ADD CONSTRAINT "pos_entity_map_connection_id_pos_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."pos_connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pos_import_staging" ADD CONSTRAINT "pos_import_staging_connection_id_pos_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."pos_connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pos_oauth_states" ADD CONSTRAINT "pos_oauth_states_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pos_pushes" ADD CONSTRAINT "pos_pushes_connection_id_pos_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."pos_connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pos_stock_state" ADD CONSTRAINT "pos_stock_state_connection_id_pos_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."pos_connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pos_stock_state" ADD CONSTRAINT "pos_stock_state_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."variants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pos_sync_log" ADD CONSTRAINT "pos_sync_log_connection_id_pos_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."pos_connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pos_sync_state" ADD CONSTRAINT "pos_sync_state_connection_id_pos_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."pos_connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pos_connections_key_uq" ON "pos_connections" USING btree ("provider","connection_key","location_ext_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pos_entity_map_local_uq" ON "pos_entity_map" USING btree ("connection_id","entity","local_id");--> statement-breakpoint
CREATE INDEX "pos_entity_map_local_idx" ON "pos_entity_map" USING btree ("local_id");--> statement-breakpoint
CREATE INDEX "pos_import_staging_seq_idx" ON "pos_import_staging" USING btree ("connection_id","type","seq");--> statement-breakpoint
CREATE INDEX "pos_pushes_open_idx" ON "pos_pushes" USING btree ("connection_id","variant_id") WHERE "pos_pushes"."state" IN ('pending', 'sent');--> statement-breakpoint
CREATE INDEX "pos_pushes_ref_idx" ON "pos_pushes" USING btree ("local_ref");--> statement-breakpoint
CREATE INDEX "pos_sync_log_conn_idx" ON "pos_sync_log" USING btree ("connection_id","id");