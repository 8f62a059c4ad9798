-- issue 17, orders and disputes: refund reasons/times, transfer reversal ids, payment charge ids, per-refund emails,
-- Stripe disputes, and the indexes the operator's order search uses over a million orders.
ALTER TABLE "payment_refunds" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD COLUMN "operator_id" uuid;--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD COLUMN "lines" jsonb;--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD COLUMN "succeeded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD COLUMN "stripe_reversal_id" text;--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD COLUMN "reversed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD CONSTRAINT "payment_refunds_operator_id_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."operators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payment_refunds_order_idx" ON "payment_refunds" USING btree ("order_id");--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "stripe_charge_id" text;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "last_failed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "payments_charge_idx" ON "payments" USING btree ("stripe_charge_id");--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "ref" text DEFAULT '' NOT NULL;--> statement-breakpoint
DROP INDEX "email_outbox_order_kind_uq";--> statement-breakpoint
CREATE UNIQUE INDEX "email_outbox_order_kind_uq" ON "email_outbox" USING btree ("order_id","kind","ref");--> statement-breakpoint
CREATE TABLE "disputes" (
	"id" text PRIMARY KEY NOT NULL,
	"payment_id" uuid,
	"charge_id" text NOT NULL,
	"payment_intent_id" text,
	"amount_cents" integer NOT NULL,
	"currency" text NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"open" boolean NOT NULL,
	"evidence_due_by" timestamp with time zone,
	"outcome" text,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"funds_withdrawn_at" timestamp with time zone,
	"funds_reinstated_at" timestamp with time zone,
	"last_event_created" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disputes_payment_idx" ON "disputes" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "disputes_open_due_idx" ON "disputes" USING btree ("evidence_due_by","id") WHERE "disputes"."open";--> statement-breakpoint
CREATE INDEX "disputes_closed_idx" ON "disputes" USING btree ("closed_at" DESC,"id" DESC) WHERE NOT "disputes"."open";--> statement-breakpoint
CREATE INDEX "orders_placed_idx" ON "orders" USING btree ("placed_at" DESC,"id" DESC);--> statement-breakpoint
CREATE INDEX "orders_vendor_placed_idx" ON "orders" USING btree ("vendor_id","placed_at" DESC,"id" DESC);--> statement-breakpoint
CREATE INDEX "orders_number_idx" ON "orders" USING btree ("number" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "orders_contact_email_idx" ON "orders" USING btree (lower("contact"->>'email'),"placed_at" DESC);
