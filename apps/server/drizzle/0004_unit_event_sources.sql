ALTER TABLE "unit_events" ADD COLUMN "source" text;--> statement-breakpoint
ALTER TABLE "unit_events" ADD COLUMN "source_event_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "unit_events_source_key" ON "unit_events" USING btree ("source","source_event_id");