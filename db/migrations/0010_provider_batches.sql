-- Generations name their Seedream host, and one click may ask for a batch of variations: one row per
-- image, sharing the click's idempotency key (hence the key is unique per batch index).
DROP INDEX "generations_user_idempotency_key";--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "provider" text DEFAULT 'api-in-one' NOT NULL;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "batch_id" uuid;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "batch_index" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "batch_size" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "lead_id" uuid;--> statement-breakpoint
CREATE INDEX "generations_batch_idx" ON "generations" USING btree ("batch_id") WHERE "generations"."batch_id" is not null;--> statement-breakpoint
CREATE INDEX "generations_lead_idx" ON "generations" USING btree ("lead_id") WHERE "generations"."lead_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "generations_user_idempotency_key" ON "generations" USING btree ("user_id","idempotency_key","batch_index");