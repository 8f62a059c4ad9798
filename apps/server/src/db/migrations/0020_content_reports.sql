CREATE TABLE "content_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"target_id" uuid NOT NULL,
	"vendor_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"details" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"resolution" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "content_reports_kind_chk" CHECK ("content_reports"."kind" IN ('product', 'shop', 'review')),
	CONSTRAINT "content_reports_reason_chk" CHECK ("content_reports"."reason" IN ('misleading', 'prohibited', 'offensive', 'spam', 'other')),
	CONSTRAINT "content_reports_status_chk" CHECK ("content_reports"."status" IN ('open', 'dismissed', 'actioned'))
);
--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "moderation_hidden" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
ALTER TABLE "content_reports" ADD CONSTRAINT "content_reports_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "content_reports" ADD CONSTRAINT "content_reports_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "content_reports" ADD CONSTRAINT "content_reports_resolved_by_operators_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."operators"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "content_reports_open_uq" ON "content_reports" USING btree ("customer_id","kind","target_id") WHERE "content_reports"."status" = 'open';
--> statement-breakpoint
CREATE INDEX "content_reports_open_target_idx" ON "content_reports" USING btree ("kind","target_id","created_at") WHERE "content_reports"."status" = 'open';
--> statement-breakpoint
CREATE INDEX "content_reports_target_idx" ON "content_reports" USING btree ("target_id","created_at");
