CREATE TABLE "generation_sources" (
	"generation_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"media_id" uuid,
	CONSTRAINT "generation_sources_generation_id_position_pk" PRIMARY KEY("generation_id","position")
);
--> statement-breakpoint
ALTER TABLE "generation_sources" ADD CONSTRAINT "generation_sources_generation_id_generations_id_fk" FOREIGN KEY ("generation_id") REFERENCES "public"."generations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generation_sources" ADD CONSTRAINT "generation_sources_media_id_media_id_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "generation_sources_media_idx" ON "generation_sources" USING btree ("media_id");--> statement-breakpoint
CREATE INDEX "generations_result_media_idx" ON "generations" USING btree ("result_media_id");