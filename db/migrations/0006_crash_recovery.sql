ALTER TABLE "generations" ADD COLUMN "claimed_by" text;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "callback_task_id" text;--> statement-breakpoint
CREATE INDEX "generations_claimed_by_idx" ON "generations" USING btree ("claimed_by") WHERE "generations"."claimed_by" is not null;