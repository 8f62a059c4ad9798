ALTER TABLE "vendors" ADD COLUMN "sold_out_policy" text DEFAULT 'warn' NOT NULL;--> statement-breakpoint
ALTER TABLE "vendors" ADD COLUMN "blind_close" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "vendors" ADD CONSTRAINT "vendors_sold_out_policy_chk" CHECK ("vendors"."sold_out_policy" in ('warn', 'block', 'allow'));
