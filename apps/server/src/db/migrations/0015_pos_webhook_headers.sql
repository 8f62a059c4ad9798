ALTER TABLE "pos_webhook_events" ADD COLUMN "headers" jsonb DEFAULT '{}'::jsonb NOT NULL;
