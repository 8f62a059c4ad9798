CREATE TABLE "staff_device_proofs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"device_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "staff_device_proofs_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "staff_device_proofs" ADD CONSTRAINT "staff_device_proofs_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_device_proofs" ADD CONSTRAINT "staff_device_proofs_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staff_device_proofs_device_staff_idx" ON "staff_device_proofs" USING btree ("device_id","staff_id");--> statement-breakpoint
CREATE INDEX "staff_device_proofs_staff_idx" ON "staff_device_proofs" USING btree ("staff_id");
