-- Order messages between a customer and a shop (issue 18): one thread per order, ids minted by the writer.
CREATE TABLE "order_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"vendor_id" uuid NOT NULL,
	"author" text NOT NULL,
	"staff_id" uuid,
	"body" text DEFAULT '' NOT NULL,
	"photo_path" text,
	"photo_thumb_path" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_messages_author_chk" CHECK ("order_messages"."author" IN ('customer', 'shop')),
	CONSTRAINT "order_messages_staff_chk" CHECK ("order_messages"."author" = 'shop' OR "order_messages"."staff_id" IS NULL)
);
--> statement-breakpoint
ALTER TABLE "order_messages" ADD CONSTRAINT "order_messages_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "order_messages" ADD CONSTRAINT "order_messages_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "order_messages" ADD CONSTRAINT "order_messages_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "order_messages_order_idx" ON "order_messages" USING btree ("order_id","id");
--> statement-breakpoint
-- the shop's counters learn of messages through the change feed, scoped to the shop like web orders
CREATE TRIGGER order_messages_change_log AFTER INSERT OR UPDATE OR DELETE ON order_messages
  FOR EACH ROW EXECUTE FUNCTION makeries_log_change('order_message');
--> statement-breakpoint
-- a message can be reported to the operator by the other party: a customer, a guest (no account) or the shop
ALTER TABLE "content_reports" ALTER COLUMN "customer_id" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "content_reports" ADD COLUMN "reporter" text DEFAULT 'customer' NOT NULL;
--> statement-breakpoint
ALTER TABLE "content_reports" ADD CONSTRAINT "content_reports_reporter_chk" CHECK ("content_reports"."reporter" IN ('customer', 'guest', 'shop'));
--> statement-breakpoint
ALTER TABLE "content_reports" DROP CONSTRAINT "content_reports_kind_chk";
--> statement-breakpoint
ALTER TABLE "content_reports" ADD CONSTRAINT "content_reports_kind_chk" CHECK ("content_reports"."kind" IN ('product', 'shop', 'review', 'message'));
--> statement-breakpoint
-- one open report per message (only the other party can report it)
CREATE UNIQUE INDEX "content_reports_open_message_uq" ON "content_reports" USING btree ("target_id") WHERE "content_reports"."status" = 'open' AND "content_reports"."kind" = 'message';
