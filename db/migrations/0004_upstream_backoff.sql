ALTER TABLE "generations" ADD COLUMN "next_check_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "status_failures" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "status_failing_since" timestamp with time zone;